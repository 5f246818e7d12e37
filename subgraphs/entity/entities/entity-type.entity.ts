import { type Opt } from '@mikro-orm/core';
import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * A kind of record a tenant defined at run time (contact, deal, …). Records whose `type` is this
 * name are validated against its fields (EntityField rows); other records stay schemaless.
 */
@Entity({ tableName: 'entity_type' })
@Unique({ properties: ['tenantId', 'name'] })
@ObjectType('EntityType', { description: "A tenant's own kind of record, with typed fields" })
export class EntityType extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Lower-case identifier, unique in the tenant; the `type` of its records' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Plural identifier, e.g. contacts' })
  plural!: string;

  @Property({ type: 'text', default: '' })
  @Field(() => String)
  description: Opt<string> = '';
}
