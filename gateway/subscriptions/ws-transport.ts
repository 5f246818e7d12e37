import type { IncomingHttpHeaders, Server } from 'node:http';
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../shared/logger/logger.js';
import type { LiveCaller, LiveOperations, ParsedOperation } from './live-operations.js';

/** Past this much unsent data a client is too slow to keep: it is disconnected, nobody waits. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const EXPIRY_GRACE_MS = 500;

/** Close codes a client can act on (graphql-ws leaves 4000-4999 to applications). */
export const WS_CLOSE = { tokenExpired: 4401, tooSlow: 4408 } as const;

/**
 * Credentials come in connection_init's payload, as the HTTP headers they would be:
 * `{ "authorization": "Bearer …" }` or `{ "x-api-key": "…" }` (also nested under `headers`,
 * as Apollo Sandbox sends them).
 */
export function headersFromConnectionParams(params: Record<string, unknown> | undefined): IncomingHttpHeaders {
  const flat = { ...(params ?? {}), ...((params?.headers as Record<string, unknown> | undefined) ?? {}) };
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(flat)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
  return headers;
}

interface Connection {
  caller: LiveCaller;
  expiry?: NodeJS.Timeout;
}

/**
 * GraphQL over WebSocket (graphql-ws protocol) on the gateway's `/graphql`: subscriptions,
 * and queries and mutations for clients that send everything over one socket.
 */
export function serveWebSocket(
  httpServer: Server,
  live: LiveOperations,
  establish: (headers: IncomingHttpHeaders, clientIp: string | null) => Promise<LiveCaller>,
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
  log: Logger,
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const connections = new WeakMap<WebSocket, Connection>();
  // Results of queries and mutations come from Apollo Server already formatted (plain objects).
  const formatResult = (result: ExecutionResult): FormattedExecutionResult => ({
    ...result,
    errors: result.errors?.map((e) => (e instanceof GraphQLError ? format(e.toJSON(), e) : (e as GraphQLFormattedError))),
  });

  const disposable = useServer(
    {
      schema: live.schema,
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        try {
          const caller = await establish(headersFromConnectionParams(ctx.connectionParams), request.socket.remoteAddress ?? null);
          const connection: Connection = { caller };
          if (caller.expiresAt) {
            // A moment after expiry, so each subscription's last (UNAUTHENTICATED) result is sent first.
            const ms = caller.expiresAt.getTime() - Date.now() + EXPIRY_GRACE_MS;
            connection.expiry = setTimeout(() => socket.close(WS_CLOSE.tokenExpired, 'access token expired'), Math.max(0, ms));
          }
          connections.set(socket, connection);
          return true;
        } catch (err) {
          log.info({ err: (err as Error).message }, 'websocket connection refused');
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onClose: (ctx) => clearTimeout(connections.get(ctx.extra.socket)?.expiry),
      onSubscribe: (ctx, _id, payload) => {
        const prepared = live.prepare(payload.query, payload.variables, payload.operationName);
        if (Array.isArray(prepared)) return prepared;
        const operation = prepared as ParsedOperation;
        return { schema: live.schema, document: operation.document, variableValues: operation.variables, operationName: operation.operationName, contextValue: ctx.extra.socket };
      },
      subscribe: (args) => {
        const socket = args.contextValue as WebSocket;
        const connection = connections.get(socket);
        if (!connection) return { errors: [] };
        return live.subscribe(
          { document: args.document, variables: (args.variableValues ?? {}) as Record<string, unknown>, operationName: args.operationName ?? null },
          connection.caller,
          socket,
        );
      },
      execute: async (args) => {
        const connection = connections.get(args.contextValue as WebSocket);
        if (!connection) return { errors: [] };
        return live.execute(
          { document: args.document, variables: (args.variableValues ?? {}) as Record<string, unknown>, operationName: args.operationName ?? null },
          connection.caller,
        );
      },
      onNext: (ctx, _id, _payload, _args, result) => {
        const socket = ctx.extra.socket;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          log.warn({ buffered: socket.bufferedAmount }, 'closing a websocket that does not keep up');
          socket.close(WS_CLOSE.tooSlow, 'consumer too slow');
        }
        return formatResult(result as ExecutionResult);
      },
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
    },
  };
}

export { CloseCode };
