import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express from 'express';
import { Supergraph } from '@apollo/federation-internals';
import { callerTokenSigners } from '../shared/auth/caller-token.js';
import { getConfig } from '../shared/config/config.js';
import { FORWARDED_HEADERS, requestIdFromHeaders, type Caller } from '../shared/context/caller.js';
import { RateLimitedError, rejectRequest } from '../shared/errors/errors.js';
import { countRateLimitRejection, metricsPlugin, serveMetrics, trackGauge } from '../shared/telemetry/metrics.js';
import { startTracing, tracingPlugin } from '../shared/telemetry/tracing.js';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { admits, seedPersistedQueries, trustedDocumentsPlugin, type TrustedDocuments } from './limits/trusted-documents.js';
import { createErrorFormatter } from '../shared/errors/format-error.js';
import { serviceLogger, type Logger } from '../shared/logger/logger.js';
import { redisClient, redisReady } from '../shared/redis/redis-client.js';
import { graphqlHttpHandler, routeRequests } from '../shared/server/graphql-http.js';
import { createHttpServer, listen } from '../shared/server/http-server.js';
import { requestLogPlugin } from '../shared/server/request-log.plugin.js';
import { createAuthenticator } from './auth/authenticate.js';
import { proxyIdentityEndpoints } from './auth/identity-proxy.js';
import type { GatewayContext } from './gateway-context.js';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules, type OperationLimits } from './limits/operation-limits.js';
import { createRateLimiter, DEFAULT_RATE_LIMIT_POLICY, type BudgetStore, type RateLimiter, type RateLimitPolicy } from './limits/rate-limiter.js';
import { checkReadiness } from './health/readiness.js';
import { SubgraphDataSource } from './subgraph-data-source.js';
import { SubgraphFetcher } from './subgraph-fetcher.js';
import { FederatedSubscriptions } from './subscriptions/federated-subscriptions.js';
import { proxyFiles } from './file-proxy.js';
import { LiveOperations, type LiveCaller } from './subscriptions/live-operations.js';
import { sseHandler } from './subscriptions/sse-transport.js';
import { DEFAULT_SUBSCRIPTION_CAPS, SubscriptionLimiter, type SubscriptionCaps } from './subscriptions/subscription-limits.js';
import { UpstreamClients } from './subscriptions/upstream-clients.js';
import { serveWebSocket } from './subscriptions/ws-transport.js';

export interface GatewayOptions {
  supergraphSdl: string;
  port: number;
  host: string;
  /** Routing URL per subgraph name, overriding the supergraph's own. */
  subgraphUrls?: Record<string, string>;
  /** Budgets per caller kind and plan; defaults to DEFAULT_RATE_LIMIT_POLICY. */
  rateLimitPolicy?: RateLimitPolicy;
  /** Shared budget store for several gateway replicas; in memory without it. */
  redisUrl?: string;
  /**
   * This gateway is one of several worker processes of gateway/main.ts: without Redis, its
   * budgets are kept by the primary process, for all the workers together.
   */
  sharedWithWorkers?: boolean;
  operationLimits?: OperationLimits;
  subscriptionCaps?: SubscriptionCaps;
  /** A safelist: only these operations run (or, in log mode, the others are logged). */
  trustedDocuments?: TrustedDocuments;
}

/** The routing URL of the identity subgraph, where tokens and keys are checked. */
function identityBaseUrl(options: GatewayOptions): string {
  const url = options.subgraphUrls?.identity ?? Supergraph.build(options.supergraphSdl).subgraphs().get('identity')?.url;
  if (!url) throw new Error('the supergraph has no identity subgraph to authenticate callers with');
  return new URL(url).origin;
}

/**
 * Charges the request to the caller's budgets; over budget rejects it with 429. When the
 * budget store is unreachable the request is let through and the failure logged: losing
 * rate limiting for a moment beats refusing every caller.
 */
async function chargeRateLimit(limiter: RateLimiter, caller: Caller, plan: string | null, log: Logger): Promise<void> {
  const isPrincipal = caller.kind === 'api-key' || caller.kind === 'service';
  try {
    const decision = await limiter.check({
      userId: caller.kind === 'user' ? caller.userId : null,
      tenantId: caller.tenantId,
      apiKeyId: isPrincipal ? caller.principalId : null,
      plan,
      clientIp: caller.clientIp ?? 'unknown',
    });
    if (!decision.allowed) {
      countRateLimitRejection(caller.kind);
      const retryAfter = String(decision.retryAfterSeconds);
      throw rejectRequest(new RateLimitedError(decision.retryAfterSeconds), 429, { 'retry-after': retryAfter });
    }
  } catch (err) {
    if (err instanceof RateLimitedError) throw err;
    log.error({ err }, 'rate limiter unavailable; request let through');
  }
}

export interface RunningGateway {
  url: string;
  port: number;
  /** Live subscriptions this gateway serves now. */
  activeSubscriptions(): number;
  stop(): Promise<void>;
}

