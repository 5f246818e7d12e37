import { BigIntType } from '@mikro-orm/core';
import { Property } from '@mikro-orm/decorators/legacy';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** What payments, refunds and credit notes share: an amount of one invoice's currency. */
@ObjectType()
export abstract class MoneyMovement extends TenantOwnedEntity {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  invoiceId!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  currency!: string;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt)
  amountMinor!: number;
}
