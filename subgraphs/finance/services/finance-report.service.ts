import { stringify } from 'csv-stringify/sync';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import type { AgeingArgs, ReportPeriodArgs, RevenueReportArgs } from '../inputs/report.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import { BillingSubscription, SubscriptionStatus } from '../entities/billing-subscription.entity.js';
import { monthlyAmount } from './billing-calendar.js';
import { priceAmount } from './pricing.js';

type Ctx = RequestContext<FinanceLoaders>;

/*
 * Reports over the tenant's invoices, in minor units per currency (amounts of different
 * currencies are never added). Revenue is recognised when an invoice is issued (accrual): issued,
 * paid and written-off invoices count, drafts and voided ones do not; credit notes lower it in the
 * period they were made. Every report is one SQL statement and comes with its CSV.
 */

/** The invoices that are revenue: issued, then paid or written off; not drafts, not voided. */
const BOOKED = `i."status" in ('issued', 'paid', 'uncollectible')`;

export interface RevenueRow {
  periodStart: Date;
  currency: string;
  productId: string | null;
  productName: string | null;
  invoices: number;
  invoicedNetMinor: number;
  creditedNetMinor: number;
  netRevenueMinor: number;
  taxMinor: number;
}

/** Net revenue per period (and product): invoice lines issued in the period, less credit notes made in it. */
export async function revenueReport(ctx: Ctx, { from, to, granularity, byProduct }: RevenueReportArgs): Promise<RevenueRow[]> {
  const tenantId = requireTenant(ctx);
  // Credit notes have no product: by product, they are reported under no product.
  const rows = await ctx.em.getConnection().execute<Record<string, unknown>[]>(
    `with lines as (
       select date_trunc(?, i."issued_at", 'UTC') as "period", i."currency", ${byProduct ? `p."id"` : 'null::uuid'} as "product_id",
              count(distinct i."id")::int as "invoices", sum((l->>'netMinor')::bigint) as "net", sum((l->>'taxMinor')::bigint) as "tax"
       from "finance"."invoice" i
       cross join jsonb_array_elements(i."lines") as l
       left join "finance"."price" pr on pr."id" = (l->>'priceId')::uuid and pr."tenant_id" = i."tenant_id"
       left join "finance"."product" p on p."id" = pr."product_id"
       where i."tenant_id" = ? and ${BOOKED} and i."issued_at" >= ? and i."issued_at" < ?
       group by 1, 2, 3
     ), credits as (
       select date_trunc(?, c."created_at", 'UTC') as "period", c."currency", null::uuid as "product_id",
              sum(c."amount_minor" - c."tax_minor") as "net", sum(c."tax_minor") as "tax"
       from "finance"."credit_note" c
       where c."tenant_id" = ? and c."created_at" >= ? and c."created_at" < ?
       group by 1, 2
     )
     select coalesce(l."period", c."period") as "period", coalesce(l."currency", c."currency") as "currency",
            coalesce(l."product_id", c."product_id") as "product_id", p."name" as "product_name",
            coalesce(l."invoices", 0) as "invoices", coalesce(l."net", 0)::bigint as "invoiced_net",
            coalesce(c."net", 0)::bigint as "credited_net", (coalesce(l."tax", 0) - coalesce(c."tax", 0))::bigint as "tax"
     from lines l
     full join credits c on c."period" = l."period" and c."currency" = l."currency"
       and coalesce(c."product_id", '00000000-0000-0000-0000-000000000000') = coalesce(l."product_id", '00000000-0000-0000-0000-000000000000')
     left join "finance"."product" p on p."id" = coalesce(l."product_id", c."product_id")
     order by 1, 2, "product_name" nulls last`,
    [granularity, tenantId, from, to, granularity, tenantId, from, to],
  );
  return rows.map((row) => ({
    periodStart: new Date(row.period as string),
    currency: row.currency as string,
    productId: (row.product_id as string | null) ?? null,
    productName: (row.product_name as string | null) ?? null,
    invoices: Number(row.invoices),
    invoicedNetMinor: Number(row.invoiced_net),
    creditedNetMinor: Number(row.credited_net),
    netRevenueMinor: Number(row.invoiced_net) - Number(row.credited_net),
    taxMinor: Number(row.tax),
  }));
}

