import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { CALLER_TOKEN_HEADER, verifyCallerToken } from '../auth/caller-token.js';
import { getConfig } from '../config/config.js';
import { callerFromHeaders, FORWARDED_HEADERS, requestIdFromHeaders, type Caller } from '../context/caller.js';
import type { RequestContext } from '../context/context.js';
import { rejectRequest, UnauthenticatedError } from '../errors/errors.js';
import { createErrorFormatter } from '../errors/format-error.js';
import { serviceLogger, type Logger } from '../logger/logger.js';
import { describeTarget, type DatabaseTarget } from '../orm/database-target.js';
import { initOrm, TENANT_FILTER } from '../orm/init-orm.js';
import type { EventConsumer } from '../events/event-consumer.js';
import { createEventSink } from '../events/event-sink.js';
import { startEventWorkers } from '../events/event-workers.js';
import { startBackgroundJobs } from '../jobs/background-job.js';
import { registerSubgraphUrl, unregisterSubgraphUrl } from './subgraph-directory.js';
import { OutboxRelay } from '../events/outbox-relay.js';
import { jobBackend } from '../jobs/job-backend.js';
import { graphqlHttpHandler, routeRequests } from './graphql-http.js';
import { createHttpServer, listen } from './http-server.js';
import { serveSubscriptions } from './subscription-server.js';
import { metricsPlugin, serveMetrics, trackGauge } from '../telemetry/metrics.js';
import { startTracing, tracingPlugin } from '../telemetry/tracing.js';
import { requestLogPlugin } from './request-log.plugin.js';
import type { SubgraphModule } from './subgraph-module.js';