/**
 * The Apollo gateway over a static supergraph, on `/graphql` (Apollo Sandbox on a browser
 * GET), with `/health` (live) and `/ready` (every subgraph and Redis answer). It assigns or accepts a request id, establishes the caller once
 * (caller.ts) and forwards both to every subgraph fetch.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = serviceLogger('gateway');
  const config = getConfig();
  const identity = identityBaseUrl(options);
  const authenticate = createAuthenticator({ identityBaseUrl: identity, internalTokenSecret: config.internalTokenSecret });
  const redis = options.redisUrl ? redisClient(options.redisUrl) : undefined;
  if (redis && !(await redisReady(redis))) log.warn('Redis is not reachable yet; requests pass unlimited until it is');
  const budgets: BudgetStore = redis ? { kind: 'redis', redis } : options.sharedWithWorkers ? { kind: 'cluster' } : { kind: 'memory' };
  const limiter = createRateLimiter(options.rateLimitPolicy ?? DEFAULT_RATE_LIMIT_POLICY, budgets, `${config.redisKeyPrefix}:rl`);
  const supergraph = Supergraph.build(options.supergraphSdl);
  const routingUrls: Record<string, string> = Object.fromEntries(
    [...supergraph.subgraphs()].map((subgraph) => [subgraph.name, options.subgraphUrls?.[subgraph.name] ?? subgraph.url]),
  );
  const fetcher = new SubgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource({ name, url: routingUrls[name] ?? url, fetcher: fetcher.fetch }),
  });
  const formatError = createErrorFormatter(log);
  const limitRules = operationLimitRules(options.operationLimits ?? DEFAULT_OPERATION_LIMITS);

  const signerFor = callerTokenSigners(config.internalTokenSecret);
  /** Who is calling, charged to their budget: once per HTTP request or live connection. */
  const establish = async (headers: IncomingHttpHeaders, clientIp: string | null, requestId: string): Promise<LiveCaller> => {
    const requestLog = log.child({ requestId });
    const { caller, plan, expiresAt } = await authenticate(headers, clientIp);
    await chargeRateLimit(limiter, caller, plan, requestLog);
    return { context: { requestId, caller, signCaller: signerFor(caller), log: requestLog }, expiresAt };
  };
  // Automatic persisted queries, and the trusted documents by hash when there is a safelist.
  const persistedQueryCache = new InMemoryLRUCache<string>();
  if (options.trustedDocuments) await seedPersistedQueries(options.trustedDocuments, persistedQueryCache);
  startTracing('gateway');
  const app = express();
  const routes = routeRequests('gateway', app);
  const httpServer = createHttpServer(routes.listener);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      requestLogPlugin(),
      metricsPlugin('gateway'),
      tracingPlugin('gateway'),
      ...(options.trustedDocuments ? [trustedDocumentsPlugin(options.trustedDocuments, log)] : []),
    ],
    // Schema discovery (Sandbox, codegen) outside production; a production graph is learned from its SDL.
    introspection: getConfig().env !== 'production',
    // Browsers cannot send a simple (unpreflighted) request that runs an operation.
    csrfPrevention: true,
    // Automatic persisted queries: a client may send a query's SHA-256 instead of its text once known.
    persistedQueries: { ttl: 24 * 3600, cache: persistedQueryCache },
    includeStacktraceInErrorResponses: false,
    validationRules: limitRules,
  });
  await apollo.start();

  const upstream = new UpstreamClients(routingUrls, config.internalTokenSecret, log);
  const services = Object.fromEntries(Object.entries(routingUrls).map(([name, url]) => [name, new SubgraphDataSource({ name, url, fetcher: fetcher.fetch })]));
  const live = new LiveOperations(
    new FederatedSubscriptions(options.supergraphSdl, services, upstream, log),
    new SubscriptionLimiter(options.subscriptionCaps ?? DEFAULT_SUBSCRIPTION_CAPS),
    apollo,
    limitRules,
    options.trustedDocuments ? (source) => admits(options.trustedDocuments!, source, log) : () => true,
  );
  const establishLive = (headers: IncomingHttpHeaders, clientIp: string | null) => establish(headers, clientIp, randomUUID());
  const websockets = serveWebSocket(httpServer, live, establishLive, formatError, log);

  app.disable('x-powered-by');
  serveMetrics(app);
  const untrackSubscriptions = trackGauge('subscriptions', 'gateway', () => live.activeSubscriptions);
  let stopping: Promise<void> | undefined;
  app.get(['/health', '/health/live'], (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(['/ready', '/health/ready'], async (_req, res) => {
    const readiness = await checkReadiness(routingUrls, redis, stopping !== undefined);
    if (readiness.ready) res.json({ status: 'ok' });
    else res.status(503).json({ status: readiness.draining ? 'draining' : 'unavailable', unavailable: readiness.unavailable });
  });
  app.get('/', (_req, res) => res.redirect('/graphql'));
  const identityRouter = express.Router();
  proxyIdentityEndpoints(identityRouter, identity);
  app.use(identityRouter);
  const filesRouter = express.Router();
  proxyFiles(filesRouter, routingUrls);
  app.use(filesRouter);
  app.use('/graphql/stream', express.json({ limit: config.graphqlBodyLimit }), sseHandler(live, establishLive, formatError));
  routes.serveGraphQL(
    graphqlHttpHandler(apollo, {
      bodyLimit: config.graphqlBodyLimit,
      context: async (req, res): Promise<GatewayContext> => {
        const requestId = requestIdFromHeaders(req.headers) ?? randomUUID();
        res.setHeader(FORWARDED_HEADERS.requestId, requestId);
        return (await establish(req.headers, req.socket.remoteAddress ?? null, requestId)).context;
      },
    }),
  );

  const port = await listen(httpServer, options.port, options.host);
  const url = `http://${options.host === '127.0.0.1' ? 'localhost' : options.host}:${port}/graphql`;
  log.info({ url }, 'gateway ready');
  return {
    url,
    port,
    activeSubscriptions: () => live.activeSubscriptions,
    /**
     * Drains: readiness turns 503 at once, subscriptions are closed with 1001 (going away) so
     * clients reconnect elsewhere, then Apollo's drain plugin lets in-flight requests finish
     * before the server closes. Calling it again waits for the same shutdown.
     */
    stop() {
      stopping ??= (async () => {
        untrackSubscriptions();
        await websockets.close();
        await upstream.close();
        await apollo.stop();
        await fetcher.close();
      })();
      return stopping;
    },
  };
}
