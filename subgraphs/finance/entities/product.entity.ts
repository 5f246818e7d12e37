import { type Opt } from '@mikro-orm/core';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** Something a tenant sells; its prices say how much and how often. */
@Entity()
@ObjectType({ description: 'A product or service the tenant sells' })
export class Product extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  /** Which tax rates apply to it: rates are kept per jurisdiction and category. */
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Tax category, e.g. standard, reduced, digital' })
  taxCategory: Opt<string> = 'standard';

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  active: Opt<boolean> = true;
}