export interface SubgraphServerOptions {
  port: number;
  host: string;
  database: DatabaseTarget;
  /** Apply pending migrations before serving. */
  migrate: boolean;
  /**
   * Every consumer in the supergraph (any subgraph's): the outbox relay queues each event for
   * those that accept it. Without it events still reach live subscriptions.
   */
  eventConsumers?: readonly EventConsumer[];
  /** Also run this subgraph's own consumers in this process (off when a worker process does). */
  runWorkers?: boolean;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  orm: MikroORM;
  relay: OutboxRelay;
  /** Takes no more jobs and waits for the running ones (see `stopSubgraphs`). */
  stopWorkers(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The caller as the gateway signed it. A request without a valid signature did not come
 * through the gateway and is refused, unless development explicitly accepts unsigned callers.
 */
async function authenticateCaller(req: IncomingMessage): Promise<Caller> {
  const { internalTokenSecret, acceptUnsignedCaller } = getConfig();
  const token = req.headers[CALLER_TOKEN_HEADER];
  if (typeof token === 'string') {
    try {
      return await verifyCallerToken(token, internalTokenSecret);
    } catch {
      throw rejectRequest(new UnauthenticatedError('invalid caller token'), 401);
    }
  }
  if (acceptUnsignedCaller) return callerFromHeaders(req.headers);
  throw rejectRequest(new UnauthenticatedError('requests must come through the gateway'), 401);
}

function contextFactory(module: SubgraphModule, orm: MikroORM, log: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<RequestContext> => {
    const requestId = requestIdFromHeaders(req.headers) ?? randomUUID();
    res.setHeader(FORWARDED_HEADERS.requestId, requestId);
    const caller = await authenticateCaller(req);
    const em = orm.em.fork();
    em.setFilterParams(TENANT_FILTER, { tenantId: caller.tenantId });
    em.setLoggerContext({ requestId, actorId: caller.userId, tenantId: caller.tenantId });
    const base = { requestId, caller, em, log: log.child({ requestId }) };
    return { ...base, loaders: module.createLoaders(base) };
  };
}

/** The `pg` pool's use, on PostgreSQL (PGlite is one in-process connection: nothing to gauge). */
async function trackPool(service: string, orm: MikroORM): Promise<() => void> {
  const connection = orm.em.getConnection() as unknown as { getNativeClient?: () => Promise<unknown> };
  const pool = (await connection.getNativeClient?.().catch(() => null)) as { totalCount?: number; idleCount: number; waitingCount: number } | null;
  if (typeof pool?.totalCount !== 'number') return () => undefined;
  return trackGauge('pools', service, () => ({ used: pool.totalCount! - pool.idleCount, idle: pool.idleCount, waiting: pool.waitingCount }));
}

/**
 * Starts one subgraph: its ORM (migrated when asked), its federated schema behind Apollo
 * Server on `/graphql`, and `/health` (live) and `/ready` (database answers, not draining).
 */
export async function startSubgraph(module: SubgraphModule, options: SubgraphServerOptions): Promise<RunningSubgraph> {
  const log = serviceLogger(module.name);
  const jobs = jobBackend();
  const relayRef: { current?: OutboxRelay } = {};
  const orm = await initOrm(module, options.database, log, { migrate: options.migrate, hooks: { onCommit: () => relayRef.current?.nudge() } });
  const relay = new OutboxRelay(orm, module.name, createEventSink(options.eventConsumers ?? [], jobs), log);
  relayRef.current = relay;
  relay.start();
  const workers =
    options.runWorkers === false
      ? []
      : [...startEventWorkers(module.consumers ?? [], orm, jobs, log), ...(await startBackgroundJobs(module.jobs ?? [], orm, jobs, log))];
  const schema = await module.buildSchema();
  startTracing(module.name);
  const app = express();
  const routes = routeRequests(module.name, app);
  const httpServer = createHttpServer(routes.listener);
  const subscriptions = serveSubscriptions(httpServer, schema, module, orm, log);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createErrorFormatter(log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Tracing is OpenTelemetry's job (the gateway issue), not Apollo Studio's inline traces.
      ApolloServerPluginInlineTraceDisabled(),
      requestLogPlugin(),
      metricsPlugin(module.name),
      tracingPlugin(module.name),
    ],
    // Schema discovery (Sandbox, codegen) outside production; a production graph is learned from its SDL.
    introspection: getConfig().env !== 'production',
    // Browsers cannot send a simple (unpreflighted) request that runs an operation.
    csrfPrevention: true,
    // Stacks go to the log (format-error.ts), never to clients.
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  app.disable('x-powered-by');
  serveMetrics(app);
  const untrack = [
    trackGauge('subscriptions', module.name, () => subscriptions.active()),
    ...[...(module.jobs ?? []).map((job) => job.queue), ...(module.consumers ?? []).map((consumer) => consumer.name)].map((queue) =>
      trackGauge('queues', queue, () => jobs.queue(queue).counts()),
    ),
    await trackPool(module.name, orm),
  ];
  let stopping: Promise<void> | undefined;
  let workersStopping: Promise<void> | undefined;
  const stopWorkers = () => (workersStopping ??= Promise.all(workers.map((worker) => worker.close())).then(() => undefined));
  app.get(['/health', '/health/live'], (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(['/ready', '/health/ready'], async (_req, res) => {
    // Draining: a load balancer should stop sending new requests while in-flight ones finish.
    if (stopping) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      await orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ok' });
    } catch (err) {
      log.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  if (module.routes) {
    const router = express.Router();
    module.routes(router, orm);
    app.use(router);
  }
  routes.serveGraphQL(graphqlHttpHandler(apollo, { bodyLimit: getConfig().graphqlBodyLimit, context: contextFactory(module, orm, log) }));

  const port = await listen(httpServer, options.port, options.host);
  const url = `http://${options.host}:${port}/graphql`;
  registerSubgraphUrl(module.name, url);
  log.info({ url, database: describeTarget(options.database) }, 'subgraph ready');
  return {
    name: module.name,
    url,
    port,
    orm,
    relay,
    stopWorkers,
    // Once only: a test that stops a subgraph early still stops the whole supergraph after.
    stop: () =>
      (stopping ??= (async () => {
        unregisterSubgraphUrl(module.name, url);
        for (const remove of untrack) remove();
        await subscriptions.close();
        await apollo.stop();
        await stopWorkers();
        await relay.stop();
        await orm.close();
      })()),
  };
}

/**
 * Stops the subgraphs one process runs (`npm start`, the tests): every one's job workers first,
 * their running jobs finishing while every subgraph still answers them (search indexing reads the
 * record it indexes from the entity subgraph), then the subgraphs themselves.
 */
export async function stopSubgraphs(subgraphs: readonly RunningSubgraph[]): Promise<void> {
  await Promise.all(subgraphs.map((subgraph) => subgraph.stopWorkers()));
  await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
}
