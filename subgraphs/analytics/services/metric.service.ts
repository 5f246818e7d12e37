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

/** Measures that add up from hourly roll-ups; a distinct count or a percentile does not. */
const FROM_ROLLUPS = new Set([MetricMeasure.COUNT, MetricMeasure.SUM, MetricMeasure.AVERAGE, MetricMeasure.MIN, MetricMeasure.MAX]);

const HOUR_MS = 3_600_000;
const FACTS = '"analytics"."analytics_event"';
const ROLLUPS = '"analytics"."fact_rollup"';
const DIRTY = '"analytics"."fact_rollup_dirty"';

/**
 * A SQL fragment with its parameters, in order. Every value reaches PostgreSQL as a parameter;
 * only fixed literals of this file are spliced into the text.
 */
interface Sql {
  text: string;
  params: unknown[];
}
const sql = (text: string, ...params: unknown[]): Sql => ({ text, params });
const join = (parts: Sql[], separator: string): Sql => ({ text: parts.map((p) => p.text).join(separator), params: parts.flatMap((p) => p.params) });

/** The bucket a time column falls in, or the range's start for TOTAL. */
function bucketOf(metric: MetricDefinitionInput, column: string, from: Date): Sql {
  if (metric.granularity === MetricGranularity.TOTAL) return sql('?::timestamptz', from.toISOString());
  // Truncating UTC wall-clock time and reading it back as UTC keeps buckets independent of the session's zone.
  return sql(`date_trunc(?, ${column} at time zone 'UTC') at time zone 'UTC'`, TRUNC_UNIT[metric.granularity]);
}

const groupOf = (metric: MetricDefinitionInput): Sql => (metric.groupBy ? sql(`"dimensions" ->> ?`, metric.groupBy) : sql('null::text'));

const filtersOf = (metric: MetricDefinitionInput): Sql[] => (metric.filters ?? []).map((f) => sql(`"dimensions" ->> ? = ?`, f.property, f.equals));

/** A fact's measure as a number (measures hold only numbers). */
const measureOf = (field: string) => sql(`("measures" ->> ?)::numeric`, field);

interface PointRow {
  bucket: string | Date;
  group: string | null;
  value: string | number | null;
}

/**
 * The metric straight from raw facts (minutes, distinct counts and percentiles): one aggregate
 * over the (tenant_id, name, occurred_at) index.
 */
function rawQuery(tenantId: string, metric: MetricDefinitionInput, { from, to }: MetricRange): Sql {
  const field = metric.field ?? '';
  const value = {
    [MetricMeasure.COUNT]: sql('count(*)'),
    [MetricMeasure.SUM]: join([sql('sum('), measureOf(field), sql(')')], ''),
    [MetricMeasure.AVERAGE]: join([sql('avg('), measureOf(field), sql(')')], ''),
    [MetricMeasure.MIN]: join([sql('min('), measureOf(field), sql(')')], ''),
    [MetricMeasure.MAX]: join([sql('max('), measureOf(field), sql(')')], ''),
    [MetricMeasure.DISTINCT_COUNT]: sql(`count(distinct coalesce("dimensions" ->> ?, "measures" ->> ?))`, field, field),
    // Continuous percentile (interpolated), as spreadsheets and most BI tools compute it.
    [MetricMeasure.PERCENTILE]: join([sql('percentile_cont(?::float8) within group (order by ', metric.percentile), measureOf(field), sql(')')], ''),
  }[metric.measure];
  const where = join(
    [sql('"tenant_id" = ?', tenantId), sql('"name" = ?', metric.factType), sql('"occurred_at" >= ?::timestamptz', from.toISOString()), sql('"occurred_at" < ?::timestamptz', to.toISOString()), ...filtersOf(metric)],
    ' and ',
  );
  return join(
    [sql('select'), bucketOf(metric, '"occurred_at"', from), sql('as "bucket",'), groupOf(metric), sql('as "group",'), value, sql(`as "value" from ${FACTS} where`), where, sql('group by 1, 2 order by 1, 2')],
    ' ',
  );
}

/**
 * The metric from hourly roll-ups for whole hours inside the range that are not dirty, and from
 * raw facts for the rest (the range's partial first and last hours, and hours with facts not yet
 * rolled up, late ones included), so the answer is always what the raw facts say. Each side
 * yields partial aggregates (count, and n/sum/min/max of the measure) that combine exactly.
 */
