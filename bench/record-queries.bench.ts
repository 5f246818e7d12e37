/**
 * Record list queries: latency through the gateway of `records` pages (filter, sort, cursor,
 * total count, owners resolved) over a type holding many records.
 *
 * Everything runs in this one process, as `startTestSupergraph` starts it. The records are
 * inserted with one INSERT … SELECT (this measures reading, not writing), then ANALYZEd.
 */
import { parseArgs } from 'node:util';
import { createTenantWithUser } from '../shared/testing/fixtures.js';
import { startTestSupergraph } from '../shared/testing/test-supergraph.js';

const OPTIONS = {
  records: { type: 'string', default: '100000' },
  runs: { type: 'string', default: '30' },
} as const;

const FIELDS = [
  { name: 'name', kind: 'TEXT' },
  { name: 'qty', kind: 'NUMBER' },
  { name: 'price', kind: 'DECIMAL' },
  { name: 'due', kind: 'DATE' },
  { name: 'tier', kind: 'ENUM', options: ['bronze', 'silver', 'gold'] },
];

const PAGE = `query ($filter: RecordFilter, $orderBy: [RecordOrder!], $first: Int, $after: String, $last: Int) {
  records(type: "bench", filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last) {
    totalCount
    edges { cursor node { id data(fields: ["name", "qty", "price"]) owner { email } } }
    pageInfo { endCursor }
  }
}`;

interface Case {
  label: string;
  variables: Record<string, unknown>;
  /** Pages to step through with `after` before the measured one. */
  skipPages?: number;
}

const CASES: Case[] = [
  { label: 'newest first (no filter)', variables: {} },
  { label: 'tier eq gold, createdAt DESC', variables: { filter: { field: 'tier', eq: 'gold' }, orderBy: [{ field: 'createdAt', direction: 'DESC' }] } },
  { label: 'qty 100..199, qty ASC', variables: { filter: { field: 'qty', gte: 100, lt: 200 }, orderBy: [{ field: 'qty', direction: 'ASC' }] } },
  { label: 'name contains "777"', variables: { filter: { field: 'name', contains: '777' } } },
  { label: 'price DESC, 5th page by cursor', variables: { orderBy: [{ field: 'price', direction: 'DESC' }] }, skipPages: 4 },
  { label: 'due ASC nulls FIRST, last 20', variables: { orderBy: [{ field: 'due', direction: 'ASC', nulls: 'FIRST' }], last: 20 } },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;

export const recordQueriesBench = {
  name: 'record-queries',
  title: 'Record queries',
  intro: `Latency of \`records\` list queries through the gateway over one entity type's records.

- **Set-up:** the six subgraphs and the gateway in one process (\`startTestSupergraph\`, a fresh
  database), one tenant, an entity type \`bench\` (TEXT, NUMBER, DECIMAL, DATE, ENUM fields) whose
  records are inserted with one INSERT … SELECT and then ANALYZEd.
- **Query:** a page of 20 with \`totalCount\`, \`edges { cursor node { id data(fields: [3 keys]) owner { email } } }\`
  (owners resolved from identity by the gateway). Each case runs 3 uncounted times, then the
  measured runs one after another; times are from sending the request to the parsed response.
  "rows" is the case's totalCount. The count over every matching row is part of each request.`,

  async run(argv: string[], log: (line: string) => void): Promise<{ text: string; markdown: string }> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const records = Number(values.records ?? OPTIONS.records.default);
    const runs = Number(values.runs ?? OPTIONS.runs.default);
    const sg = await startTestSupergraph();
    try {
      const tenant = await createTenantWithUser(sg, 'bench');
      await sg.data('mutation ($input: CreateEntityTypeInput!) { createEntityType(input: $input) { id } }', { input: { name: 'bench', fields: FIELDS } }, tenant.as);
      const em = sg.subgraphs.entity!.orm.em.fork();
      const started = performance.now();
      await em.execute(
        `insert into "entity"."entity_record" ("id", "tenant_id", "type", "data", "owner_id", "created_at", "updated_at")
         select gen_random_uuid(), ?, 'bench', jsonb_build_object(
             'name', 'name-' || i, 'qty', (i * 7919) % 1000,
             'price', ((i * 31) % 100000)::text || '.' || lpad((i % 100)::text, 2, '0'),
             'tier', (array['bronze', 'silver', 'gold'])[1 + i % 3])
           || case when i % 10 = 0 then '{}'::jsonb else jsonb_build_object('due', (date '2026-01-01' + (i % 365))::text) end,
           ?, now() - make_interval(secs => i), now()
         from generate_series(1, ?) as i`,
        [tenant.tenantId, tenant.userId, records],
      );
      await em.execute('analyze "entity"."entity_record"');
      log(`  inserted ${records} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      const rows: { label: string; rows: number; p50: number; p95: number }[] = [];
      for (const c of CASES) {
        const variables = { first: c.variables.last ? null : 20, ...c.variables };
        const once = async () => {
          let after: string | null = null;
          for (let page = 0; page < (c.skipPages ?? 0); page++) {
            const res: { records: { pageInfo: { endCursor: string } } } = await sg.data(PAGE, { ...variables, after }, tenant.as);
            after = res.records.pageInfo.endCursor;
          }
          const t0 = performance.now();
          const res = await sg.data<{ records: { totalCount: number } }>(PAGE, { ...variables, after }, tenant.as);
          return { ms: performance.now() - t0, count: res.records.totalCount };
        };
        for (let i = 0; i < 3; i++) await once();
        const samples: number[] = [];
        let count = 0;
        for (let i = 0; i < runs; i++) {
          const { ms, count: total } = await once();
          samples.push(ms);
          count = total;
        }
        rows.push({ label: c.label, rows: count, p50: median(samples), p95: p95(samples) });
        log(`  ${c.label}: p50 ${median(samples).toFixed(1)} ms`);
      }
      const header = `${records.toLocaleString('en')} records, ${runs} runs a case`;
      const text = [header, ...rows.map((r) => `${r.label.padEnd(36)} rows ${String(r.rows).padStart(7)}  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms`)].join('\n');
      const markdown = [
        `${header}.`,
        '',
        '| case | rows | p50 ms | p95 ms |',
        '|---|---:|---:|---:|',
        ...rows.map((r) => `| ${r.label} | ${r.rows.toLocaleString('en')} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`),
      ].join('\n');
      return { text, markdown };
    } finally {
      await sg.stop();
    }
  },
};
