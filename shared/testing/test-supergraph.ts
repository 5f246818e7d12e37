import type { GraphQLFormattedError } from 'graphql';
import { CALLER_TOKEN_HEADER, signCallerToken } from '../auth/caller-token.js';
import { getConfig } from '../config/config.js';
import { ANONYMOUS, type Caller } from '../context/caller.js';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../gateway/gateway-server.js';
import type { RateLimitPolicy } from '../../gateway/limits/rate-limiter.js';
import { allEventConsumers, SUBGRAPHS } from '../../subgraphs/index.js';
import { closePubSub } from '../events/pubsub.js';
import { closeJobBackend } from '../jobs/job-backend.js';
import { closeRedisClients } from '../redis/redis-client.js';
import { composeSupergraph } from '../schema/compose.js';
import { startSubgraph, stopSubgraphs, type RunningSubgraph } from '../server/subgraph-server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Who a test request acts as: a Bearer access token or an API key. */
export interface As {
  token?: string;
  apiKey?: string;
}

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

export interface TestSupergraph {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  database: TestDatabase;
  /** POSTs an operation to the gateway. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    /** `body`: more fields of the request body (`extensions`); an empty query is left out of it. */
    options?: { as?: As; headers?: Record<string, string>; body?: Record<string, unknown> },
  ): Promise<GraphQLResponse<T>>;
  /** Like `graphql` but fails the test on any error, returning `data`. */
  data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: As): Promise<T>;
  stop(): Promise<void>;
}

/** POSTs a GraphQL operation to `url`. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...(query && { query }), variables, ...extra }),
  });
  const body = (await res.json()) as { data?: T | null; errors?: GraphQLFormattedError[] };
  return { status: res.status, headers: res.headers, ...body };
}

const plenty = { points: 100_000, durationSeconds: 60 };
const GENEROUS_LIMITS: RateLimitPolicy = {
  anonymous: plenty,
  plans: { free: { user: plenty, tenant: plenty, apiKey: plenty } },
  defaultPlan: 'free',
};

/** Headers a request straight to a subgraph needs to pass as coming from the gateway. */
export async function gatewaySigned(caller: Caller = ANONYMOUS, secret = getConfig().internalTokenSecret): Promise<Record<string, string>> {
  return { [CALLER_TOKEN_HEADER]: await signCallerToken(caller, secret) };
}

/**
 * The real supergraph for one test file: all six subgraph servers and the gateway on free
 * ports of 127.0.0.1, over a fresh database (migrated), composed from the code.
 */
export interface TestSupergraphOptions extends Pick<GatewayOptions, 'rateLimitPolicy' | 'operationLimits' | 'subscriptionCaps' | 'trustedDocuments'> {
  /** Run event consumers in this process (default); off when a test runs worker processes. */
  runWorkers?: boolean;
}

export async function startTestSupergraph(options: TestSupergraphOptions = {}): Promise<TestSupergraph> {
  const database = await createTestDatabase();
  const modules = Object.values(SUBGRAPHS);
  const running = await Promise.all(
    modules.map((module) =>
      startSubgraph(module, { port: 0, host: '127.0.0.1', database: database.target, migrate: true, eventConsumers: allEventConsumers(), runWorkers: options.runWorkers }),
    ),
  );
  const { supergraphSdl } = await composeSupergraph(modules);
  const gateway = await startGateway({
    supergraphSdl,
    port: 0,
    host: '127.0.0.1',
    subgraphUrls: Object.fromEntries(running.map((s) => [s.name, s.url])),
    redisUrl: getConfig().redisUrl,
    // Test files send hundreds of requests from one address: generous unless a test says otherwise.
    rateLimitPolicy: options.rateLimitPolicy ?? GENEROUS_LIMITS,
    operationLimits: options.operationLimits,
    subscriptionCaps: options.subscriptionCaps,
    trustedDocuments: options.trustedDocuments,
  });
  const url = `http://127.0.0.1:${gateway.port}/graphql`;

  const graphql: TestSupergraph['graphql'] = (query, variables, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as?.token) headers.authorization = `Bearer ${options.as.token}`;
    if (options.as?.apiKey) headers['x-api-key'] = options.as.apiKey;
    return postGraphQL(url, query, variables, headers, options.body);
  };

  return {
    gateway,
    subgraphs: Object.fromEntries(running.map((s) => [s.name, s])),
    database,
    graphql,
    async data<T>(query: string, variables?: Record<string, unknown>, as?: As): Promise<T> {
      const res = await graphql<T>(query, variables, { as });
      if (res.errors?.length || !res.data) {
        throw new Error(`GraphQL errors: ${JSON.stringify(res.errors ?? 'no data')}`);
      }
      return res.data;
    },
    async stop() {
      await gateway.stop();
      await stopSubgraphs(running);
      await closeJobBackend();
      await closePubSub();
      await closeRedisClients();
      await database.drop();
    },
  };
}
