import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * A schemaless record of a tenant: a `type` name and a JSON object. Custom entity types with
 * declared fields grow from here; until then `type` only groups records.
 */
@Entity({ tableName: 'entity_record' })
@Index({ properties: ['tenantId', 'type'] })
@ObjectType('EntityRecord', { description: 'A record of some type, holding a JSON object' })
@Directive('@key(fields: "id")')
export class EntityRecord extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Lower-case name grouping records, e.g. contact' })
  type!: string;

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON, { description: 'The record itself: always a JSON object' })
  data!: Record<string, unknown>;

  /** The identity User who owns it, if anyone does; resolved by the gateway through `owner`. */
  @Property({ type: 'uuid', nullable: true, index: true })
  ownerId?: string | null;
}
