import { waitForState } from '../../shared/jobs/job-backend.contract.js';
import { enqueue } from '../../shared/jobs/background-job.js';
import { jobBackend } from '../../shared/jobs/job-backend.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { rollUpFactsJob } from '../../subgraphs/analytics/jobs/roll-up-facts.job.js';

const TRACK = 'mutation ($events: [TrackEventInput!]!) { trackEvents(events: $events) { accepted duplicates factTypes } }';
const METRIC = 'query ($metric: MetricDefinitionInput!, $range: MetricRangeInput!) { metricValues(metric: $metric, range: $range) { bucket group value } }';

const MEASURES = ['COUNT', 'SUM', 'AVERAGE', 'MIN', 'MAX', 'DISTINCT_COUNT', 'PERCENTILE'] as const;
const GRANULARITIES = ['MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'TOTAL'] as const;
type Measure = (typeof MEASURES)[number];
type Granularity = (typeof GRANULARITIES)[number];

interface Fact {
  id: string;
  name: string;
  occurredAt: string;
  dimensions: Record<string, string>;
  measures: Record<string, number>;
}

// 80 orders every 37 h 11 min from a Monday: across minutes, hours, days, weeks and three months.
const START = Date.parse('2026-01-05T00:00:00Z');
const facts: Fact[] = Array.from({ length: 80 }, (_, i) => ({
  id: `order-${i}`,
  name: 'order.placed',
  occurredAt: new Date(START + i * (37 * 3_600_000 + 11 * 60_000) + (i % 5) * 1_000).toISOString(),
  dimensions: { plan: i % 3 === 0 ? 'pro' : 'free', region: i % 4 === 0 ? 'eu' : 'us', customer: `c${i % 7}` },
  measures: { amount: ((i * 17) % 50) + 1 + (i % 2) * 0.25 },
}));
// A second burst inside two days, several a minute apart, so MINUTE buckets hold more than one.
for (let i = 0; i < 20; i += 1) {
  facts.push({
    id: `burst-${i}`,
    name: 'order.placed',
    occurredAt: new Date(Date.parse('2026-02-10T09:00:00Z') + Math.floor(i / 3) * 60_000 + i * 1_000).toISOString(),
    dimensions: { plan: i % 2 ? 'pro' : 'free', region: 'eu', customer: `c${i % 4}` },
    measures: { amount: 10 + i },
  });
}

/** What each metric should be, worked out here from the facts (an oracle independent of the SQL). */
const UNIT_MS = { MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 } as const;
function bucketOf(time: number, granularity: Granularity, from: number): number {
  if (granularity === 'TOTAL') return from;
  if (granularity === 'WEEK') {
    const day = Math.floor(time / UNIT_MS.DAY) * UNIT_MS.DAY;
    return day - ((new Date(day).getUTCDay() + 6) % 7) * UNIT_MS.DAY; // weeks start on Monday
  }
  if (granularity === 'MONTH') {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  return Math.floor(time / UNIT_MS[granularity]) * UNIT_MS[granularity];
}
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (rank - low);
}
function expected(measure: Measure, granularity: Granularity, from: number, to: number, source = facts, filter?: (f: Fact) => boolean, groupBy?: string) {
  const buckets = new Map<string, Fact[]>();
  for (const fact of source) {
    const time = Date.parse(fact.occurredAt);
    if (time < from || time >= to || (filter && !filter(fact))) continue;
    const key = `${bucketOf(time, granularity, from)}|${groupBy ? fact.dimensions[groupBy] : ''}`;
    buckets.set(key, [...(buckets.get(key) ?? []), fact]);
  }
  return [...buckets.entries()]
    .map(([key, inBucket]) => {
      const [bucket, group] = key.split('|');
      const amounts = inBucket.map((f) => f.measures.amount!);
      const value = {
        COUNT: inBucket.length,
        SUM: amounts.reduce((a, b) => a + b, 0),
        AVERAGE: amounts.reduce((a, b) => a + b, 0) / amounts.length,
        MIN: Math.min(...amounts),
        MAX: Math.max(...amounts),
        DISTINCT_COUNT: new Set(inBucket.map((f) => f.dimensions.customer)).size,
        PERCENTILE: percentile(amounts, 0.9),
      }[measure];
      return { bucket: new Date(Number(bucket)).toISOString(), group: groupBy ? group! : null, value };
    })
    .sort((a, b) => a.bucket.localeCompare(b.bucket) || String(a.group).localeCompare(String(b.group)));
}

const metricOf = (measure: Measure, granularity: Granularity) => ({
  factType: 'order.placed',
  measure,
  granularity,
  ...(measure === 'DISTINCT_COUNT' ? { field: 'customer' } : measure === 'COUNT' ? {} : { field: 'amount' }),
  ...(measure === 'PERCENTILE' ? { percentile: 0.9 } : {}),
});

/** The range each granularity is asked over: MINUTE series are capped at two days. */
const rangeOf = (granularity: Granularity) =>
  granularity === 'MINUTE' ? { from: Date.parse('2026-02-10T08:00:00Z'), to: Date.parse('2026-02-11T08:00:00Z') } : { from: START, to: Date.parse('2026-05-01T00:00:00Z') };

describe('analytics metrics: every measure and granularity, roll-ups and late facts', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;

  const values = async (metric: Record<string, unknown>, from: number, to: number, as = acme) =>
    (await sg.data<{ metricValues: { bucket: string; group: string | null; value: number }[] }>(METRIC, { metric, range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() } }, as.as))
      .metricValues;
  const sql = async <T>(text: string, params: unknown[] = []) => (await sg.subgraphs.analytics!.orm.em.getConnection().execute(text, params)) as T;
  const dirtyHours = async () => Number((await sql<{ n: string }[]>(`select count(*) as n from "analytics"."fact_rollup_dirty" where "tenant_id" = ?`, [acme.tenantId]))[0]!.n);
  /** Runs the roll-up job; answers how many of acme's dirty hours it cleared. */
  const rollUp = async () => {
    const before = await dirtyHours();
    const id = await enqueue(rollUpFactsJob, { tenantId: null, maxBatches: 100 });
    expect((await waitForState(jobBackend().queue(rollUpFactsJob.queue), id, 'completed')).progress).toBe(100);
    return before - (await dirtyHours());
  };
  const expectMatch = (actual: { bucket: string; group: string | null; value: number }[], wanted: ReturnType<typeof expected>) => {
    expect(actual.map(({ bucket, group }) => ({ bucket, group }))).toEqual(wanted.map(({ bucket, group }) => ({ bucket, group })));
    actual.forEach((point, i) => expect(point.value).toBeCloseTo(wanted[i]!.value, 6));
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    const { trackEvents } = await sg.data<{ trackEvents: { accepted: number; duplicates: number; factTypes: string[] } }>(TRACK, { events: facts }, acme.as);
    expect(trackEvents).toEqual({ accepted: facts.length, duplicates: 0, factTypes: ['order.placed'] });
    // Another tenant's orders never count for acme.
    await sg.data(TRACK, { events: facts.slice(0, 10) }, globex.as);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('tracks in batches, idempotent by id, and refuses bad facts whole', async () => {
    const again = await sg.data<{ trackEvents: { accepted: number; duplicates: number; factTypes: string[] } }>(TRACK, { events: [...facts.slice(0, 3), { id: 'new-1', name: 'order.refunded', measures: { amount: 5 } }] }, acme.as);
    expect(again.trackEvents).toEqual({ accepted: 1, duplicates: 3, factTypes: ['order.refunded'] });
    const bad = await sg.graphql(TRACK, { events: [{ id: 'x', name: 'order.placed', measures: { amount: 'ten' } }, { name: 'Bad Name' }] }, { as: acme.as });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/0\.measures\.amount: .*1\.name: lower-case letters/s);
    const [{ count }] = await sql<{ count: string }[]>(`select count(*) from "analytics"."analytics_event" where "event_key" = 'x'`);
    expect(Number(count)).toBe(0);
  });

  it('answers each measure at each granularity with the values the facts give (raw, before any roll-up)', async () => {
    for (const granularity of GRANULARITIES) {
      const { from, to } = rangeOf(granularity);
      for (const measure of MEASURES) expectMatch(await values(metricOf(measure, granularity), from, to), expected(measure, granularity, from, to));
    }
    expect((await values(metricOf('COUNT', 'TOTAL'), START, Date.parse('2026-05-01T00:00:00Z'), globex))[0]!.value).toBe(10);
  });

  it('answers the same from roll-ups, which the job builds per hour and dimension set', async () => {
    expect(await rollUp()).toBeGreaterThanOrEqual(81); // 80 orders in hours of their own, the burst in one more
    expect(await dirtyHours()).toBe(0);
    const [{ rows, total }] = await sql<{ rows: string; total: string }[]>(
      `select count(*) as rows, sum("count") as total from "analytics"."fact_rollup" where "tenant_id" = ? and "name" = 'order.placed'`,
      [acme.tenantId],
    );
    expect(Number(total)).toBe(facts.length);
    expect(Number(rows)).toBeLessThan(facts.length); // the burst's facts share hours and dimensions
    for (const granularity of GRANULARITIES) {
      const { from, to } = rangeOf(granularity);
      for (const measure of MEASURES) expectMatch(await values(metricOf(measure, granularity), from, to), expected(measure, granularity, from, to));
    }
    // The answer does come from the roll-ups: skew one row and the total moves with it.
    const totalCount = async () => (await values(metricOf('COUNT', 'TOTAL'), START, Date.parse('2026-05-01T00:00:00Z')))[0]!.value;
    const skew = (by: number) => sql(`update "analytics"."fact_rollup" set "count" = "count" + ? where "tenant_id" = ? and "hour" = ?`, [by, acme.tenantId, new Date(START).toISOString()]);
    const inRange = expected('COUNT', 'TOTAL', START, Date.parse('2026-05-01T00:00:00Z'))[0]!.value;
    await skew(1000);
    expect(await totalCount()).toBe(inRange + 1000);
    await skew(-1000);
    expect(await totalCount()).toBe(inRange);
    // A range cut mid-hour reads its partial hours raw and the rest from roll-ups.
    const from = Date.parse('2026-02-10T09:02:30Z');
    const to = Date.parse('2026-03-20T17:45:00Z');
    for (const measure of ['COUNT', 'SUM', 'AVERAGE', 'MIN', 'MAX'] as const) expectMatch(await values(metricOf(measure, 'DAY'), from, to), expected(measure, 'DAY', from, to));
    // Filters and groups on dimensions, from roll-ups too.
    const grouped = { ...metricOf('SUM', 'MONTH'), filters: [{ property: 'region', equals: 'eu' }], groupBy: 'plan' };
    const { from: f, to: t } = rangeOf('MONTH');
    expectMatch(await values(grouped, f, t), expected('SUM', 'MONTH', f, t, facts, (fact) => fact.dimensions.region === 'eu', 'plan'));
  });

  it('counts a late fact at once, and rolls its old hour up again', async () => {
    const late = { id: 'late-1', name: 'order.placed', occurredAt: '2026-01-06T13:20:00.000Z', dimensions: { plan: 'pro', region: 'eu', customer: 'c99' }, measures: { amount: 1000 } };
    await sg.data(TRACK, { events: [late] }, acme.as);
    const withLate = [...facts, late];
    const { from, to } = rangeOf('DAY');
    // Before the job runs again: the hour is dirty, so it is read raw.
    expectMatch(await values(metricOf('SUM', 'DAY'), from, to), expected('SUM', 'DAY', from, to, withLate));
    expect(await dirtyHours()).toBe(1);
    expect(await rollUp()).toBe(1);
    for (const measure of ['COUNT', 'SUM', 'MAX'] as const) expectMatch(await values(metricOf(measure, 'WEEK'), from, to), expected(measure, 'WEEK', from, to, withLate));
    const [{ total }] = await sql<{ total: string }[]>(`select sum("count") as total from "analytics"."fact_rollup" where "tenant_id" = ? and "name" = 'order.placed'`, [acme.tenantId]);
    expect(Number(total)).toBe(withLate.length);
  });
});
