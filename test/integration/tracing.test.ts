import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { getConfig } from '../../shared/config/config.js';
import { loggerOptions } from '../../shared/logger/logger.js';
import { composeSupergraph } from '../../shared/schema/compose.js';
import { collectSpansInMemory, finishedSpans, tracer } from '../../shared/telemetry/tracing.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { freePort, startChild, type ChildService } from '../../shared/testing/child-process.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';

/*
 * One trace from the client's traceparent through the gateway, its query plan and subgraph
 * fetches, each subgraph's HTTP request and GraphQL execution, down to SQL statements; through a
 * background job; in log lines; and across two OS processes (a gateway in a child process
 * exporting over OTLP to a receiver here, the subgraphs in this one keeping spans in memory).
 */

collectSpansInMemory();

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const attr = (span: ReadableSpan, key: string) => span.attributes[key];
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** A minimal OTLP/HTTP (JSON) receiver: the spans a child process exports. */
function otlpReceiver(): { server: Server; spans: { traceId: string; spanId: string; parentSpanId?: string; name: string; service: string }[] } {
  const spans: { traceId: string; spanId: string; parentSpanId?: string; name: string; service: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const payload = JSON.parse(body) as {
        resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: { traceId: string; spanId: string; parentSpanId?: string; name: string }[] }[] }[];
      };
      for (const resource of payload.resourceSpans) {
        const service = resource.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const scope of resource.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return { server, spans };
}