export function rollupQuery(tenantId: string, metric: MetricDefinitionInput, { from, to }: MetricRange): Sql {
  const interiorStart = new Date(Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const interiorEnd = new Date(Math.floor(to.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const field = metric.field ?? '';
  const rolled = (key: 'n' | 'sum' | 'min' | 'max') => sql(`("measures" -> ? ->> '${key}')::numeric`, field);
  const filters = filtersOf(metric);
  const raw = join(
    [
      sql('select'),
      bucketOf(metric, '"occurred_at"', from),
      sql('as "bucket",'),
      groupOf(metric),
      sql('as "grp", count(*) as "cnt", count('),
      measureOf(field),
      sql(') as "n", sum('),
      measureOf(field),
      sql(') as "s", min('),
      measureOf(field),
      sql(') as "mn", max('),
      measureOf(field),
      // Each slice (the partial first and last hours, each dirty hour) is its own index range scan;
      // `offset 0` keeps the planner from flattening that into one pass over every fact of the tenant,
      // which it picks when its statistics lag behind a bulk of new facts.
      sql(
        `) as "mx" from "slices" cross join lateral (select "occurred_at", "dimensions", "measures" from ${FACTS} where "tenant_id" = ? and "name" = ? and "occurred_at" >= "slices"."lo" and "occurred_at" < "slices"."hi" offset 0) as "e"`,
        tenantId,
        metric.factType,
      ),
      ...(filters.length ? [sql('where'), join(filters, ' and ')] : []),
      sql('group by 1, 2'),
    ],
    ' ',
  );
  const fromRollups = join(
    [
      sql('select'),
      bucketOf(metric, '"hour"', from),
      sql(','),
      groupOf(metric),
      sql(', sum("count"), sum('),
      rolled('n'),
      sql('), sum('),
      rolled('sum'),
      sql('), min('),
      rolled('min'),
      sql('), max('),
      rolled('max'),
      sql(`) from ${ROLLUPS} where`),
      join(
        [
          sql('"tenant_id" = ?', tenantId),
          sql('"name" = ?', metric.factType),
          sql('"hour" >= ?::timestamptz', interiorStart),
          sql('"hour" < ?::timestamptz', interiorEnd),
          sql('"hour" not in (select "hour" from "dirty")'),
          ...filters,
        ],
        ' and ',
      ),
      sql('group by 1, 2'),
    ],
    ' ',
  );
  const value = {
    [MetricMeasure.COUNT]: 'sum("cnt")',
    [MetricMeasure.SUM]: 'sum("s")',
    [MetricMeasure.AVERAGE]: 'sum("s") / nullif(sum("n"), 0)',
    [MetricMeasure.MIN]: 'min("mn")',
    [MetricMeasure.MAX]: 'max("mx")',
  }[metric.measure as MetricMeasure.COUNT];
  return join(
    [
      sql(`with "dirty" as (select "hour" from ${DIRTY} where "tenant_id" = ? and "name" = ? and "hour" >= ?::timestamptz and "hour" < ?::timestamptz),`, tenantId, metric.factType, interiorStart, interiorEnd),
      sql(
        `"slices" as (select ?::timestamptz as "lo", ?::timestamptz as "hi" union all select ?::timestamptz, ?::timestamptz union all select "hour", "hour" + interval '1 hour' from "dirty"),`,
        from.toISOString(),
        interiorStart,
        interiorEnd,
        to.toISOString(),
      ),
      sql('"parts" as ('),
      raw,
      sql('union all'),
      fromRollups,
      sql(`) select "bucket", "grp" as "group", ${value} as "value" from "parts" group by 1, 2 order by 1, 2`),
    ],
    ' ',
  );
}

/**
 * A metric's values over [from, to). Buckets without facts are absent; TOTAL is one bucket
 * starting at `from`. Hours and longer, for counts, sums, averages, minima and maxima, come
 * from the hourly roll-ups (with raw facts where those are stale); the rest from raw facts.
 * Values come back as numbers (PostgreSQL's numeric is exact; the API's Float is double
 * precision, plenty for metrics).
 */
export async function metricValues(ctx: RequestContext, metric: MetricDefinitionInput, range: MetricRange): Promise<MetricPoint[]> {
  const tenantId = requireTenant(ctx);
  const days = (range.to.getTime() - range.from.getTime()) / 86_400_000;
  if (days > MAX_RANGE_DAYS[metric.granularity]) {
    throw new BadUserInputError(`the range is at most ${MAX_RANGE_DAYS[metric.granularity]} days for ${metric.granularity}`, [
      { field: 'range', message: `at most ${MAX_RANGE_DAYS[metric.granularity]} days for ${metric.granularity}` },
    ]);
  }
  const wholeHours = Math.floor(range.to.getTime() / HOUR_MS) > Math.ceil(range.from.getTime() / HOUR_MS);
  const useRollups = FROM_ROLLUPS.has(metric.measure) && metric.granularity !== MetricGranularity.MINUTE && wholeHours;
  const query = useRollups ? rollupQuery(tenantId, metric, range) : rawQuery(tenantId, metric, range);
  // Raw SQL skips the ORM's tenant filter, so the tenant condition is spelled out in every part.
  const rows = await ctx.em.getConnection().execute<PointRow[]>(query.text, query.params);
  return rows.map((row) => ({ bucket: new Date(row.bucket), group: row.group, value: row.value === null ? null : Number(row.value) }));
}
