import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { getConfig } from '../shared/config/config.js';
import { serviceLogger } from '../shared/logger/logger.js';
import { aggregateWorkerMetrics } from '../shared/telemetry/metrics.js';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';

/**
 * Runs the gateway (docker-compose, production): this process supervises GATEWAY_WORKERS worker
 * processes (gateway/worker.ts) that share its port, the kernel's connections handed out to them
 * in turn. One Node process is one core's worth of gateway; the query planner and executor are
 * CPU-bound, so a gateway on a machine with cores to spare runs one worker per core.
 *
 * The primary serves no requests. It keeps the workers' rate-limit budgets when there is no
 * Redis (one budget whatever worker a request lands on), adds up their metrics for `/metrics`,
 * starts a worker again when one dies, and on SIGTERM/SIGINT has every worker drain and stop.
 * Live subscriptions belong to the worker holding their connection; their per-caller caps are
 * counted per worker.
 */

/**
 * Node and V8 settings of every worker, here rather than in each way of starting the gateway:
 * - a 64 MB young generation (V8's default is 16 MB): a federated request allocates much
 *   short-lived garbage (subgraph answers, merged results, the serialised response), and under
 *   load a small nursery is collected so often that collection took a fifth of the CPU;
 * - AsyncLocalStorage on async context frames (Node 24's default): the trace context follows
 *   each request without a hook on every promise.
 */
const WORKER_FLAGS = ['--max-semi-space-size=64', '--experimental-async-context-frame'];
/** More deaths than this within a minute is a crash loop: the gateway exits rather than spin. */
const MAX_RESTARTS_PER_MINUTE = 5;
const STOP_TIMEOUT_MS = 30_000;

const config = getConfig();
const log = serviceLogger('gateway');
cluster.setupPrimary({
  exec: fileURLToPath(new URL('./worker.ts', import.meta.url)),
  execArgv: [...process.execArgv, ...WORKER_FLAGS],
});
if (!config.redisUrl && config.gatewayWorkers > 1) new RateLimiterClusterMaster();
if (config.gatewayWorkers > 1) aggregateWorkerMetrics();

let stopping = false;
const deaths: number[] = [];
let listening = 0;
cluster.on('listening', () => {
  listening += 1;
  if (listening === config.gatewayWorkers) log.info({ workers: config.gatewayWorkers, port: config.gatewayPort }, 'gateway workers ready');
});
cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
  if (stopping) return;
  const now = Date.now();
  deaths.push(now);
  while (deaths[0]! < now - 60_000) deaths.shift();
  if (deaths.length > MAX_RESTARTS_PER_MINUTE) {
    log.fatal({ worker: worker.id, code, signal, deaths: deaths.length }, 'gateway workers keep dying; giving up');
    void stop(1);
    return;
  }
  log.error({ worker: worker.id, code, signal }, 'gateway worker died; starting another');
  cluster.fork();
});

async function stop(exitCode: number): Promise<void> {
  stopping = true;
  const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
  const exited = workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
  for (const worker of workers) worker.process.kill('SIGTERM');
  const timer = setTimeout(() => {
    log.warn('gateway workers did not stop in time; killing them');
    for (const worker of workers) worker.process.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await Promise.all(exited);
  clearTimeout(timer);
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'stopping gateway workers');
    void stop(0);
  });
}
for (let i = 0; i < config.gatewayWorkers; i++) cluster.fork();
