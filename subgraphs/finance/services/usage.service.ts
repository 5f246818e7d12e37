import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError, type FieldProblem } from '../../../shared/errors/errors.js';
import { Customer } from '../entities/customer.entity.js';
import { Meter, MeterAggregation } from '../entities/meter.entity.js';
import { UsageBatch } from '../entities/usage-batch.entity.js';
import { MAX_USAGE_EVENTS, type CreateMeterInput, type UsageEventInput, type UsageSummaryArgs } from '../inputs/usage.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';

type Ctx = RequestContext<FinanceLoaders>;

export async function createMeter(ctx: Ctx, input: CreateMeterInput): Promise<Meter> {
  const tenantId = requireTenant(ctx);
  if (await ctx.em.findOne(Meter, { key: input.key })) throw new ConflictError(`a meter ${input.key} exists already`);
  const meter = ctx.em.create(Meter, { tenantId, key: input.key, name: input.name.trim(), aggregation: input.aggregation });
  await ctx.em.flush();
  return meter;
}

export async function listMeters(ctx: Ctx): Promise<Meter[]> {
  requireTenant(ctx);
  return await ctx.em.find(Meter, {}, { orderBy: { key: 'asc' } });
}

/**
 * Stores metered events: all or none (every problem named by its index), in one SQL statement,
 * idempotent by event id (an id stored before, or twice in the call, counts once: `duplicates`).
 * The call is recorded as one audited, evented UsageBatch in the same transaction.
 */
export async function recordUsage(ctx: Ctx, events: UsageEventInput[]): Promise<UsageBatch> {
  const tenantId = requireTenant(ctx);
  if (!events.length || events.length > MAX_USAGE_EVENTS) {
    throw new BadUserInputError(`send 1 to ${MAX_USAGE_EVENTS} events a call`, [{ field: 'events', message: `must hold 1 to ${MAX_USAGE_EVENTS} events` }]);
  }
  const meterKeys = [...new Set(events.map((e) => e.meterKey))];
  const customerIds = [...new Set(events.map((e) => e.customerId))];
  const [meters, customers] = await Promise.all([
    ctx.em.find(Meter, { key: { $in: meterKeys } }, { fields: ['key'] }),
    ctx.em.find(Customer, { id: { $in: customerIds } }, { fields: ['id'] }),
  ]);
  const knownMeters = new Set(meters.map((m) => m.key));
  const knownCustomers = new Set(customers.map((c) => c.id));
  const problems: FieldProblem[] = [];
  events.forEach((event, i) => {
    if (!knownMeters.has(event.meterKey)) problems.push({ field: `events.${i}.meterKey`, message: 'no such meter' });
    if (!knownCustomers.has(event.customerId)) problems.push({ field: `events.${i}.customerId`, message: 'no such customer' });
  });
  if (problems.length) throw new BadUserInputError(`invalid usage events: ${problems.slice(0, 20).map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
  const rows = events.map((e) => ({ event_id: e.eventId, meter_key: e.meterKey, customer_id: e.customerId, value: e.value, unique_key: e.uniqueKey ?? null, occurred_at: e.occurredAt ?? null }));
  return await ctx.em.transactional(async (em) => {
    const [stored] = await em.execute<{ count: number }[]>(
      `with input as (
         select * from jsonb_to_recordset(?::jsonb) as r(event_id text, meter_key text, customer_id uuid, value float8, unique_key text, occurred_at timestamptz)
       ), written as (
         insert into "finance"."usage_event" ("tenant_id", "event_id", "meter_key", "customer_id", "value", "unique_key", "occurred_at")
         select ?, event_id, meter_key, customer_id, value, unique_key, coalesce(occurred_at, now()) from input
         on conflict ("tenant_id", "event_id") do nothing
         returning 1
       )
       select count(*)::int as "count" from written`,
      [JSON.stringify(rows), tenantId],
    );
    const accepted = stored?.count ?? 0;
    const batch = em.create(UsageBatch, { tenantId, accepted, duplicates: events.length - accepted, meterKeys });
    await em.flush();
    return batch;
  });
}

const AGGREGATE: Record<MeterAggregation, string> = {
  [MeterAggregation.SUM]: 'coalesce(sum("value"), 0)',
  [MeterAggregation.COUNT]: 'count(*)',
  [MeterAggregation.MAX]: 'coalesce(max("value"), 0)',
  [MeterAggregation.UNIQUE_COUNT]: 'count(distinct "unique_key")',
};

/** A customer's usage of a meter over [from, to), by the meter's aggregation. */
export async function usageQuantity(em: EntityManager, tenantId: string, customerId: string, meter: Meter, from: Date, to: Date): Promise<number> {
  const [row] = await em.execute<{ quantity: string | number }[]>(
    `select ${AGGREGATE[meter.aggregation]}::float8 as "quantity" from "finance"."usage_event"
     where "tenant_id" = ? and "customer_id" = ? and "meter_key" = ? and "occurred_at" >= ? and "occurred_at" < ?`,
    [tenantId, customerId, meter.key, from, to],
  );
  return Number(row?.quantity ?? 0);
}

export interface UsageSummary {
  meterKey: string;
  aggregation: MeterAggregation;
  quantity: number;
}

export async function usageSummary(ctx: Ctx, args: UsageSummaryArgs): Promise<UsageSummary> {
  const tenantId = requireTenant(ctx);
  const meter = await ctx.em.findOne(Meter, { key: args.meterKey });
  if (!meter) throw new NotFoundError('Meter', args.meterKey);
  return { meterKey: meter.key, aggregation: meter.aggregation, quantity: await usageQuantity(ctx.em, tenantId, args.customerId, meter, args.from, args.to) };
}
