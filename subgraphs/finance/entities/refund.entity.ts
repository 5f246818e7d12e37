import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { MoneyMovement } from './money-movement.entity.js';

/** Money given back from a payment. */
@Entity()
@ObjectType({ description: 'Money given back from a payment' })
export class Refund extends MoneyMovement {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  paymentId!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  providerRef!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason?: string | null;
}
