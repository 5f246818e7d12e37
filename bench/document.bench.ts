/**
 * Documents: how many PDFs a second the platform makes from a template, measured twice — the
 * rendering alone (Handlebars → HTML → pdf-lib layout) in this process, and end to end through
 * the gateway (generateDocument → background job → blob store → `documentGenerated`).
 */
import { parseArgs } from 'node:util';
import { htmlToPdf } from '../subgraphs/document/services/pdf-layout.js';
import { renderTemplate } from '../subgraphs/document/services/template-render.js';
import { createTenantWithUser } from '../shared/testing/fixtures.js';
import { subscribeWs, wsClient } from '../shared/testing/live-client.js';
import { startTestSupergraph } from '../shared/testing/test-supergraph.js';
import { percentiles, type BenchOutcome } from './subscriptions.bench.js';

const OPTIONS = {
  renders: { type: 'string', default: '200' },
  documents: { type: 'string', default: '200' },
  concurrency: { type: 'string', default: '8' },
} as const;

// A one-to-two-page invoice: a heading, a table-like list of 30 lines, totals and terms.
const BODY = `<h1>Invoice {{number}}</h1>
<p>Billed to {{customer.name}}, {{customer.address}} on {{formatDate issuedOn}}.</p>
<ul>{{#each lines}}<li>{{description}} × {{quantity}}: {{formatMoney amountMinor ../currency}}</li>{{/each}}</ul>
<p>Total {{formatMoney totalMinor currency}} for {{count lines}} lines.</p>
<p>{{terms}}</p>`;
const data = (i: number) => {
  const lines = Array.from({ length: 30 }, (_, l) => ({ description: `Service item ${l + 1} of order ${i}`, quantity: (l % 4) + 1, amountMinor: 1_000 + l * 37 }));
  return {
    number: `INV-${String(i).padStart(6, '0')}`,
    customer: { name: `Customer ${i}`, address: '1 Infinite Loop, Cupertino' },
    issuedOn: '2026-12-05',
    currency: 'EUR',
    lines,
    totalMinor: lines.reduce((sum, l) => sum + l.amountMinor * l.quantity, 0),
    terms: 'Payment is due within thirty days of the invoice date. '.repeat(12),
  };
};

const GENERATED = 'subscription { documentGenerated { status document { id fileSize } } }';
const CREATE_TEMPLATE = 'mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { id } }';
const GENERATE = 'mutation ($input: GenerateDocumentInput!) { generateDocument(input: $input) { id } }';

const row = (label: string, count: number, seconds: number, samples: number[], size: number) => {
  const p = percentiles(samples);
  return `| ${label} | ${count} | ${(count / seconds).toFixed(1)} | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} | ${(size / 1024).toFixed(1)} |`;
};

export const documentBench = {
  name: 'document',
  title: 'Document generation',
  intro: `PDFs generated per second from a Handlebars invoice template (30 lines, totals, a long terms
paragraph: one to two pages).

- **Render only:** \`renderTemplate\` + \`htmlToPdf\` (pdf-lib) one after another in this process:
  the CPU cost of one PDF, no database or queue. Latency is per PDF.
- **End to end:** \`generateDocument\` through the gateway, ${OPTIONS.concurrency.default} requests in flight at a time, on the
  six subgraphs and gateway in one process (\`startTestSupergraph\`); each PDF is rendered by the
  \`document.generate\` job (concurrency 2), stored in the blob store (local disk) with its SHA-256 and
  made version 1, and counted when its \`documentGenerated\` event reaches a WebSocket subscriber
  through the gateway. Latency is from the mutation being sent to that event; PDFs/s is documents ÷
  wall time from the first request to the last event.

\`npm run bench -- document [--renders=${OPTIONS.renders.default}] [--documents=${OPTIONS.documents.default}] [--concurrency=${OPTIONS.concurrency.default}]\``,
  async run(argv: string[], log: (line: string) => void): Promise<BenchOutcome> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const renders = Number(values.renders);
    const documents = Number(values.documents);
    const concurrency = Number(values.concurrency);

    // Warm up the layout code (fonts, JIT) before timing.
    for (let i = 0; i < 5; i += 1) await htmlToPdf(renderTemplate(BODY, data(i)), 'warm-up');
    const renderSamples: number[] = [];
    let renderBytes = 0;
    const renderStart = performance.now();
    for (let i = 0; i < renders; i += 1) {
      const began = performance.now();
      renderBytes += (await htmlToPdf(renderTemplate(BODY, data(i)), `Invoice ${i}`)).length;
      renderSamples.push(performance.now() - began);
    }
    const renderSeconds = (performance.now() - renderStart) / 1000;
    log(`  render only: ${renders} PDFs in ${renderSeconds.toFixed(1)} s`);

    const sg = await startTestSupergraph();
    try {
      const tenant = await createTenantWithUser(sg, 'bench');
      const { createTemplate } = await sg.data<{ createTemplate: { id: string } }>(CREATE_TEMPLATE, { input: { name: 'Invoice', body: BODY } }, tenant.as);
      const live = subscribeWs<{ documentGenerated: { status: string; document: { id: string; fileSize: number } } }>(
        wsClient(sg.gateway.url, { authorization: `Bearer ${tenant.accessToken}` }),
        GENERATED,
      );
      await new Promise((resolve) => setTimeout(resolve, 500)); // the subscription is live upstream
      const sentAt = new Map<string, number>();
      const samples: number[] = [];
      let bytes = 0;
      let failed = 0;
      const drained = (async () => {
        while (samples.length + failed < documents) {
          const event = (await live.next(120_000)).data!.documentGenerated;
          if (event.status !== 'READY') failed += 1;
          else {
            samples.push(performance.now() - sentAt.get(event.document.id)!);
            bytes += event.document.fileSize;
          }
          if ((samples.length + failed) % 50 === 0) log(`  ${samples.length + failed} of ${documents} generated`);
        }
      })();
      const start = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < documents) {
            const i = next++;
            const began = performance.now();
            const { generateDocument } = await sg.data<{ generateDocument: { id: string } }>(GENERATE, { input: { templateId: createTemplate.id, title: `Invoice ${i}`, data: data(i) } }, tenant.as);
            sentAt.set(generateDocument.id, began);
          }
        }),
      );
      await drained;
      const seconds = (performance.now() - start) / 1000;
      live.close();
      if (failed) throw new Error(`${failed} documents failed to generate`);
      const markdown = [
        '| path | PDFs | PDFs/s | p50 (ms) | p99 (ms) | mean size (KB) |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        row('render only (one process, sequential)', renders, renderSeconds, renderSamples, renderBytes / renders),
        row(`end to end through the gateway (${concurrency} in flight)`, documents, seconds, samples, bytes / documents),
      ].join('\n');
      return { text: markdown, markdown };
    } finally {
      await sg.stop();
    }
  },
};
