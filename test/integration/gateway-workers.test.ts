import { request } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startChild, type ChildService } from '../../shared/testing/child-process.js';
import { eventually } from '../../shared/testing/eventually.js';
import { metricValue } from '../../shared/testing/metrics-text.js';

/** The worker processes the gateway's primary runs now (Linux: the primary's children). */
async function workerPids(primary: number): Promise<number[]> {
  const children = await readFile(`/proc/${primary}/task/${primary}/children`, 'utf8').catch(() => '');
  return children.split(/\s+/).filter(Boolean).map(Number);
}

const alive = (pid: number) => readFile(`/proc/${pid}/status`, 'utf8').then((status) => !/State:\s+Z/.test(status), () => false);

/** One POST on a connection of its own, so the kernel hands each to the next worker. */
function postAlone(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', connection: 'close' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The gateway as production runs it (gateway/main.ts) with two worker processes, over small
 * in-memory subgraphs in a process of their own: one port, one set of budgets, one `/metrics`,
 * a dead worker replaced, and everything stopped by one SIGTERM.
 */
describe('a gateway of several worker processes', () => {
  let dir: string;
  let subgraphs: ChildService;
  let gateway: ChildService;
  let url: string;
  const query = JSON.stringify({ query: 'query Top { topProducts(first: 2) { upc name inStock } }' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gateway-workers-'));
    const supergraphPath = join(dir, 'supergraph.graphql');
    subgraphs = await startChild('bench/gateway-throughput/fixed-subgraphs.ts', [supergraphPath, join(dir, 'token')], {}, /fixed subgraphs ready/);
    const port = await freePort();
    gateway = await startChild(
      'gateway/main.ts',
      [],
      {
        GATEWAY_WORKERS: '2',
        // Without Redis, the primary keeps the budgets: that is what is tested here.
        REDIS_URL: undefined,
        GATEWAY_PORT: String(port),
        // The primary says at info level when every worker listens: that is what is waited for.
        LOG_LEVEL: 'info',
        SUPERGRAPH_PATH: supergraphPath,
        // Anonymous callers get ten requests a minute, however many workers serve them.
        RATE_LIMIT_POLICY: JSON.stringify({
          anonymous: { points: 10, durationSeconds: 60 },
          plans: { free: { user: { points: 100, durationSeconds: 60 }, tenant: { points: 100, durationSeconds: 60 }, apiKey: { points: 100, durationSeconds: 60 } } },
          defaultPlan: 'free',
        }),
      },
      // Not /health: it answers as soon as one worker listens, and a worker that was forked but
      // not yet listening would leave the port closed when the test kills the other one.
      /gateway workers ready/,
    );
    url = `http://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await subgraphs?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('spends one budget across its workers, and counts every worker’s requests in one /metrics', async () => {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await postAlone(`${url}/graphql`, query));
    expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(200), 429, 429]);
    expect(JSON.parse(answers[0]!.text)).toEqual({ data: { topProducts: [{ upc: '1', name: 'Product 1', inStock: true }, { upc: '2', name: 'Product 2', inStock: true }] } });
    // Whichever worker the scrape lands on, it reports all of them.
    for (let i = 0; i < 3; i++) {
      const metrics = await (await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).text();
      expect(metricValue(metrics, 'graphql_requests_total', { service: 'gateway', operation: 'Top' })).toBe(10);
      expect(metricValue(metrics, 'gateway_rate_limit_rejections_total', { caller: 'anonymous' })).toBe(2);
    }
  });

  it('starts another worker when one dies, and keeps answering meanwhile', async () => {
    const [victim, survivor] = await workerPids(gateway.process.pid!);
    process.kill(victim!, 'SIGKILL');
    await eventually(async () => {
      const pids = await workerPids(gateway.process.pid!);
      return pids.length === 2 && !pids.includes(victim!);
    });
    expect(await workerPids(gateway.process.pid!)).toContain(survivor);
    const health = await fetch(`${url}/health`, { headers: { connection: 'close' } });
    expect(health.status).toBe(200);
  });

  it('stops every worker, then itself, on SIGTERM', async () => {
    const pids = await workerPids(gateway.process.pid!);
    const exited = new Promise<number | null>((resolve) => gateway.process.once('exit', resolve));
    gateway.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of pids) expect(await alive(pid)).toBe(false);
  });
});
