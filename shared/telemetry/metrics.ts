import type { ApolloServerPlugin } from '@apollo/server';
import type { Express } from 'express';
import cluster from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this process, one registry for all of it: in production a process is one
 * service (the gateway, or one subgraph); in tests and `npm start` several share a process, and
 * every series carries a `service` label, so one scrape of any `/metrics` tells them apart.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const requests = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL operations executed, by service, operation name and type',
  labelNames: ['service', 'operation', 'type'] as const,
  registers: [registry],
});
const errors = new Counter({
  name: 'graphql_errors_total',
  help: 'GraphQL errors returned, by service and extensions.code',
  labelNames: ['service', 'code'] as const,
  registers: [registry],
});
const duration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'Time to answer a GraphQL operation, by service and operation name',
  labelNames: ['service', 'operation'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});
const subgraphFetches = new Histogram({
  name: 'gateway_subgraph_fetch_duration_seconds',
  help: 'Time of each fetch the gateway makes to a subgraph, by subgraph and outcome (ok, error)',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});
const rateLimited = new Counter({
  name: 'gateway_rate_limit_rejections_total',
  help: 'Requests refused with 429 for being over a budget, by caller kind',
  labelNames: ['caller'] as const,
  registers: [registry],
});
const jobs = new Counter({
  name: 'jobs_total',
  help: 'Background jobs and event consumers run, by queue and outcome (completed, failed)',
  labelNames: ['queue', 'outcome'] as const,
  registers: [registry],
});
const jobDuration = new Histogram({
  name: 'job_duration_seconds',
  help: 'Time a background job or event consumer took, by queue',
  labelNames: ['queue'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600],
  registers: [registry],
});

/** Sources of gauges read at scrape time (a server registers its own; removed when it stops). */
const gaugeSources = {
  subscriptions: new Map<string, () => number>(),
  queues: new Map<string, () => Promise<Record<string, number>>>(),
  pools: new Map<string, () => { used: number; idle: number; waiting: number } | null>(),
};

new Gauge({
  name: 'subscriptions_active',
  help: 'Live GraphQL subscriptions served now, by service',
  labelNames: ['service'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [service, read] of gaugeSources.subscriptions) this.set({ service }, read());
  },
});
new Gauge({
  name: 'job_queue_jobs',
  help: 'Jobs in each queue by state (waiting, active, delayed, failed…)',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [queue, read] of gaugeSources.queues) {
      try {
        for (const [state, count] of Object.entries(await read())) this.set({ queue, state }, count);
      } catch {
        // A queue store that cannot answer now leaves its series out of this scrape.
      }
    }
  },
});
new Gauge({
  name: 'db_pool_connections',
  help: 'Database connections of each service by state (used, idle, waiting requests)',
  labelNames: ['service', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [service, read] of gaugeSources.pools) {
      const pool = read();
      if (pool) for (const [state, count] of Object.entries(pool)) this.set({ service, state }, count);
    }
  },
});

/** Registers a gauge source; the returned function removes it. */
export function trackGauge<K extends keyof typeof gaugeSources>(kind: K, key: string, read: (typeof gaugeSources)[K] extends Map<string, infer F> ? F : never): () => void {
  (gaugeSources[kind] as Map<string, unknown>).set(key, read);
  return () => (gaugeSources[kind] as Map<string, unknown>).delete(key);
}

/** Counts and times every operation an Apollo Server runs, and its errors by code. */
export function metricsPlugin(service: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = duration.startTimer({ service });
      return {
        async willSendResponse({ operationName, operation, errors: found }) {
          const name = operationName ?? 'anonymous';
          requests.inc({ service, operation: name, type: operation?.operation ?? 'unknown' });
          stop({ operation: name });
          for (const error of found ?? []) errors.inc({ service, code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
      };
    },
  };
}

export const observeSubgraphFetch = (subgraph: string) => subgraphFetches.startTimer({ subgraph });
export const countRateLimitRejection = (caller: string) => rateLimited.inc({ caller });

/** Runs a job's handler, counting its outcome and timing it. */
export async function observeJob<T>(queue: string, run: () => Promise<T>): Promise<T> {
  const stop = jobDuration.startTimer({ queue });
  try {
    const result = await run();
    jobs.inc({ queue, outcome: 'completed' });
    return result;
  } catch (error) {
    jobs.inc({ queue, outcome: 'failed' });
    throw error;
  } finally {
    stop();
  }
}

/** `GET /metrics` in the Prometheus text format. */
export function serveMetrics(app: Express): void {
  app.get('/metrics', async (_req, res) => {
    try {
      const text = ofAllWorkers ? await ofAllWorkers() : await registry.metrics();
      res.setHeader('content-type', registry.contentType);
      res.send(text);
    } catch (error) {
      res.status(503).type('text/plain').send(`metrics unavailable: ${(error as Error).message}`);
    }
  });
}

/*
 * A gateway of several worker processes (gateway/main.ts): a scrape of `/metrics` lands on any
 * one worker, which asks the primary for the metrics of all of them, added up by prom-client's
 * AggregatorRegistry (counters and histograms summed, as one process would have counted).
 */
const ALL_WORKERS_REQUEST = 'metrics:all-workers:request';
const ALL_WORKERS_ANSWER = 'metrics:all-workers:answer';
let ofAllWorkers: (() => Promise<string>) | undefined;

interface AllWorkersMessage {
  type?: string;
  id?: number;
  text?: string;
  error?: string;
}

/** In the primary: answers each worker's request with the aggregate of every worker's registry. */
export function aggregateWorkerMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: AllWorkersMessage) => {
    if (message?.type !== ALL_WORKERS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ALL_WORKERS_ANSWER, id: message.id, text }),
      (error: Error) => worker.send({ type: ALL_WORKERS_ANSWER, id: message.id, error: error.message }),
    );
  });
}

/** In a worker: offers this process's registry to the aggregation, and serves the aggregate. */
export function reportMetricsToPrimary(timeoutMs = 5_000): void {
  new AggregatorRegistry(); // answers the primary's requests for this worker's metrics
  AggregatorRegistry.setRegistries([registry]);
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  let next = 0;
  process.on('message', (message: AllWorkersMessage) => {
    const pending = message?.type === ALL_WORKERS_ANSWER && message.id !== undefined ? waiting.get(message.id) : undefined;
    if (!pending) return;
    waiting.delete(message.id!);
    clearTimeout(pending.timer);
    if (message.error !== undefined) pending.reject(new Error(message.error));
    else pending.resolve(message.text ?? '');
  });
  ofAllWorkers = () =>
    new Promise<string>((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the gateway primary did not answer'));
      }, timeoutMs);
      waiting.set(id, { resolve, reject, timer });
      process.send!({ type: ALL_WORKERS_REQUEST, id });
    });
}
