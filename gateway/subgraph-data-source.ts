import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_TOKEN_HEADER } from '../shared/auth/caller-token.js';
import { FORWARDED_HEADERS } from '../shared/context/caller.js';
import type { GatewayContext } from './gateway-context.js';

/**
 * Calls one subgraph. Each fetch carries the request id and the caller the gateway
 * established, signed (one token per request); headers the client sent never pass through.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('requestId' in context)) return; // schema health checks run without a request
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set(FORWARDED_HEADERS.requestId, context.requestId);
    headers.set(CALLER_TOKEN_HEADER, context.callerToken);
  }
}
