import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError, type FieldProblem } from '../../../shared/errors/errors.js';
import { BillingSubscription, SubscriptionStatus, type ProrationLine, type SubscriptionItem } from '../entities/billing-subscription.entity.js';
import { type Price, PriceType } from '../entities/price.entity.js';
import type { ChangeBillingSubscriptionInput, CreateBillingSubscriptionInput, SubscriptionItemInput } from '../inputs/subscription.input.js';
import { inTransaction, type FinanceLoaders } from '../loaders/finance.loaders.js';
import { addInterval, prorate } from './billing-calendar.js';
import { invoicePeriod, licensedLines } from './billing-run.service.js';
import { priceAmount } from './pricing.js';

type Ctx = RequestContext<FinanceLoaders>;

/** For each status, the statuses it may move to; anything else is CONFLICT. */
export const SUBSCRIPTION_TRANSITIONS: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  [SubscriptionStatus.TRIALING]: [SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELED],
  [SubscriptionStatus.ACTIVE]: [SubscriptionStatus.PAST_DUE, SubscriptionStatus.CANCELED],
  [SubscriptionStatus.PAST_DUE]: [SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELED],
  [SubscriptionStatus.CANCELED]: [],
};

export function moveSubscription(subscription: BillingSubscription, to: SubscriptionStatus): void {
  if (subscription.status === to) return;
  if (!SUBSCRIPTION_TRANSITIONS[subscription.status].includes(to)) {
    throw new ConflictError(`subscription ${subscription.id} is ${subscription.status}; it cannot become ${to}`);
  }
  subscription.status = to;
}

