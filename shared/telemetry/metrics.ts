import type { ApolloServerPlugin } from '@apollo/server';
import type { Express } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

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
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  });
}
