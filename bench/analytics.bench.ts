/**
 * Analytics at a million facts: ingestion rate through `trackEvents` (through the gateway,
 * batches of 5,000, each one SQL statement), the roll-up job's time to catch up, and the
 * latency of a dashboard's metric queries over the facts, before roll-ups (raw facts) and after.
 */
import { parseArgs } from 'node:util';
import { createTenantWithUser } from '../shared/testing/fixtures.js';
import { startTestSupergraph } from '../shared/testing/test-supergraph.js';
import { rollUpDirtyHours } from '../subgraphs/analytics/services/rollup.service.js';
import { percentiles, type BenchOutcome } from './subscriptions.bench.js';

const OPTIONS = {
  facts: { type: 'string', default: '1000000' },
  batch: { type: 'string', default: '5000' },
  queries: { type: 'string', default: '20' },
  days: { type: 'string', default: '30' },
} as const;

const TRACK = 'mutation ($events: [TrackEventInput!]!) { trackEvents(events: $events) { accepted } }';
const METRIC = 'query ($metric: MetricDefinitionInput!, $range: MetricRangeInput!) { metricValues(metric: $metric, range: $range) { bucket group value } }';
const PLANS = ['free', 'starter', 'pro', 'team', 'enterprise'];
const REGIONS = ['eu', 'us', 'apac', 'latam'];

/** A dashboard's widgets: each a metric over a window ending now. */
const WIDGETS = [
  { label: 'COUNT, TOTAL, 30 days', hours: 720, metric: { factType: 'order.placed', measure: 'COUNT', granularity: 'TOTAL' } },
  { label: 'SUM by region, DAY, 30 days', hours: 720, metric: { factType: 'order.placed', measure: 'SUM', field: 'amount', granularity: 'DAY', groupBy: 'region' } },
  { label: 'AVERAGE, HOUR, 7 days', hours: 168, metric: { factType: 'order.placed', measure: 'AVERAGE', field: 'amount', granularity: 'HOUR' } },
  { label: 'MAX where plan = pro, WEEK, 30 days', hours: 720, metric: { factType: 'order.placed', measure: 'MAX', field: 'amount', granularity: 'WEEK', filters: [{ property: 'plan', equals: 'pro' }] } },
];

export const analyticsBench = {
  name: 'analytics',
  title: 'Analytics facts and dashboards',
  intro: `Ingestion and dashboard latency over ${Number(OPTIONS.facts.default).toLocaleString('en')} facts.

- **Set-up:** the six subgraphs and the gateway in one process (\`startTestSupergraph\`, a fresh
  database), one tenant; facts of type \`order.placed\` spread evenly over the last ${OPTIONS.days.default} days, with
  two dimensions (plan: 5 values, region: 4) and one measure (amount).
- **Ingestion:** \`trackEvents\` calls of ${Number(OPTIONS.batch.default).toLocaleString('en')} facts through the gateway, one after another; each call is
  validated, written in one SQL statement (idempotent by id), marks its hours dirty and records one
  audited, evented FactBatch. facts/s = facts ÷ the calls' wall time.
- **Roll-up:** the roll-up job's work (\`rollUpDirtyHours\` until nothing is dirty) after ingestion,
  run by the bench itself (workers are off, so no scheduled run lands in the middle of the figures).
- **Dashboard:** four widget metrics run one after another through the gateway, ${OPTIONS.queries.default} times each
  after one warm-up: first on raw facts (before the roll-up), then from roll-ups.

\`npm run bench -- analytics [--facts=${OPTIONS.facts.default}] [--batch=${OPTIONS.batch.default}] [--queries=${OPTIONS.queries.default}] [--days=${OPTIONS.days.default}]\``,
  async run(argv: string[], log: (line: string) => void): Promise<BenchOutcome> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const total = Number(values.facts);
    const batch = Number(values.batch);
    const runs = Number(values.queries);
    const spanMs = Number(values.days) * 86_400_000;
    // No workers: the roll-up job would otherwise run on its schedule in the middle of the figures;
    // the bench runs its work itself, when it means to.
    const sg = await startTestSupergraph({ runWorkers: false });
    try {
      const tenant = await createTenantWithUser(sg, 'bench');
      const now = Date.now();
      const fact = (i: number) => ({
        id: `f${i}`,
        name: 'order.placed',
        occurredAt: new Date(now - spanMs + Math.floor((i / total) * spanMs)).toISOString(),
        dimensions: { plan: PLANS[i % PLANS.length]!, region: REGIONS[(i >> 3) % REGIONS.length]! },
        measures: { amount: (i * 7919) % 10_000 / 100 },
      });

      let ingestMs = 0;
      for (let start = 0; start < total; start += batch) {
        const events = Array.from({ length: Math.min(batch, total - start) }, (_, k) => fact(start + k));
        const began = performance.now();
        const { trackEvents } = await sg.data<{ trackEvents: { accepted: number } }>(TRACK, { events }, tenant.as);
        ingestMs += performance.now() - began;
        if (trackEvents.accepted !== events.length) throw new Error(`stored ${trackEvents.accepted} of ${events.length}`);
        if ((start / batch) % 20 === 19) log(`  ${(start + events.length).toLocaleString('en')} facts (${((start + events.length) / ingestMs * 1000).toFixed(0)} facts/s)`);
      }

      /** One widget's query, after a warm-up, `runs` times one after another. */
      const measure = async (widget: (typeof WIDGETS)[number]) => {
        const range = { from: new Date(now - widget.hours * 3_600_000 + 1).toISOString(), to: new Date(now + 1).toISOString() };
        await sg.data(METRIC, { metric: widget.metric, range }, tenant.as);
        const samples: number[] = [];
        for (let r = 0; r < runs; r += 1) {
          const began = performance.now();
          await sg.data(METRIC, { metric: widget.metric, range }, tenant.as);
          samples.push(performance.now() - began);
        }
        return percentiles(samples);
      };
      const sequential = async () => {
        const out = [];
        for (const widget of WIDGETS) out.push(await measure(widget));
        return out;
      };
      log('  dashboard on raw facts…');
      const raw = await sequential();

      const rollStart = performance.now();
      let hours = 0;
      for (let done = -1; done !== 0; ) hours += done = await rollUpDirtyHours(sg.subgraphs.analytics!.orm.em.fork());
      const rollMs = performance.now() - rollStart;
      log(`  rolled up ${hours} hours in ${(rollMs / 1000).toFixed(1)} s`);
      const rolled = await sequential();

      const rate = (total / ingestMs) * 1000;
      const markdown = [
        `Ingestion of ${total.toLocaleString('en')} facts in batches of ${batch.toLocaleString('en')}: **${rate.toFixed(0)} facts/s** (${(ingestMs / 1000).toFixed(1)} s); roll-up of ${hours} dirty hours afterwards: ${(rollMs / 1000).toFixed(1)} s.`,
        '',
        `Dashboard widget latency through the gateway (${runs} runs each, ms):`,
        '',
        '| widget | raw p50 | raw p99 | roll-ups p50 | roll-ups p99 |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...WIDGETS.map((w, i) => `| ${w.label} | ${raw[i]!.p50.toFixed(1)} | ${raw[i]!.p99.toFixed(1)} | ${rolled[i]!.p50.toFixed(1)} | ${rolled[i]!.p99.toFixed(1)} |`),
      ].join('\n');
      return { text: markdown, markdown };
    } finally {
      await sg.stop();
    }
  },
};
