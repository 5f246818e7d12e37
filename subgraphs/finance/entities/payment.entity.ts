import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { MoneyMovement } from './money-movement.entity.js';

export enum PaymentStatus {
  PENDING = 'pending',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}
registerEnumType(PaymentStatus, { name: 'PaymentStatus', description: 'PENDING until the provider confirms the money arrived' });

/** Money received (or on its way) against one invoice, through one payment provider. */
@Entity()
@ObjectType({ description: 'A payment against an invoice' })
export class Payment extends MoneyMovement {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'manual or stripe' })
  provider!: string;

  @Property({ type: 'text', index: true })
  @Field(() => String, { description: "The provider's reference (a bank reference, a Stripe payment intent id)" })
  providerRef!: string;

  @Property({ type: new BigIntType('number'), default: 0 })
  @Field(() => GraphQLSafeInt)
  refundedMinor: Opt<number> = 0;

  @Enum({ items: () => PaymentStatus })
  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  /** The client secret a new pending charge answered with; not stored (see PaymentResolver.clientSecret). */
  @Property({ persist: false, hidden: true })
  clientSecret?: string | null;
}
