import { GraphQLError } from 'graphql';
import { CALLER_TOKEN_HEADER, signCallerToken } from '../auth/caller-token.js';
import { getConfig } from '../config/config.js';
import { FORWARDED_HEADERS, type Caller } from '../context/caller.js';
import { injectTrace } from '../telemetry/tracing.js';
import { subgraphUrl } from './subgraph-directory.js';

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: unknown; [key: string]: unknown } }[];
}

/**
 * Asks another subgraph a question as `caller`: the same signed caller token the gateway
 * would send, so the other subgraph applies the caller's tenant and permissions, never more.
 * Its first error comes back as a GraphQLError with the other subgraph's code (NOT_FOUND,
 * FORBIDDEN…), so it reaches the client as what it is. Not for queries the gateway could plan:
 * only for work a subgraph does on its own (a job rendering a record, an indexer).
 */
export async function querySubgraph<T>(
  subgraph: string,
  query: string,
  variables: Record<string, unknown>,
  caller: Caller,
  options: { requestId?: string; timeoutMs?: number } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [CALLER_TOKEN_HEADER]: await signCallerToken(caller, getConfig().internalTokenSecret),
    ...(options.requestId && { [FORWARDED_HEADERS.requestId]: options.requestId }),
  };
  injectTrace(headers);
  const response = await fetch(subgraphUrl(subgraph), {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new GraphQLError(`the ${subgraph} subgraph answered ${response.status} without a GraphQL body`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
  const [first] = body.errors ?? [];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    throw new GraphQLError(first.message, { extensions: { ...first.extensions, code, subgraph } });
  }
  if (!body.data) throw new GraphQLError(`the ${subgraph} subgraph answered no data`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  return body.data;
}
