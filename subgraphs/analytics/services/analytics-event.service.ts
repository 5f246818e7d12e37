import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { AnalyticsEvent } from '../entities/analytics-event.entity.js';
import type { EventCountsArgs } from '../inputs/count-events.input.js';
import { MetricGranularity, MetricMeasure } from '../inputs/metric-query.input.js';
import type { TrackEventInput } from '../inputs/track-event.input.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';
import { metricValues } from './metric.service.js';

type Ctx = RequestContext<AnalyticsLoaders>;

/** How many events fell in the bucket starting at `bucket`. */
export interface BucketCount {
  bucket: Date;
  count: number;
}

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

/**
 * Events named `name` in [from, to), counted per UTC bucket; buckets without events are
 * absent. The simplest metric, so it is one: a COUNT through the metric query.
 */
export async function countEvents(ctx: Ctx, { name, from, to, granularity }: EventCountsArgs): Promise<BucketCount[]> {
  const metric = { factType: name, measure: MetricMeasure.COUNT, granularity: granularity as unknown as MetricGranularity };
  const points = await metricValues(ctx, metric, { from, to });
  return points.map((point) => ({ bucket: point.bucket, count: point.value ?? 0 }));
}
