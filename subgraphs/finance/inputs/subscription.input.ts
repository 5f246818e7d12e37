import { Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { id } from './money.rules.js';

const items = z
  .array(z.object({ priceId: id, quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000) }))
  .min(1, 'needs at least one price')
  .max(20, 'at most 20 prices')
  .refine((list) => new Set(list.map((item) => item.priceId)).size === list.length, 'names a price twice');

@InputType({ description: 'A recurring price and how many of it (ignored for a metered price: its usage is the quantity)' })
export class SubscriptionItemInput {
  @Field(() => ID)
  priceId!: string;

  @Field(() => Int, { defaultValue: 1 })
  quantity: number = 1;
}

@InputType()
export class CreateBillingSubscriptionInput {
  static rules = z.object({
    customerId: id,
    items,
    trialDays: z.number().int().min(1, 'must be at least 1').max(730).nullish(),
    startAt: z.date().nullish(),
  });

  @Field(() => ID)
  customerId!: string;

  @Field(() => [SubscriptionItemInput], { description: 'Recurring prices of one currency and one billing interval' })
  items!: SubscriptionItemInput[];

  @Field(() => Int, { nullable: true, description: 'Free for this many days first; the first invoice comes when the trial ends' })
  trialDays?: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the first period starts (default now; a past date backdates it)' })
  startAt?: Date | null;
}

@InputType()
export class ChangeBillingSubscriptionInput {
  static rules = z.object({ items, prorationDate: z.date().nullish() });

  @Field(() => [SubscriptionItemInput], { description: 'The new prices and quantities (of the same currency and interval); the change is prorated' })
  items!: SubscriptionItemInput[];

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the change takes effect for proration, within the current period (default now)' })
  prorationDate?: Date | null;
}
