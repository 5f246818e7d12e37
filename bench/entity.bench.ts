/**
 * Entity records at 100,000: bulk-insert throughput through `bulkCreateRecords` (both modes,
 * through the gateway, every record validated, audited and evented) and `records` list-query
 * latency once the tenant holds them all.
 */
import { parseArgs } from 'node:util';
import { createTenantWithUser } from '../shared/testing/fixtures.js';
import { startTestSupergraph } from '../shared/testing/test-supergraph.js';
import { percentiles, type BenchOutcome } from './subscriptions.bench.js';

const OPTIONS = {
  records: { type: 'string', default: '100000' },
  batch: { type: 'string', default: '10000' },
  queries: { type: 'string', default: '50' },
} as const;

const CREATE_TYPE = 'mutation ($input: CreateEntityTypeInput!) { createEntityType(input: $input) { id } }';
const BULK_CREATE = 'mutation ($rows: [JSON!]!, $mode: BulkMode) { bulkCreateRecords(type: "bench", rows: $rows, mode: $mode) { succeeded failed } }';
const LISTS = {
  'first 20': 'query { records(type: "bench", first: 20) { totalCount items { id data } } }',
  'first 100': 'query { records(type: "bench", first: 100) { totalCount items { id data } } }',
} as const;

const row = (i: number) => ({ name: `Bench contact ${i}`, email: `bench${i}@example.com`, score: i % 1000 });
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);

export const entityBench = {
  name: 'entity',
  title: 'Entity records',
  intro: `Bulk-insert throughput and list-query latency over ${Number(OPTIONS.records.default).toLocaleString('en')} records.

- **Set-up:** the six subgraphs and the gateway in one process (\`startTestSupergraph\`, a fresh
  database), one tenant, an entity type \`bench\` with a required text field, a unique email
  field (an expression index) and a number.
- **Bulk insert:** \`bulkCreateRecords\` calls of ${Number(OPTIONS.batch.default).toLocaleString('en')} rows through the gateway, alternating
  ALL_OR_NOTHING and PER_ROW, until the tenant holds all the records. Each row is validated, checked
  for unique clashes, inserted, audited and given an outbox event in the call's transaction.
  rows/s = rows ÷ the calls' wall time, per mode. "peak heap" is the process's highest heap
  sampled every 100 ms during the inserts.
- **List query:** the \`records(type: "bench", first: n) { totalCount items { id data } }\` query
  run one after another over the full set, after one warm-up each.

\`npm run bench -- entity [--records=${OPTIONS.records.default}] [--batch=${OPTIONS.batch.default}] [--queries=${OPTIONS.queries.default}]\``,
  async run(argv: string[], log: (line: string) => void): Promise<BenchOutcome> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const total = Number(values.records);
    const batch = Number(values.batch);
    const queries = Number(values.queries);
    const sg = await startTestSupergraph();
    try {
      const tenant = await createTenantWithUser(sg, 'bench');
      const fields = [
        { name: 'name', kind: 'TEXT', required: true },
        { name: 'email', kind: 'EMAIL', unique: true },
        { name: 'score', kind: 'NUMBER' },
      ];
      await sg.data(CREATE_TYPE, { input: { name: 'bench', fields } }, tenant.as);

      let peakHeap = 0;
      const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 100);
      const inserted = { ALL_OR_NOTHING: { rows: 0, ms: 0 }, PER_ROW: { rows: 0, ms: 0 } };
      try {
        for (let start = 0, call = 0; start < total; start += batch, call += 1) {
          const mode = call % 2 === 0 ? 'ALL_OR_NOTHING' : 'PER_ROW';
          const rows = Array.from({ length: Math.min(batch, total - start) }, (_, i) => row(start + i));
          const began = performance.now();
          const result = await sg.data<{ bulkCreateRecords: { succeeded: number; failed: number } }>(BULK_CREATE, { rows, mode }, tenant.as);
          const ms = performance.now() - began;
          if (result.bulkCreateRecords.succeeded !== rows.length) throw new Error(`bulk insert wrote ${result.bulkCreateRecords.succeeded} of ${rows.length}`);
          inserted[mode].rows += rows.length;
          inserted[mode].ms += ms;
          log(`  ${(start + rows.length).toLocaleString('en')} records (${mode}, ${((rows.length / ms) * 1000).toFixed(0)} rows/s)`);
        }
      } finally {
        clearInterval(sampler);
      }

      const latency: { list: string; p50: number; p99: number; max: number }[] = [];
      for (const [list, query] of Object.entries(LISTS)) {
        const first = await sg.data<{ records: { totalCount: number } }>(query, {}, tenant.as);
        if (first.records.totalCount !== total) throw new Error(`listed ${first.records.totalCount} of ${total}`);
        const samples: number[] = [];
        for (let q = 0; q < queries; q += 1) {
          const began = performance.now();
          await sg.data(query, {}, tenant.as);
          samples.push(performance.now() - began);
        }
        const p = percentiles(samples);
        latency.push({ list, p50: p.p50, p99: p.p99, max: p.max });
      }

      const rate = (m: keyof typeof inserted) => ((inserted[m].rows / inserted[m].ms) * 1000).toFixed(0);
      const insertRows = [
        `| ALL_OR_NOTHING | ${inserted.ALL_OR_NOTHING.rows.toLocaleString('en')} | ${rate('ALL_OR_NOTHING')} |`,
        `| PER_ROW | ${inserted.PER_ROW.rows.toLocaleString('en')} | ${rate('PER_ROW')} |`,
      ];
      const listRows = latency.map((l) => `| \`${l.list}\` | ${queries} | ${l.p50.toFixed(1)} | ${l.p99.toFixed(1)} | ${l.max.toFixed(1)} |`);
      const markdown = [
        `Bulk insert (${batch.toLocaleString('en')} rows a call), peak heap ${mb(peakHeap)} MB:`,
        '',
        '| mode | rows | rows/s |',
        '| --- | ---: | ---: |',
        ...insertRows,
        '',
        `List query over ${total.toLocaleString('en')} records:`,
        '',
        '| query | runs | p50 (ms) | p99 (ms) | max (ms) |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...listRows,
      ].join('\n');
      return { text: markdown, markdown };
    } finally {
      await sg.stop();
    }
  },
};
