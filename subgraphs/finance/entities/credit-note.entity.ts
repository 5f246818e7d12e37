import { BigIntType } from '@mikro-orm/core';
import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { MoneyMovement } from './money-movement.entity.js';

/** Reduces what an issued invoice asks, net and tax in the invoice's proportion; numbered CN-… gap-free. */
@Entity()
@Unique({ properties: ['tenantId', 'number'] })
@ObjectType({ description: 'A credit note against an issued invoice' })
export class CreditNote extends MoneyMovement {
  @Property({ type: 'text' })
  @Field(() => String)
  number!: string;

  @Property({ type: new BigIntType('number') })
  @Field(() => GraphQLSafeInt, { description: 'The tax part of it' })
  taxMinor!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason?: string | null;
}
