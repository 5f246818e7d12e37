import { Arg, Authorized, Ctx, Field, FieldResolver, GraphQLISODateTime, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { BillingSubscription } from '../entities/billing-subscription.entity.js';
import { Invoice } from '../entities/invoice.entity.js';
import { ChangeBillingSubscriptionInput, CreateBillingSubscriptionInput } from '../inputs/subscription.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import * as billing from '../services/billing-run.service.js';
import * as subscriptions from '../services/subscription.service.js';

type Ctx = RequestContext<FinanceLoaders>;

@ObjectType({ description: 'What a billing run did' })
export class BillingRunResult implements billing.BillingRunResult {
  @Field(() => Int)
  subscriptionsBilled!: number;

  @Field(() => Int)
  invoicesIssued!: number;
}

@Resolver(() => BillingSubscription)
export class SubscriptionResolver {
  @Authorized('finance:subscription:write')
  @Mutation(() => BillingSubscription, { description: 'Subscribes a customer to recurring prices; without a trial the first period is invoiced at once' })
  createBillingSubscription(@Ctx() ctx: Ctx, @Arg('input', () => CreateBillingSubscriptionInput) input: CreateBillingSubscriptionInput): Promise<BillingSubscription> {
    return subscriptions.createSubscription(ctx, input);
  }

  @Authorized('finance:subscription:write')
  @Mutation(() => BillingSubscription, { description: 'Upgrades or downgrades: the rest of the period is credited and charged anew on the next invoice' })
  changeBillingSubscription(
    @Ctx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ChangeBillingSubscriptionInput) input: ChangeBillingSubscriptionInput,
  ): Promise<BillingSubscription> {
    return subscriptions.changeSubscription(ctx, id, input);
  }

  @Authorized('finance:subscription:write')
  @Mutation(() => BillingSubscription, { description: 'Cancels at the end of the current period (default), or at once' })
  cancelBillingSubscription(
    @Ctx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('atPeriodEnd', () => Boolean, { defaultValue: true }) atPeriodEnd: boolean,
  ): Promise<BillingSubscription> {
    return subscriptions.cancelSubscription(ctx, id, atPeriodEnd);
  }

  @Authorized('finance:subscription:read')
  @Query(() => BillingSubscription)
  billingSubscription(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<BillingSubscription> {
    return subscriptions.getSubscription(ctx, id);
  }

  @Authorized('finance:subscription:read')
  @Query(() => [BillingSubscription], { description: "The caller tenant's subscriptions (or a customer's), newest first" })
  billingSubscriptions(@Ctx() ctx: Ctx, @Arg('customerId', () => ID, { nullable: true }) customerId?: string | null): Promise<BillingSubscription[]> {
    return subscriptions.listSubscriptions(ctx, customerId);
  }

  @Authorized('finance:billing:run')
  @Mutation(() => BillingRunResult, { description: "Runs the tenant's billing now as of a time: every period ended by then is invoiced, once (the scheduled run does this every minute)" })
  runBilling(@Ctx() ctx: Ctx, @Arg('asOf', () => GraphQLISODateTime, { nullable: true }) asOf?: Date | null): Promise<BillingRunResult> {
    return billing.runBilling(ctx, asOf ?? new Date());
  }

  @FieldResolver(() => [Invoice], { description: 'Its invoices, oldest first' })
  invoices(@Root() subscription: BillingSubscription, @Ctx() ctx: Ctx): Promise<Invoice[]> {
    return ctx.loaders.invoicesBySubscription.load(subscription.id);
  }
}
