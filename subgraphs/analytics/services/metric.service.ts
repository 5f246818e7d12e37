import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError } from '../../../shared/errors/errors.js';
import { MAX_RANGE_DAYS, MetricGranularity, MetricMeasure, type MetricDefinitionInput } from '../inputs/metric-query.input.js';

/** One value of a metric: its bucket, its group (when grouped) and the number. */
export interface MetricPoint {
  bucket: Date;
  group: string | null;
  value: number | null;
}

export interface MetricRange {
  from: Date;
  to: Date;
}

/** `date_trunc` units: only these fixed literals ever reach the SQL. */
const TRUNC_UNIT: Record<Exclude<MetricGranularity, MetricGranularity.TOTAL>, string> = {
  MINUTE: 'minute',
  HOUR: 'hour',
  DAY: 'day',
  WEEK: 'week',
  MONTH: 'month',
};

/** The fact property as a number, null where it is missing or not a JSON number. */
const NUMBER = `(case when jsonb_typeof("properties" -> ?) = 'number' then ("properties" ->> ?)::numeric end)`;

/** The aggregate SQL of a measure and the parameters its placeholders take, in order. */
function aggregate(metric: MetricDefinitionInput): { sql: string; params: unknown[] } {
  const field = metric.field ?? '';
  switch (metric.measure) {
    case MetricMeasure.COUNT:
      return { sql: 'count(*)', params: [] };
    case MetricMeasure.SUM:
      return { sql: `sum(${NUMBER})`, params: [field, field] };
    case MetricMeasure.AVERAGE:
      return { sql: `avg(${NUMBER})`, params: [field, field] };
    case MetricMeasure.MIN:
      return { sql: `min(${NUMBER})`, params: [field, field] };
    case MetricMeasure.MAX:
      return { sql: `max(${NUMBER})`, params: [field, field] };
    case MetricMeasure.DISTINCT_COUNT:
      return { sql: `count(distinct "properties" ->> ?)`, params: [field] };
    case MetricMeasure.PERCENTILE:
      // Continuous percentile (interpolated), as spreadsheets and most BI tools compute it.
      return { sql: `percentile_cont(?::float8) within group (order by ${NUMBER})`, params: [metric.percentile, field, field] };
  }
}

interface PointRow {
  bucket: string | Date;
  group: string | null;
  value: string | number | null;
}

/**
 * A metric's values over [from, to): one statement over the tenant's facts, served by the
 * (tenant_id, name, occurred_at) index. Buckets without facts are absent; TOTAL is one bucket
 * starting at `from`. Values come back as numbers (PostgreSQL's numeric is exact; the API's
 * Float is double precision, plenty for metrics).
 */
export async function metricValues(ctx: RequestContext, metric: MetricDefinitionInput, { from, to }: MetricRange): Promise<MetricPoint[]> {
  const tenantId = requireTenant(ctx);
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days > MAX_RANGE_DAYS[metric.granularity]) {
    throw new BadUserInputError(`the range is at most ${MAX_RANGE_DAYS[metric.granularity]} days for ${metric.granularity}`, [
      { field: 'range', message: `at most ${MAX_RANGE_DAYS[metric.granularity]} days for ${metric.granularity}` },
    ]);
  }
  const params: unknown[] = [];
  let bucket: string;
  if (metric.granularity === MetricGranularity.TOTAL) {
    bucket = '?::timestamptz';
    params.push(from.toISOString());
  } else {
    // Truncating UTC wall-clock time and reading it back as UTC keeps buckets independent of the session's zone.
    bucket = `date_trunc(?, "occurred_at" at time zone 'UTC') at time zone 'UTC'`;
    params.push(TRUNC_UNIT[metric.granularity]);
  }
  const group = metric.groupBy ? `"properties" ->> ?` : 'null::text';
  if (metric.groupBy) params.push(metric.groupBy);
  const measure = aggregate(metric);
  params.push(...measure.params);
  // Raw SQL skips the ORM's tenant filter, so the tenant condition is spelled out here.
  const where = [`"tenant_id" = ?`, `"name" = ?`, `"occurred_at" >= ?::timestamptz`, `"occurred_at" < ?::timestamptz`];
  params.push(tenantId, metric.factType, from.toISOString(), to.toISOString());
  for (const filter of metric.filters ?? []) {
    where.push(`"properties" ->> ? = ?`);
    params.push(filter.property, filter.equals);
  }
  const sql = `
    select ${bucket} as "bucket", ${group} as "group", ${measure.sql} as "value"
    from "analytics"."analytics_event"
    where ${where.join(' and ')}
    group by 1, 2
    order by 1, 2`;
  const rows = await ctx.em.getConnection().execute<PointRow[]>(sql, params);
  return rows.map((row) => ({ bucket: new Date(row.bucket), group: row.group, value: row.value === null ? null : Number(row.value) }));
}
