/**
 * Gateway throughput against fixed subgraphs: our gateway, stock @apollo/gateway and Hive Gateway,
 * each in a process of its own over the same supergraph of four in-memory subgraphs (another
 * process), taking turns under the same constant load from autocannon, round after round.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startChild, type ChildService } from '../shared/testing/child-process.js';
import type { BenchOutcome } from './subscriptions.bench.js';

const OPTIONS = {
  connections: { type: 'string', default: '50' },
  seconds: { type: 'string', default: '10' },
  rounds: { type: 'string', default: '3' },
  warmup: { type: 'string', default: '10' },
  only: { type: 'string', default: 'ours,ours-sampled,stock,hive' },
  workers: { type: 'string', default: '1' },
} as const;

// Four subgraphs deep: products → inventory (@requires) and reviews → users → their reviews → products.
const QUERY = `query TopProducts {
  topProducts(first: 5) {
    upc name price weight inStock shippingEstimate
    reviews { id body author { id name username reviews { id body product { upc name } } } }
  }
}`;

/** Our gateway's budgets for the bench's one user: rate limiting runs (every request is charged), nobody is refused. */
const BENCH_POLICY = JSON.stringify({
  anonymous: { points: 60, durationSeconds: 60 },
  plans: { bench: { user: { points: 100_000_000, durationSeconds: 60 }, tenant: { points: 100_000_000, durationSeconds: 60 }, apiKey: { points: 100_000_000, durationSeconds: 60 } } },
  defaultPlan: 'bench',
});

interface Result {
  target: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  peakRssMb: number;
  /** Requests per second of every round, in order. */
  roundsRps: number[];
}

/**
 * Peak resident memory of a gateway (Linux /proc), in MB: of its process and of the worker
 * processes it runs (ours: a primary and its workers), each process's own peak added up.
 */
async function peakRss(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const own = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')).split(/\s+/).filter(Boolean).map(Number);
    const theirs = await Promise.all(children.map((child) => peakRss(child)));
    return own + theirs.filter((mb) => !Number.isNaN(mb)).reduce((sum, mb) => sum + mb, 0);
  } catch {
    return Number.NaN;
  }
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p97_5: number; p99: number };
  errors: number;
  non2xx: number;
}

/**
 * Runs autocannon in a process of its own (its CLI, `--json`): in the bench's process it would
 * share an event loop with the OTLP sink, and the load generator would measure itself.
 */
