import { Entity, Enum, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum Cardinality {
  ONE_TO_ONE = 'ONE_TO_ONE',
  ONE_TO_MANY = 'ONE_TO_MANY',
  MANY_TO_MANY = 'MANY_TO_MANY',
}
registerEnumType(Cardinality, {
  name: 'Cardinality',
  description: 'ONE_TO_MANY: a record of the `to` type has at most one link in (a contact works at one company); ONE_TO_ONE: at most one each way',
});

/** A kind of directed link a tenant allows between records of two types: `company -employs-> contact`. */
@Entity({ tableName: 'relation_type' })
@Unique({ properties: ['tenantId', 'name'] })
@ObjectType('RelationType', { description: 'A kind of directed link between records of two types' })
export class RelationType extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Unique in the tenant, e.g. employs' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Inverse name, read from the other end, e.g. employedBy' })
  inverseName!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Record type links start from' })
  fromType!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Record type links point to' })
  toType!: string;

  @Enum({ items: () => Cardinality })
  @Field(() => Cardinality)
  cardinality!: Cardinality;
}