export interface AgeingRow {
  customerId: string | null;
  customerName: string;
  currency: string;
  currentMinor: number;
  days1To30Minor: number;
  days31To60Minor: number;
  days61To90Minor: number;
  over90Minor: number;
  totalMinor: number;
}

/**
 * What customers still owe on issued invoices, by how long past due it is as of `asOf` (an
 * invoice without a due date is due when issued). Written-off invoices are not receivables.
 */
export async function receivablesAgeing(ctx: Ctx, { asOf }: AgeingArgs): Promise<AgeingRow[]> {
  const tenantId = requireTenant(ctx);
  const at = asOf ?? new Date();
  const rows = await ctx.em.getConnection().execute<Record<string, unknown>[]>(
    `with due as (
       select i."customer_id", i."customer_name", i."currency",
              i."total_minor" - i."amount_paid_minor" - i."credited_minor" as "due",
              floor(extract(epoch from (?::timestamptz - coalesce(i."due_date", i."issued_at"))) / 86400) as "days"
       from "finance"."invoice" i
       where i."tenant_id" = ? and i."status" = 'issued' and i."issued_at" <= ?
     )
     select "customer_id", "customer_name", "currency",
            sum("due") filter (where "days" < 1) as "current",
            sum("due") filter (where "days" between 1 and 30) as "d30",
            sum("due") filter (where "days" between 31 and 60) as "d60",
            sum("due") filter (where "days" between 61 and 90) as "d90",
            sum("due") filter (where "days" > 90) as "over",
            sum("due") as "total"
     from due where "due" > 0
     group by 1, 2, 3
     order by "total" desc, 2, 3`,
    [at, tenantId, at],
  );
  return rows.map((row) => ({
    customerId: (row.customer_id as string | null) ?? null,
    customerName: row.customer_name as string,
    currency: row.currency as string,
    currentMinor: Number(row.current ?? 0),
    days1To30Minor: Number(row.d30 ?? 0),
    days31To60Minor: Number(row.d60 ?? 0),
    days61To90Minor: Number(row.d90 ?? 0),
    over90Minor: Number(row.over ?? 0),
    totalMinor: Number(row.total ?? 0),
  }));
}

export interface TaxRow {
  jurisdiction: string;
  rateName: string;
  ratePpm: number;
  currency: string;
  taxableMinor: number;
  invoicedTaxMinor: number;
  creditedTaxMinor: number;
  taxMinor: number;
}

/**
 * Tax collected per jurisdiction and rate: the tax lines of invoices issued in the period, less
 * the tax of credit notes made in it, spread over the credited invoice's rates in proportion to
 * their amounts (rounded half up per rate).
 */
