import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { serviceContext } from '../../../shared/context/service-context.js';
import { forTenant } from '../../../shared/jobs/background-job.js';
import type { Logger } from '../../../shared/logger/logger.js';
import { BillingPeriod } from '../entities/billing-period.entity.js';
import { BillingSubscription, SubscriptionStatus } from '../entities/billing-subscription.entity.js';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity.js';
import { Meter } from '../entities/meter.entity.js';
import type { LineItemInput } from '../inputs/line-item.input.js';
import { createFinanceLoaders, inTransaction, type FinanceLoaders } from '../loaders/finance.loaders.js';
import { addInterval } from './billing-calendar.js';
import { createInvoice, issueInvoice } from './invoice.service.js';
import { moveSubscription } from './subscription.service.js';
import { usageQuantity } from './usage.service.js';

type Ctx = RequestContext<FinanceLoaders>;

/** Days an invoice of the billing run gives the customer to pay. */
const PAYMENT_TERMS_DAYS = 14;
/** Periods one run catches up for one subscription (a run that did not happen for a while). */
const MAX_PERIODS_PER_RUN = 24;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Licensed (not metered) items for [start, end), billed in advance. */
export async function licensedLines(ctx: Ctx, subscription: BillingSubscription, start: Date, end: Date): Promise<LineItemInput[]> {
  const lines: LineItemInput[] = [];
  for (const item of subscription.items) {
    const price = (await ctx.loaders.priceById.load(item.priceId))!;
    if (price.meterKey) continue;
    const product = await ctx.loaders.productById.load(price.productId);
    lines.push({ priceId: price.id, quantity: item.quantity, description: `${product?.name ?? 'Subscription'} (${day(start)} to ${day(end)})` });
  }
  return lines;
}

/** Metered items for [start, end), billed in arrears: each meter's usage, rounded up to whole units. */
async function usageLines(ctx: Ctx, subscription: BillingSubscription, start: Date, end: Date): Promise<LineItemInput[]> {
  const lines: LineItemInput[] = [];
  for (const item of subscription.items) {
    const price = (await ctx.loaders.priceById.load(item.priceId))!;
    if (!price.meterKey) continue;
    const meter = await ctx.em.findOneOrFail(Meter, { key: price.meterKey });
    const quantity = Math.ceil(await usageQuantity(ctx.em, subscription.tenantId, subscription.customerId, meter, start, end));
    if (quantity > 0) lines.push({ priceId: price.id, quantity, description: `${meter.name}: ${quantity} (${day(start)} to ${day(end)})` });
  }
  return lines;
}

/** Makes and issues the invoice of a subscription's lines; none when there is nothing to bill. */
export async function invoicePeriod(ctx: Ctx, em: EntityManager, subscription: BillingSubscription, lines: LineItemInput[], at: Date): Promise<Invoice | null> {
  if (!lines.length) return null;
  const tx = inTransaction(ctx, em);
  const invoice = await createInvoice(tx, {
    customerId: subscription.customerId,
    ownerId: subscription.ownerId,
    dueDate: new Date(at.getTime() + PAYMENT_TERMS_DAYS * 86_400_000),
    lines,
  } as Parameters<typeof createInvoice>[1]);
  invoice.subscriptionId = subscription.id;
  await em.flush();
  return await issueInvoice(tx, invoice.id);
}

/**
 * Bills every period of one subscription that ended by `asOf`, each in its own transaction under
 * the subscription's row lock: the ended period's usage and pending proration, and (unless it ends
 * there) the next period's licensed prices in advance, on one issued invoice. Each billed period is
 * a BillingPeriod row unique per (subscription, start): a second or concurrent run finds the period
 * already moved on, and could not record it twice if it did not. Answers the invoices issued.
 */
