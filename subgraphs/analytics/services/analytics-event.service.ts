import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { AnalyticsEvent } from '../entities/analytics-event.entity.js';
import { TimeGranularity, type EventCountsArgs } from '../inputs/count-events.input.js';
import type { TrackEventInput } from '../inputs/track-event.input.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';

type Ctx = RequestContext<AnalyticsLoaders>;

/** How many events fell in the bucket starting at `bucket`. */
export interface BucketCount {
  bucket: Date;
  count: number;
}

/** `date_trunc` units, so only these fixed literals ever reach the SQL. */
const TRUNC_UNIT: Record<TimeGranularity, string> = {
  [TimeGranularity.HOUR]: 'hour',
  [TimeGranularity.DAY]: 'day',
  [TimeGranularity.WEEK]: 'week',
  [TimeGranularity.MONTH]: 'month',
};

export async function trackEvent(ctx: Ctx, input: TrackEventInput): Promise<AnalyticsEvent> {
  const tenantId = requireTenant(ctx);
  const event = ctx.em.create(AnalyticsEvent, {
    tenantId,
    name: input.name,
    occurredAt: input.occurredAt ?? new Date(),
    properties: input.properties ?? {},
    actorId: ctx.caller.userId,
  });
  await ctx.em.flush();
  return event;
}

export function listEvents(ctx: Ctx, name: string | null | undefined, page: PageArgs): Promise<Page<AnalyticsEvent>> {
  requireTenant(ctx);
  return findPage(ctx.em, AnalyticsEvent, name ? { name } : {}, page);
}

interface BucketRow {
  bucket: string | Date;
  count: number;
}

/**
 * Events named `name` in [from, to), counted per UTC bucket in one statement; buckets
 * without events are absent. Served by the (tenant_id, name, occurred_at) index.
 */
export async function countEvents(ctx: Ctx, { name, from, to, granularity }: EventCountsArgs): Promise<BucketCount[]> {
  const tenantId = requireTenant(ctx);
  // Raw SQL skips the ORM's tenant filter, so the tenant condition is spelled out here.
  // Truncating the UTC wall-clock time and reading it back as UTC keeps buckets independent
  // of the session's time zone; `group by 1` because each `?` is a parameter of its own.
  const sql = `
    select date_trunc(?, "occurred_at" at time zone 'UTC') at time zone 'UTC' as "bucket", count(*)::int as "count"
    from "analytics"."analytics_event"
    where "tenant_id" = ? and "name" = ? and "occurred_at" >= ?::timestamptz and "occurred_at" < ?::timestamptz
    group by 1
    order by 1`;
  const params = [TRUNC_UNIT[granularity], tenantId, name, from.toISOString(), to.toISOString()];
  const rows = await ctx.em.getConnection().execute<BucketRow[]>(sql, params);
  // The type parsers keep timestamptz as PostgreSQL's text; the API speaks Dates.
  return rows.map((row) => ({ bucket: new Date(row.bucket), count: row.count }));
}
