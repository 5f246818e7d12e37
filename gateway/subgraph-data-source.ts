import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CALLER_TOKEN_HEADER } from '../shared/auth/caller-token.js';
import { FORWARDED_HEADERS } from '../shared/context/caller.js';
import { observeSubgraphFetch } from '../shared/telemetry/metrics.js';
import { injectTrace } from '../shared/telemetry/tracing.js';
import { distinctRepresentations, spreadEntities } from './entity-representations.js';
import { HeaderMap } from './subgraph-fetcher.js';
import { SubgraphResilience, type ResilienceOptions } from './subgraph-resilience.js';
import type { GatewayContext } from './gateway-context.js';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

interface SubgraphErrorBody {
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

/** What a subgraph's Cache-Control header allows of the answer it is part of (none without one). */
function cacheHint(header: string | null): { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } {
  const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = { maxAge: 0 };
  for (const directive of header?.split(',') ?? []) {
    const [name, raw] = directive.trim().toLowerCase().split(/\s*=\s*/, 2);
    const value = raw?.replace(/^"|"$/g, '');
    if (name === 'max-age' && value && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    if (name === 'private') hint.scope = 'PRIVATE';
    if (name === 'public') hint.scope = 'PUBLIC';
  }
  return hint;
}

/**
 * Calls one subgraph. Each fetch carries the request id and the caller the gateway
 * established, signed; headers the client sent never pass through.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly resilience: SubgraphResilience;

  constructor(config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0] & { name: string; resilience?: ResilienceOptions }) {
    super(config);
    this.name = config.name;
    this.resilience = new SubgraphResilience(config.name, config.resilience);
  }

  /**
   * Every fetch to the subgraph runs under its timeout and circuit breaker, with a retry for a
   * query (see subgraph-resilience.ts), and is timed (gateway_subgraph_fetch_duration_seconds).
   * A subgraph that fails is a SUBGRAPH_UNAVAILABLE error on its part of the answer; the gateway
   * still returns what the other subgraphs gave. An entity fetch sends each distinct
   * representation once (entity-representations.ts).
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const stop = observeSubgraphFetch(this.name);
    const isQuery = 'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'query';
    const representations = options.request.variables?.representations;
    const distinct = Array.isArray(representations) ? distinctRepresentations(representations) : undefined;
    const sent = distinct ? { ...options, request: { ...options.request, variables: { ...options.request.variables, representations: distinct.distinct } } } : options;
    try {
      const answer = await this.resilience.execute(isQuery, () => this.send(sent));
      const response = distinct ? spreadEntities(answer, distinct) : answer;
      stop({ outcome: response.errors?.length ? 'error' : 'ok' });
      return response;
    } catch (error) {
      stop({ outcome: 'error' });
      throw error;
    }
  }

  /**
   * RemoteGraphQLDataSource's `process` for a gateway that sends subgraphs whole queries (no
   * persisted queries between them), without the node-fetch `Request` and `Headers` it builds for
   * every fetch (about 4% of the gateway's CPU under load): the request's headers, ours from
   * `willSendRequest`, the fetch, `errorFromResponse` for a status that is not 2xx, the JSON body,
   * and the subgraph's Cache-Control narrowing the cache policy of the client's request.
   */
  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const headers = new HeaderMap();
    for (const [name, value] of request.http?.headers ?? []) headers.append(name, value);
    headers.set('content-type', 'application/json');
    request.http = { method: 'POST', url: this.url, headers };
    await this.willSendRequest(options);
    const { http: _http, ...body } = request;
    if (!body.query) throw new Error('Missing query');
    const response = await this.fetcher(this.url, { method: 'POST', headers: headers.toObject(), body: JSON.stringify(body) });
    if (!response.ok) throw await this.errorFromResponse(response);
    const parsed = await this.parseBody(response);
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`Expected JSON response body, but received: ${parsed}`);
    if ('incomingRequestContext' in options) {
      const policy = options.incomingRequestContext.overallCachePolicy;
      if (policy && 'restrict' in policy) policy.restrict(cacheHint(response.headers.get('cache-control')));
    }
    return { ...parsed, http: response };
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('requestId' in context)) return; // schema health checks run without a request
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set(FORWARDED_HEADERS.requestId, context.requestId);
    headers.set(CALLER_TOKEN_HEADER, await context.signCaller());
    // The fetch span @apollo/gateway made for this call is active here: the subgraph continues it.
    injectTrace(headers);
  }

  /**
   * A subgraph answers a request it refuses outright (a variable its scalar rejects, say) with
   * a 4xx and a GraphQL error body. The gateway cannot check custom scalars itself, so that
   * error is the client's answer: relay its message and code rather than "400: Bad Request",
   * which the error formatter would mask as an internal error.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const fallback = await super.errorFromResponse(response);
    const body = fallback.extensions.response as { body?: SubgraphErrorBody } | undefined;
    const first = body?.body?.errors?.[0];
    const code = first?.extensions?.code;
    if (response.status < 500 && typeof first?.message === 'string' && typeof code === 'string') {
      return new GraphQLError(first.message, { extensions: { code } });
    }
    return fallback;
  }
}
