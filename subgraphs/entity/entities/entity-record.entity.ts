import { Entity, Filter, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export const NOT_DELETED_FILTER = 'notDeleted';

/**
 * A schemaless record of a tenant: a `type` name and a JSON object. Custom entity types with
 * declared fields grow from here; until then `type` only groups records.
 */
@Entity({ tableName: 'entity_record' })
@Index({ properties: ['tenantId', 'type'] })
// Soft-deleted records are invisible to every read unless a read disables the filter on purpose
// (the bin, restore, purge): so no query can forget to leave them out.
// The bin and the purge look records up by deletion time; live records stay out of that index.
@Index({ name: 'entity_record_deleted_index', expression: 'create index "entity_record_deleted_index" on "entity"."entity_record" ("tenant_id", "deleted_at") where "deleted_at" is not null' })
// Lists sorted (and paged by keyset) on the timestamps read these in order; live records only.
@Index({ name: 'entity_record_created_index', expression: 'create index "entity_record_created_index" on "entity"."entity_record" ("tenant_id", "type", "created_at", "id") where "deleted_at" is null' })
@Index({ name: 'entity_record_updated_index', expression: 'create index "entity_record_updated_index" on "entity"."entity_record" ("tenant_id", "type", "updated_at", "id") where "deleted_at" is null' })
// Equality filters on text, number and boolean fields add a `data @> {...}` containment test this serves.
@Index({ name: 'entity_record_data_index', expression: 'create index "entity_record_data_index" on "entity"."entity_record" using gin ("data" jsonb_path_ops)' })
@Filter({ name: NOT_DELETED_FILTER, cond: { deletedAt: null }, default: true })
@ObjectType('EntityRecord', { description: 'A record of some type, holding a JSON object' })
@Directive('@key(fields: "id")')
export class EntityRecord extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Lower-case name grouping records, e.g. contact' })
  type!: string;

  /** Exposed through RecordResolver.data, which can project it to some keys. */
  @Property({ type: 'jsonb' })
  data!: Record<string, unknown>;

  /** The identity User who owns it, if anyone does; resolved by the gateway through `owner`. */
  @Property({ type: 'uuid', nullable: true, index: true })
  ownerId?: string | null;

  /** When it was moved to the bin; null while live. Purged for good after the retention period. */
  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the record was deleted (it is in the bin); null while it is live' })
  deletedAt?: Date | null;

  /** Set when the record was merged into another (and so moved to the bin): where its data went. */
  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The record this one was merged into, if it was' })
  mergedInto?: string | null;
}