export async function taxReport(ctx: Ctx, { from, to }: ReportPeriodArgs): Promise<TaxRow[]> {
  const tenantId = requireTenant(ctx);
  const rows = await ctx.em.getConnection().execute<Record<string, unknown>[]>(
    `with invoiced as (
       select t->>'jurisdiction' as "jurisdiction", t->>'name' as "rate_name", (t->>'ratePpm')::int as "rate_ppm", i."currency",
              sum((t->>'taxableMinor')::bigint) as "taxable", sum((t->>'amountMinor')::bigint) as "tax"
       from "finance"."invoice" i cross join jsonb_array_elements(i."tax_lines") as t
       where i."tenant_id" = ? and ${BOOKED} and i."issued_at" >= ? and i."issued_at" < ?
       group by 1, 2, 3, 4
     ), credited as (
       select t->>'jurisdiction' as "jurisdiction", t->>'name' as "rate_name", (t->>'ratePpm')::int as "rate_ppm", i."currency",
              sum(round(c."tax_minor"::numeric * (t->>'amountMinor')::numeric / nullif(i."tax_minor", 0))) as "tax"
       from "finance"."credit_note" c
       join "finance"."invoice" i on i."id" = c."invoice_id"
       cross join jsonb_array_elements(i."tax_lines") as t
       where c."tenant_id" = ? and c."created_at" >= ? and c."created_at" < ? and c."tax_minor" > 0
       group by 1, 2, 3, 4
     )
     select coalesce(v."jurisdiction", c."jurisdiction") as "jurisdiction", coalesce(v."rate_name", c."rate_name") as "rate_name",
            coalesce(v."rate_ppm", c."rate_ppm") as "rate_ppm", coalesce(v."currency", c."currency") as "currency",
            coalesce(v."taxable", 0)::bigint as "taxable", coalesce(v."tax", 0)::bigint as "invoiced", coalesce(c."tax", 0)::bigint as "credited"
     from invoiced v
     full join credited c using ("jurisdiction", "rate_name", "rate_ppm", "currency")
     order by 1, 2, 4`,
    [tenantId, from, to, tenantId, from, to],
  );
  return rows.map((row) => ({
    jurisdiction: row.jurisdiction as string,
    rateName: row.rate_name as string,
    ratePpm: Number(row.rate_ppm),
    currency: row.currency as string,
    taxableMinor: Number(row.taxable),
    invoicedTaxMinor: Number(row.invoiced),
    creditedTaxMinor: Number(row.credited),
    taxMinor: Number(row.invoiced) - Number(row.credited),
  }));
}

/** A report's rows as CSV (a header row of the field names, dates as ISO 8601, amounts in minor units). */
export function toCsv<T extends object>(rows: T[], columns: (keyof T & string)[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => {
      const value = row[column];
      return value instanceof Date ? value.toISOString() : value;
    })),
    { header: true, columns },
  );
}

export interface SubscriptionMetricsRow {
  currency: string;
  activeSubscriptions: number;
  mrrMinor: number;
  arrMinor: number;
  subscriptionsAtStart: number;
  newSubscriptions: number;
  churnedSubscriptions: number;
  churnRate: number;
}

/**
 * Per currency: MRR and ARR of the subscriptions active now (ACTIVE or PAST_DUE; licensed prices
 * normalised to a month, metered ones left out: usage is not recurring revenue), and over
 * [from, to) the subscriptions running at `from`, started, and ended, with churn = ended ÷
 * (running at `from` + started).
 */
export async function subscriptionMetrics(ctx: Ctx, { from, to }: ReportPeriodArgs): Promise<SubscriptionMetricsRow[]> {
  requireTenant(ctx);
  const subscriptions = await ctx.em.find(BillingSubscription, {}, { orderBy: { id: 'asc' } });
  const rows = new Map<string, SubscriptionMetricsRow>();
  const row = (currency: string) => {
    let found = rows.get(currency);
    if (!found) rows.set(currency, (found = { currency, activeSubscriptions: 0, mrrMinor: 0, arrMinor: 0, subscriptionsAtStart: 0, newSubscriptions: 0, churnedSubscriptions: 0, churnRate: 0 }));
    return found;
  };
  for (const subscription of subscriptions) {
    const r = row(subscription.currency);
    if (subscription.status === SubscriptionStatus.ACTIVE || subscription.status === SubscriptionStatus.PAST_DUE) {
      r.activeSubscriptions += 1;
      for (const item of subscription.items) {
        const price = await ctx.loaders.priceById.load(item.priceId);
        if (price && !price.meterKey) r.mrrMinor += monthlyAmount(priceAmount(price, item.quantity), subscription.interval, subscription.intervalCount);
      }
    }
    const ended = subscription.endedAt ?? null;
    if (subscription.startedAt < from && (!ended || ended >= from)) r.subscriptionsAtStart += 1;
    if (subscription.startedAt >= from && subscription.startedAt < to) r.newSubscriptions += 1;
    if (ended && ended >= from && ended < to) r.churnedSubscriptions += 1;
  }
  return [...rows.values()]
    .map((r) => ({ ...r, arrMinor: r.mrrMinor * 12, churnRate: r.subscriptionsAtStart + r.newSubscriptions ? r.churnedSubscriptions / (r.subscriptionsAtStart + r.newSubscriptions) : 0 }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
