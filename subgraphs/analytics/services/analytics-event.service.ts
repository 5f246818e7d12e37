import type { RequestContext } from '../../../shared/context/context.js';
import { randomUUID } from 'node:crypto';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError } from '../../../shared/errors/errors.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { AnalyticsEvent } from '../entities/analytics-event.entity.js';
import type { FactBatch } from '../entities/fact-batch.entity.js';
import type { EventCountsArgs } from '../inputs/count-events.input.js';
import { MetricGranularity, MetricMeasure } from '../inputs/metric-query.input.js';
import type { TrackEventInput } from '../inputs/track-event.input.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';
import { ingestFacts, type FactInput } from './fact-ingest.service.js';
import { metricValues } from './metric.service.js';

type Ctx = RequestContext<AnalyticsLoaders>;

/** How many events fell in the bucket starting at `bucket`. */
export interface BucketCount {
  bucket: Date;
  count: number;
}

const toFact = (input: TrackEventInput): FactInput => ({ key: input.id, ...input });

/** Records one fact and answers it (the one stored before, when its id was tracked already). */
export async function trackEvent(ctx: Ctx, input: TrackEventInput): Promise<AnalyticsEvent> {
  const tenantId = requireTenant(ctx);
  const key = input.id ?? randomUUID();
  await ctx.em.transactional((em) => ingestFacts(em, tenantId, ctx.caller.userId, [toFact({ ...input, id: key })]));
  return ctx.em.findOneOrFail(AnalyticsEvent, { eventKey: key });
}

/** Most facts one `trackEvents` call takes. */
export const MAX_TRACKED_FACTS = 5_000;

/** Records a batch of facts in one statement; facts whose id was tracked before are skipped. */
export async function trackEvents(ctx: Ctx, inputs: TrackEventInput[]): Promise<FactBatch> {
  const tenantId = requireTenant(ctx);
  if (!inputs.length || inputs.length > MAX_TRACKED_FACTS) {
    throw new BadUserInputError(`track 1 to ${MAX_TRACKED_FACTS} events a call`, [{ field: 'events', message: `must hold 1 to ${MAX_TRACKED_FACTS} events` }]);
  }
  return ctx.em.transactional((em) => ingestFacts(em, tenantId, ctx.caller.userId, inputs.map(toFact)));
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