export async function billSubscription(ctx: Ctx, id: string, asOf: Date): Promise<number> {
  let issued = 0;
  for (let period = 0; period < MAX_PERIODS_PER_RUN; period += 1) {
    const billed = await ctx.em.transactional(async (em) => {
      const subscription = await em.findOne(BillingSubscription, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!subscription || subscription.status === SubscriptionStatus.CANCELED || subscription.currentPeriodEnd > asOf) return null;
      const tx = inTransaction(ctx, em);
      const { currentPeriodStart: start, currentPeriodEnd: end } = subscription;
      const trial = subscription.status === SubscriptionStatus.TRIALING;
      const ending = subscription.cancelAtPeriodEnd;
      const next = addInterval(end, subscription.interval, subscription.intervalCount);
      const lines = [
        // A trial is free, its usage too.
        ...(trial ? [] : await usageLines(tx, subscription, start, end)),
        ...subscription.pendingProration.map((line): LineItemInput => ({ priceId: line.priceId, quantity: 1, description: line.description, amountOverrideMinor: line.amountMinor })),
        ...(ending ? [] : await licensedLines(tx, subscription, end, next)),
      ];
      const record = em.create(BillingPeriod, { tenantId: subscription.tenantId, subscriptionId: subscription.id, periodStart: start, periodEnd: end });
      await em.flush();
      const invoice = await invoicePeriod(tx, em, subscription, lines, end);
      record.invoiceId = invoice?.id ?? null;
      subscription.pendingProration = [];
      if (ending) {
        moveSubscription(subscription, SubscriptionStatus.CANCELED);
        subscription.endedAt = end;
      } else {
        if (trial) moveSubscription(subscription, SubscriptionStatus.ACTIVE);
        subscription.currentPeriodStart = end;
        subscription.currentPeriodEnd = next;
      }
      return { invoice };
    });
    if (!billed) break;
    if (billed.invoice) issued += 1;
  }
  await ctx.em.transactional(async (em) => {
    const subscription = await em.findOne(BillingSubscription, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!subscription || (subscription.status !== SubscriptionStatus.ACTIVE && subscription.status !== SubscriptionStatus.PAST_DUE)) return;
    // Past due while an invoice of it is issued, unpaid and past its due date.
    const overdue = await em.count(Invoice, { subscriptionId: id, status: InvoiceStatus.ISSUED, dueDate: { $lt: asOf } });
    moveSubscription(subscription, overdue ? SubscriptionStatus.PAST_DUE : SubscriptionStatus.ACTIVE);
  });
  return issued;
}

export interface BillingRunResult {
  subscriptionsBilled: number;
  invoicesIssued: number;
}

/** Subscriptions with a period to bill, or whose past-due state may have changed. */
const DUE = `select s."id", s."tenant_id" from "finance"."billing_subscription" s
  where s."status" <> 'CANCELED' and (s."current_period_end" <= ? or s."status" = 'PAST_DUE'
    or exists (select 1 from "finance"."invoice" i where i."subscription_id" = s."id" and i."status" = 'issued' and i."due_date" < ?))`;

/** The caller tenant's billing run as of `asOf` (an administrator's, or a test's, run on demand). */
export async function runBilling(ctx: Ctx, asOf: Date): Promise<BillingRunResult> {
  const tenantId = requireTenant(ctx);
  const due = await ctx.em.execute<{ id: string }[]>(`${DUE} and s."tenant_id" = ? order by s."current_period_end"`, [asOf, asOf, tenantId]);
  const result: BillingRunResult = { subscriptionsBilled: 0, invoicesIssued: 0 };
  for (const { id } of due) {
    const issued = await billSubscription(ctx, id, asOf);
    if (issued) result.subscriptionsBilled += 1;
    result.invoicesIssued += issued;
  }
  return result;
}

/** The scheduled run over every tenant; a subscription that fails is logged and tried again next run. */
export async function runBillingForAll(orm: MikroORM, asOf: Date, log: Logger): Promise<BillingRunResult> {
  const due = await orm.em.fork().execute<{ id: string; tenant_id: string }[]>(`${DUE} order by s."current_period_end" limit 5000`, [asOf, asOf]);
  const result: BillingRunResult = { subscriptionsBilled: 0, invoicesIssued: 0 };
  for (const { id, tenant_id: tenantId } of due) {
    try {
      const ctx = serviceContext(forTenant(orm, tenantId), tenantId, log, createFinanceLoaders);
      const issued = await billSubscription(ctx, id, asOf);
      if (issued) result.subscriptionsBilled += 1;
      result.invoicesIssued += issued;
    } catch (err) {
      log.error({ err, subscriptionId: id, tenantId }, 'billing a subscription failed; the next run tries again');
    }
  }
  if (result.invoicesIssued) log.info({ ...result, asOf }, 'billing run');
  return result;
}
