import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';
import { BillingInterval } from './price.entity.js';

/** Where a subscription is; moves only as subscription-status.ts allows. */
export enum SubscriptionStatus {
  TRIALING = 'TRIALING',
  ACTIVE = 'ACTIVE',
  PAST_DUE = 'PAST_DUE',
  CANCELED = 'CANCELED',
}
registerEnumType(SubscriptionStatus, { name: 'BillingSubscriptionStatus', description: 'TRIALING (free until the trial ends), ACTIVE, PAST_DUE (an invoice of it is overdue), CANCELED' });

/** A recurring price and how many of it (a metered price's quantity is the period's usage instead). */
@ObjectType('BillingSubscriptionItem')
export class SubscriptionItem {
  @Field(() => ID)
  priceId!: string;

  @Field(() => Int)
  quantity!: number;
}

/** An amount owed or credited for part of a period (a plan change), billed on the next invoice. */
@ObjectType('ProrationLine', { description: 'Part of a period charged or credited after a plan change, billed on the next invoice' })
export class ProrationLine {
  @Field(() => String)
  description!: string;

  @Field(() => ID)
  priceId!: string;

  @Field(() => GraphQLSafeInt, { description: 'Negative for a credit' })
  amountMinor!: number;
}

/**
 * A customer's subscription to recurring prices of one currency and one billing interval.
 * Licensed prices are billed in advance for each period, metered ones in arrears from the
 * period's usage; the billing run makes and issues one invoice per period, exactly once.
 * (`BillingSubscription` in GraphQL: `Subscription` is the root type of live operations.)
 */
@Entity({ tableName: 'billing_subscription' })
@Index({ properties: ['status', 'currentPeriodEnd'] })
@ObjectType('BillingSubscription', { description: "A customer's subscription to recurring prices" })
@Directive('@key(fields: "id")')
export class BillingSubscription extends TenantOwnedEntity {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  customerId!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  currency!: string;

  @Enum({ items: () => BillingInterval })
  @Field(() => BillingInterval)
  interval!: BillingInterval;

  @Property({ type: 'integer' })
  @Field(() => Int)
  intervalCount!: number;

  @Property({ type: 'jsonb' })
  @Field(() => [SubscriptionItem])
  items!: SubscriptionItem[];

  @Enum({ items: () => SubscriptionStatus })
  @Field(() => SubscriptionStatus)
  status!: SubscriptionStatus;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLISODateTime, { description: 'When its first period (or trial) began' })
  startedAt!: Date;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLISODateTime)
  currentPeriodStart!: Date;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLISODateTime, { description: 'When the billing run next bills it' })
  currentPeriodEnd!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  trialEnd?: Date | null;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: 'Ends when the current period does' })
  cancelAtPeriodEnd: Opt<boolean> = false;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  canceledAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it ended (CANCELED)' })
  endedAt?: Date | null;

  @Property({ type: 'jsonb', default: '[]' })
  @Field(() => [ProrationLine], { description: 'Proration from plan changes, to be billed on the next invoice' })
  pendingProration: Opt<ProrationLine[]> = [];

  /** Who owns its invoices: the user who subscribed the customer. */
  @Property({ type: 'uuid' })
  ownerId!: string;
}