describe('tracing: one trace across the gateway, subgraphs, SQL, jobs, logs and processes', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    await sg.data('mutation { createDocument(input: { title: "Traced", content: "x" }) { id } }', {}, acme.as);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  /** Posts through the gateway as the tenant, continuing a trace of our own. */
  const traced = async (url: string, query: string) => {
    const traceId = hex(16);
    const clientSpanId = hex(8);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${acme.accessToken}`, traceparent: `00-${traceId}-${clientSpanId}-01` },
      body: JSON.stringify({ query }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    return { traceId, clientSpanId };
  };

  it('joins the gateway request, query plan, subgraph fetches, subgraph execution and SQL in one trace', async () => {
    const { traceId, clientSpanId } = await traced(sg.gateway.url, 'query Traced { documents(first: 5) { items { title owner { email } } } }');
    const spans = finishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const gateway = spans.find((span) => attr(span, 'service.name') === 'gateway' && span.name === 'POST /graphql')!;
    expect(gateway).toBeDefined();
    expect(parentOf(gateway)).toBe(clientSpanId);

    // Each subgraph's request is the child of one of the gateway's fetch spans.
    const served = (service: string) => spans.find((span) => attr(span, 'service.name') === service && span.name === 'POST /graphql')!;
    for (const service of ['document', 'identity']) {
      const request = served(service);
      expect(request).toBeDefined();
      expect(byId.get(parentOf(request)!)?.name).toBe('gateway.fetch');
      const execution = spans.find((span) => span.name.startsWith('graphql.query') && attr(span, 'service.name') === service && parentOf(span) === request.spanContext().spanId);
      expect(execution).toBeDefined();
    }
    // A SQL statement of the document subgraph, and its ancestry up to the client's span.
    const sql = spans.find((span) => attr(span, 'db.namespace') === 'document' && span.name === 'select')!;
    expect(sql).toBeDefined();
    const chain: string[] = [];
    for (let span: ReadableSpan | undefined = sql; span; span = byId.get(parentOf(span) ?? '')) chain.push(`${String(attr(span, 'service.name') ?? '')}:${span.name}`);
    expect(chain[0]).toBe(':select');
    expect(chain).toEqual(expect.arrayContaining(['document:POST /graphql', 'gateway:POST /graphql']));
    expect(chain.indexOf('document:POST /graphql')).toBeLessThan(chain.indexOf('gateway:POST /graphql'));
    expect(chain.at(-1)).toBe('gateway:POST /graphql');
  });

  // Redis only takes part when REDIS_URL is set (the real-servers run); embedded mode has none.
  (getConfig().redisUrl ? it : it.skip)('records the Redis commands a request makes (the gateway charging its rate limit) in its trace', async () => {
    const { traceId } = await traced(sg.gateway.url, 'query Charged { me { email } }');
    const spans = finishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const gateway = spans.find((span) => attr(span, 'service.name') === 'gateway' && span.name === 'POST /graphql')!;
    const redis = spans.filter((span) => attr(span, 'db.system.name') === 'redis');
    expect(redis.length).toBeGreaterThan(0);
    const charge = redis.find((span) => parentOf(span) === gateway.spanContext().spanId);
    expect(charge).toBeDefined();
    expect(charge!.kind).toBe(SpanKind.CLIENT);
    expect(String(attr(charge!, 'db.query.text'))).toMatch(/^EVALSHA|^evalsha/i);
    expect(charge!.endTime[0]).toBeGreaterThan(0);
  });

  it('continues the trace in a background job queued by a traced mutation, and its calls to other subgraphs', async () => {
    const { traceId } = await traced(sg.gateway.url, 'mutation { reindexSearch(kind: "document") { id } }');
    const end = Date.now() + 15_000;
    let job: ReadableSpan | undefined;
    while (!job && Date.now() < end) {
      job = finishedSpans().find((span) => span.spanContext().traceId === traceId && span.name === 'job search.reindex');
      if (!job) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job).toBeDefined();
    const inJob = finishedSpans().filter((span) => span.spanContext().traceId === traceId);
    // The job read the documents from the document subgraph over HTTP: that request is in the trace too.
    expect(inJob.some((span) => attr(span, 'service.name') === 'document' && span.name === 'POST /graphql' && span.startTime[0] >= job!.startTime[0] - 1)).toBe(true);
  });

  it('writes the trace and span ids on log lines made inside a span', () => {
    const lines: string[] = [];
    const log = pino({ ...loggerOptions, level: 'info' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
    tracer().startActiveSpan('unit of work', (span) => {
      log.info('inside');
      span.end();
      const line = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(line).toMatchObject({ msg: 'inside', trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
    });
    log.info('outside');
    expect(JSON.parse(lines[1]!)).not.toHaveProperty('trace_id');
  });

  it('joins a gateway in another process (exporting over OTLP) and the subgraphs in this one', async () => {
    const receiver = otlpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(join(tmpdir(), 'traced-'));
    let child: ChildService | undefined;
    try {
      const supergraphPath = join(dir, 'supergraph.graphql');
      await writeFile(supergraphPath, (await composeSupergraph(Object.values(SUBGRAPHS))).supergraphSdl);
      const urls = Object.fromEntries(Object.values(sg.subgraphs).map((s) => [`SUBGRAPH_URL_${s.name.toUpperCase()}`, s.url]));
      const port = await freePort();
      const config = getConfig();
      child = await startChild(
        'gateway/main.ts',
        [],
        {
          ...urls,
          ...(config.redisUrl && { REDIS_URL: config.redisUrl, REDIS_KEY_PREFIX: config.redisKeyPrefix }),
          SUPERGRAPH_PATH: supergraphPath,
          GATEWAY_PORT: String(port),
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`,
          OTEL_SERVICE_NAME: 'gateway-child',
        },
        `http://127.0.0.1:${port}/health`,
      );
      const { traceId } = await traced(`http://127.0.0.1:${port}/graphql`, 'query { documents(first: 5) { items { title } } }');
      // The child exports in batches (every 5 s by default); stopping it flushes them.
      await child.stop();
      child = undefined;
      const remote = receiver.spans.filter((span) => span.traceId === traceId);
      expect(remote.length).toBeGreaterThan(0);
      expect(new Set(remote.map((span) => span.service))).toEqual(new Set(['gateway-child']));
      const fetches = new Set(remote.filter((span) => span.name === 'gateway.fetch').map((span) => span.spanId));
      const local = finishedSpans().filter((span) => span.spanContext().traceId === traceId && attr(span, 'service.name') === 'document' && span.name === 'POST /graphql');
      expect(local).toHaveLength(1);
      // The subgraph's request span here is the child of the gateway's fetch span there.
      expect(fetches.has(parentOf(local[0]!)!)).toBe(true);
    } finally {
      await child?.stop();
      receiver.server.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
