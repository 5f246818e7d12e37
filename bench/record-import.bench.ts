/**
 * A 100,000-row CSV import through the gateway, as a client does it: the file streamed up to the
 * signed upload URL, then the background job read and written chunk by chunk. Reports the time,
 * rows per second and the process's heap over the run, which stays flat because nothing holds the
 * whole file.
 */
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createTenantWithUser } from '../shared/testing/fixtures.js';
import { startTestSupergraph } from '../shared/testing/test-supergraph.js';
import type { BenchOutcome } from './subscriptions.bench.js';

const OPTIONS = { rows: { type: 'string', default: '100000' } } as const;
const CREATE_TYPE = 'mutation ($input: CreateEntityTypeInput!) { createEntityType(input: $input) { id } }';
const CREATE_IMPORT = 'mutation { createRecordImport(type: "bench", format: CSV) { id uploadUrl } }';
const STATUS = 'query ($id: ID!) { recordImport(id: $id) { status processed succeeded failed } }';
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);

/** The CSV, generated as it is sent: the client holds no more of it than the server does. */
function* csvLines(rows: number): Generator<string> {
  yield 'name,email,score\n';
  for (let i = 0; i < rows; i += 1) yield `Imported contact ${i},import${i}@example.com,${i % 1000}\n`;
}

export const recordImportBench = {
  name: 'record-import',
  title: 'Record import',
  intro: `A ${Number(OPTIONS.rows.default).toLocaleString('en')}-row CSV import, end to end.

- **Set-up:** the six subgraphs and the gateway in one process (\`startTestSupergraph\`, a fresh
  database), one tenant, an entity type \`bench\` (required text, unique email, number).
- **Run:** \`createRecordImport\`, the CSV streamed (generated on the fly) to its signed upload URL
  through the gateway's \`/files/entity/…\`, then \`recordImport\` polled until DONE. Each row is
  validated, checked for unique clashes, written, audited and given an outbox event, in chunks of
  1,000. "heap" is the process's heap sampled every 100 ms: at the start, its peak, and at the end.

\`npm run bench -- record-import [--rows=${OPTIONS.rows.default}]\``,
  async run(argv: string[], log: (line: string) => void): Promise<BenchOutcome> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const rows = Number(values.rows);
    const sg = await startTestSupergraph();
    try {
      const tenant = await createTenantWithUser(sg, 'bench');
      const fields = [
        { name: 'name', kind: 'TEXT', required: true },
        { name: 'email', kind: 'EMAIL', unique: true },
        { name: 'score', kind: 'NUMBER' },
      ];
      await sg.data(CREATE_TYPE, { input: { name: 'bench', fields } }, tenant.as);
      global.gc?.();
      const startHeap = process.memoryUsage().heapUsed;
      let peakHeap = startHeap;
      const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 100);
      const began = performance.now();
      let state: { status: string; processed: number; succeeded: number; failed: number };
      try {
        const { createRecordImport } = await sg.data<{ createRecordImport: { id: string; uploadUrl: string } }>(CREATE_IMPORT, {}, tenant.as);
        const url = new URL(createRecordImport.uploadUrl);
        const local = `${sg.gateway.url.replace(/\/graphql$/, '')}${url.pathname}${url.search}`;
        const put = await fetch(local, { method: 'PUT', body: Readable.toWeb(Readable.from(csvLines(rows))) as ReadableStream, duplex: 'half', headers: { 'content-type': 'text/csv' } } as RequestInit);
        if (put.status !== 202) throw new Error(`upload answered ${put.status}: ${await put.text()}`);
        const uploaded = performance.now();
        log(`  uploaded in ${((uploaded - began) / 1000).toFixed(1)} s`);
        for (;;) {
          state = (await sg.data<{ recordImport: typeof state }>(STATUS, { id: createRecordImport.id }, tenant.as)).recordImport;
          if (state.status === 'DONE' || state.status === 'FAILED') break;
          log(`  ${state.processed.toLocaleString('en')} rows, heap ${mb(process.memoryUsage().heapUsed)} MB`);
          await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      } finally {
        clearInterval(sampler);
      }
      const seconds = (performance.now() - began) / 1000;
      if (state.status !== 'DONE' || state.succeeded !== rows) throw new Error(`import ended ${JSON.stringify(state)}`);
      global.gc?.();
      const endHeap = process.memoryUsage().heapUsed;
      const markdown = [
        '| rows | status | time (s) | rows/s | heap MB start → peak → end |',
        '| ---: | --- | ---: | ---: | ---: |',
        `| ${rows.toLocaleString('en')} | ${state.status} (${state.failed} failed) | ${seconds.toFixed(1)} | ${(rows / seconds).toFixed(0)} | ${mb(startHeap)} → ${mb(peakHeap)} → ${mb(endHeap)} |`,
      ].join('\n');
      return { text: markdown, markdown };
    } finally {
      await sg.stop();
    }
  },
};