async function loadWithAutocannon(url: string, headers: Record<string, string>, body: string, connections: number, seconds: number): Promise<AutocannonResult> {
  const args = ['node_modules/autocannon/autocannon.js', '--json', '-c', String(connections), '-d', String(seconds), '-m', 'POST', '-b', body];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  const { stdout } = await promisify(execFile)(process.execPath, [...args, url], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as AutocannonResult;
}

export const gatewayThroughputBench = {
  name: 'gateway-throughput',
  title: 'Gateway throughput against fixed subgraphs: ours, stock @apollo/gateway, Hive Gateway',
  intro: `The same four-subgraph query (products, inventory with \`@requires\`, reviews, users and back to
their reviews and products: five fetches in three sequential steps) under constant load from
autocannon in a process of its own (${OPTIONS.connections.default} connections), against each gateway in its own process over
the same supergraph. All of them run from the start; after a ${OPTIONS.warmup.default} s warm-up each, they take turns
for ${OPTIONS.rounds.default} rounds of ${OPTIONS.seconds.default} s, and each figure is that of the gateway's median round
(by requests per second): on a shared virtual machine, one gateway's run can be a quarter slower
than the next for reasons of the host's, and turns spread that over all of them alike.

- **fixed subgraphs**: one process serving four federated subgraphs from memory (graphql-js
  \`execute\` once per distinct request, then its answer from memory; no database), so the
  gateways are what is measured and the subgraphs take as little of the shared cores as they can;
- **ours**: \`gateway/main.ts\` with \`NODE_ENV=production\` and \`GATEWAY_WORKERS=${OPTIONS.workers.default}\` (\`--workers\`),
  authenticating the bearer token of every request (an ES256 access token, JWKS from the fixed
  identity subgraph; verified once, then kept until it expires), charging every request to the
  rate limiter (a budget no request exceeds), depth/cost/alias limits, metrics, the per-subgraph
  timeout/retry/circuit breaker, a signed caller token on every subgraph fetch, and OpenTelemetry
  tracing on (every span sampled and exported over OTLP/HTTP to a sink in the bench process);
- **ours-sampled**: the same with one trace in ten sampled (\`OTEL_TRACES_SAMPLER_ARG=0.1\`), as a
  busy production gateway would run; every request still carries a trace id (in its log lines and to the subgraphs);
- **stock**: \`new ApolloGateway({ supergraphSdl })\` in a default \`ApolloServer\` (standalone server);
- **hive**: Hive Gateway's CLI (\`hive-gateway supergraph <file>\`), defaults.

Peak memory is the gateway's peak resident set (VmHWM), its worker processes' added in. The load generator, the gateway and
the subgraphs share this machine's cores.

\`npm run bench -- gateway-throughput [--connections=${OPTIONS.connections.default}] [--seconds=${OPTIONS.seconds.default}] [--rounds=${OPTIONS.rounds.default}] [--warmup=${OPTIONS.warmup.default}] [--only=ours,ours-sampled,stock,hive] [--workers=${OPTIONS.workers.default}]\``,
  async run(argv: string[], log: (line: string) => void): Promise<BenchOutcome> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const connections = Number(values.connections);
    const seconds = Number(values.seconds);
    const rounds = Number(values.rounds);
    const warmup = Number(values.warmup);
    const only = String(values.only).split(',');
    const dir = await mkdtemp(join(tmpdir(), 'gateway-bench-'));
    const supergraphPath = join(dir, 'supergraph.graphql');
    const tokenPath = join(dir, 'token');
    // Spans of our gateway go somewhere real (an OTLP endpoint), and are dropped there.
    let exportedBatches = 0;
    const sink = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        exportedBatches += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const children: ChildService[] = [];
    try {
      children.push(await startChild('bench/gateway-throughput/fixed-subgraphs.ts', [supergraphPath, tokenPath], {}, /fixed subgraphs ready/));
      const token = await readFile(tokenPath, 'utf8');
      const targets: { name: string; start: (port: number) => Promise<ChildService>; headers: Record<string, string> }[] = [
        ...[
          { name: 'ours', sampleRatio: '1' },
          { name: 'ours-sampled', sampleRatio: '0.1' },
        ].map(({ name, sampleRatio }) => ({
          name,
          headers: { authorization: `Bearer ${token}` },
          start: (port: number) =>
            startChild(
              'gateway/main.ts',
              [],
              {
                NODE_ENV: 'production',
                LOG_LEVEL: 'warn',
                GATEWAY_WORKERS: String(values.workers),
                INTERNAL_TOKEN_SECRET: 'bench-only-internal-token-secret-0123456789',
                KEY_ENCRYPTION_SECRET: 'bench-only-key-encryption-secret-0123456789',
                SUPERGRAPH_PATH: supergraphPath,
                GATEWAY_PORT: String(port),
                RATE_LIMIT_POLICY: BENCH_POLICY,
                OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(sink.address() as AddressInfo).port}`,
                OTEL_TRACES_SAMPLER_ARG: sampleRatio,
              },
              `http://127.0.0.1:${port}/health`,
            ),
        })),
        { name: 'stock', headers: {}, start: (port) => startChild('bench/gateway-throughput/stock-gateway.ts', [supergraphPath, String(port)], {}, /stock gateway ready/) },
        {
          name: 'hive',
          headers: {},
          start: (port) => startChild('node_modules/@graphql-hive/gateway/dist/bin.js', ['supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1'], {}, `http://127.0.0.1:${port}/healthcheck`),
        },
      ];
      const running: { target: (typeof targets)[number]; gateway: ChildService; url: string; rounds: Result[] }[] = [];
      for (const target of targets.filter((t) => only.includes(t.name))) {
        const port = await freePort();
        const gateway = await target.start(port);
        children.push(gateway);
        const url = `http://127.0.0.1:${port}/graphql`;
        const check = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: JSON.stringify({ query: QUERY }) });
        const answer = (await check.json()) as { data?: { topProducts?: unknown[] }; errors?: unknown };
        if (!answer.data?.topProducts?.length || answer.errors) throw new Error(`${target.name} answered ${JSON.stringify(answer).slice(0, 300)}`);
        running.push({ target, gateway, url, rounds: [] });
      }
      const load = (entry: (typeof running)[number], duration: number) =>
        loadWithAutocannon(entry.url, { 'content-type': 'application/json', ...entry.target.headers }, JSON.stringify({ query: QUERY }), connections, duration);
      for (const entry of running) {
        log(`  ${entry.target.name}: warm-up ${warmup} s`);
        await load(entry, warmup);
      }
      for (let round = 1; round <= rounds; round++) {
        for (const entry of running) {
          const r = await load(entry, seconds);
          const result: Result = {
            target: entry.target.name,
            rps: r.requests.average,
            p50: r.latency.p50,
            p95: r.latency.p97_5,
            p99: r.latency.p99,
            errors: r.errors,
            non2xx: r.non2xx,
            peakRssMb: 0,
            roundsRps: [],
          };
          entry.rounds.push(result);
          log(`  round ${round}, ${result.target}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}`);
        }
      }
      const results: Result[] = [];
      for (const entry of running) {
        const median = [...entry.rounds].sort((a, b) => a.rps - b.rps)[Math.floor(entry.rounds.length / 2)]!;
        const peakRssMb = await peakRss(entry.gateway.process.pid!);
        await entry.gateway.stop();
        children.splice(children.indexOf(entry.gateway), 1);
        results.push({
          ...median,
          errors: entry.rounds.reduce((sum, r) => sum + r.errors, 0),
          non2xx: entry.rounds.reduce((sum, r) => sum + r.non2xx, 0),
          peakRssMb,
          roundsRps: entry.rounds.map((r) => r.rps),
        });
      }
      const stock = results.find((r) => r.target === 'stock');
      const markdown = [
        '| gateway | req/s | vs stock | each round (req/s) | p50 (ms) | p97.5 (ms) | p99 (ms) | peak RSS (MB) | errors | non-2xx |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...results.map((r) => `| ${r.target} | ${r.rps.toFixed(0)} | ${stock ? `${(r.rps / stock.rps).toFixed(2)}×` : '–'} | ${r.roundsRps.map((x) => x.toFixed(0)).join(' / ')} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.peakRssMb.toFixed(0)} | ${r.errors} | ${r.non2xx} |`),
        '',
        `Our gateways exported ${exportedBatches} span batches to the OTLP sink in all. Errors and non-2xx answers are of all rounds.`,
      ].join('\n');
      return { text: markdown, markdown };
    } finally {
      for (const child of children.reverse()) await child.stop();
      sink.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