/** The prices of the items, all recurring, of one currency and one interval; every problem named. */
async function recurringPrices(ctx: Ctx, items: SubscriptionItemInput[], currency: string | null): Promise<Price[]> {
  const prices = await Promise.all(items.map((item) => ctx.loaders.priceById.load(item.priceId)));
  const problems: FieldProblem[] = [];
  prices.forEach((price, i) => {
    const at = (message: string) => problems.push({ field: `items.${i}.priceId`, message });
    if (!price) return at('no such price');
    if (price.type !== PriceType.RECURRING) return at('is not a recurring price');
    if (!price.active) return at('is not active');
    const first = prices[0];
    if (currency && price.currency !== currency) return at(`is in ${price.currency}, the customer pays in ${currency}`);
    if (first && (price.interval !== first.interval || price.intervalCount !== first.intervalCount)) at('bills on another interval than the first price');
  });
  if (problems.length) throw new BadUserInputError(`invalid items: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
  return prices as Price[];
}

const toItems = (items: SubscriptionItemInput[]): SubscriptionItem[] => items.map(({ priceId, quantity }) => ({ priceId, quantity }));

/**
 * Subscribes a customer. With a trial, the first period is the trial and nothing is billed until it
 * ends; without, the first period's licensed prices are invoiced (and issued) at once, in advance.
 */
export async function createSubscription(ctx: Ctx, input: CreateBillingSubscriptionInput): Promise<BillingSubscription> {
  const tenantId = requireTenant(ctx);
  const ownerId = ctx.caller.userId;
  if (!ownerId) throw new BadUserInputError('subscribing needs a signed-in user, who owns its invoices', [{ field: 'caller', message: 'must be a user' }]);
  const customer = await ctx.loaders.customerById.load(input.customerId);
  if (!customer) throw new BadUserInputError(`customer ${input.customerId} not found`, [{ field: 'customerId', message: 'no such customer' }]);
  const prices = await recurringPrices(ctx, input.items, customer.currency);
  const { interval, intervalCount } = prices[0]! as Required<Pick<Price, 'interval' | 'intervalCount'>>;
  const start = input.startAt ?? new Date();
  const trialEnd = input.trialDays ? new Date(start.getTime() + input.trialDays * 86_400_000) : null;
  return await ctx.em.transactional(async (em) => {
    const tx = inTransaction(ctx, em);
    const subscription = em.create(BillingSubscription, {
      tenantId,
      customerId: customer.id,
      currency: customer.currency,
      interval: interval!,
      intervalCount,
      items: toItems(input.items),
      status: trialEnd ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE,
      startedAt: start,
      currentPeriodStart: start,
      currentPeriodEnd: trialEnd ?? addInterval(start, interval!, intervalCount),
      trialEnd,
      ownerId,
    });
    await em.flush();
    if (!trialEnd) {
      const lines = await licensedLines(tx, subscription, subscription.currentPeriodStart, subscription.currentPeriodEnd);
      await invoicePeriod(tx, em, subscription, lines, subscription.currentPeriodStart);
    }
    return subscription;
  });
}

export async function getSubscription(ctx: Ctx, id: string): Promise<BillingSubscription> {
  requireTenant(ctx);
  const subscription = await ctx.em.findOne(BillingSubscription, id);
  if (!subscription) throw new NotFoundError('BillingSubscription', id);
  return subscription;
}

export async function listSubscriptions(ctx: Ctx, customerId: string | null | undefined): Promise<BillingSubscription[]> {
  requireTenant(ctx);
  return await ctx.em.find(BillingSubscription, customerId ? { customerId } : {}, { orderBy: { id: 'desc' }, limit: 500 });
}

/** The subscription under its row lock, still running (not canceled). */
async function lockRunning(em: EntityManager, id: string): Promise<BillingSubscription> {
  const subscription = await em.findOne(BillingSubscription, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!subscription) throw new NotFoundError('BillingSubscription', id);
  if (subscription.status === SubscriptionStatus.CANCELED) throw new ConflictError(`subscription ${id} is CANCELED; it cannot change`);
  return subscription;
}

/**
 * Changes prices or quantities mid-period. What was paid in advance for the rest of the period is
 * credited and the new items charged for it, each prorated to the millisecond (half up), as lines
 * of the next invoice; metered prices are not prorated (their usage is billed as it is measured).
 * During a trial nothing was paid, so nothing is prorated.
 */
export async function changeSubscription(ctx: Ctx, id: string, input: ChangeBillingSubscriptionInput): Promise<BillingSubscription> {
  requireTenant(ctx);
  return await ctx.em.transactional(async (em) => {
    const tx = inTransaction(ctx, em);
    const subscription = await lockRunning(em, id);
    const prices = await recurringPrices(tx, input.items, subscription.currency);
    if (prices[0]!.interval !== subscription.interval || prices[0]!.intervalCount !== subscription.intervalCount) {
      throw new BadUserInputError('the new prices bill on another interval than the subscription', [{ field: 'items.0.priceId', message: `must bill every ${subscription.intervalCount} ${subscription.interval}` }]);
    }
    const { currentPeriodStart: start, currentPeriodEnd: end } = subscription;
    const at = input.prorationDate ?? new Date();
    if (at < start || at > end) {
      throw new BadUserInputError('prorationDate must fall in the current period', [{ field: 'prorationDate', message: `must be from ${start.toISOString()} to ${end.toISOString()}` }]);
    }
    if (subscription.status !== SubscriptionStatus.TRIALING) {
      const proration: ProrationLine[] = [];
      const licensed = async (items: SubscriptionItem[]) =>
        (await Promise.all(items.map(async (item) => ({ item, price: (await tx.loaders.priceById.load(item.priceId))! })))).filter(({ price }) => !price.meterKey);
      for (const { item, price } of await licensed(subscription.items)) {
        const name = (await tx.loaders.productById.load(price.productId))?.name ?? 'price';
        proration.push({ description: `Unused time on ${item.quantity} × ${name}`, priceId: price.id, amountMinor: -prorate(priceAmount(price, item.quantity), start, end, at) });
      }
      for (const { item, price } of await licensed(toItems(input.items))) {
        const name = (await tx.loaders.productById.load(price.productId))?.name ?? 'price';
        proration.push({ description: `Remaining time on ${item.quantity} × ${name}`, priceId: price.id, amountMinor: prorate(priceAmount(price, item.quantity), start, end, at) });
      }
      subscription.pendingProration = [...subscription.pendingProration, ...proration.filter((line) => line.amountMinor !== 0)];
    }
    subscription.items = toItems(input.items);
    return subscription;
  });
}

/**
 * Cancels at the end of the current period (the default: the billing run then bills its usage and
 * ends it), or at once: the subscription ends now and nothing more is billed for it.
 */
export async function cancelSubscription(ctx: Ctx, id: string, atPeriodEnd: boolean): Promise<BillingSubscription> {
  requireTenant(ctx);
  return await ctx.em.transactional(async (em) => {
    const subscription = await lockRunning(em, id);
    subscription.canceledAt = new Date();
    if (atPeriodEnd) {
      if (subscription.cancelAtPeriodEnd) throw new ConflictError(`subscription ${id} already ends at the end of its period`);
      subscription.cancelAtPeriodEnd = true;
    } else {
      moveSubscription(subscription, SubscriptionStatus.CANCELED);
      subscription.endedAt = subscription.canceledAt;
    }
    return subscription;
  });
}
