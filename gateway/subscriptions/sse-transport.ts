import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import { AppError } from '../../shared/errors/errors.js';
import type { LiveCaller, LiveOperations, ParsedOperation } from './live-operations.js';

type SseContext = Record<PropertyKey, unknown> & ParsedOperation & { caller: LiveCaller; connection: object };

/**
 * GraphQL over Server-Sent Events (graphql-sse, "distinct connections" mode: one event
 * stream per operation) for clients that cannot open WebSockets. Served at
 * `/graphql/stream`, authenticated with the same headers as HTTP.
 */
export function sseHandler(
  live: LiveOperations,
  establish: (headers: IncomingHttpHeaders, clientIp: string | null) => Promise<LiveCaller>,
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): RequestHandler {
  const handler = createHandler<SseContext>({
    schema: live.schema,
    onSubscribe: async (req, params) => {
      let caller: LiveCaller;
      try {
        caller = await establish(req.raw.headers, req.raw.socket.remoteAddress ?? null);
      } catch (err) {
        const http = (err as AppError).extensions?.http as { status?: number } | undefined;
        const status = err instanceof AppError ? (http?.status ?? 401) : 500;
        const body = JSON.stringify({ errors: [format({ message: (err as Error).message, extensions: { code: (err as AppError).extensions?.code } }, err)] });
        return [body, { status, statusText: status === 429 ? 'Too Many Requests' : 'Unauthorized', headers: { 'content-type': 'application/json' } }];
      }
      const prepared = live.prepare(params.query, params.variables, params.operationName);
      if (Array.isArray(prepared)) return { errors: prepared };
      const operation = prepared as ParsedOperation;
      return {
        schema: live.schema,
        document: operation.document,
        variableValues: operation.variables,
        operationName: operation.operationName,
        contextValue: { ...operation, caller, connection: req.raw },
      };
    },
    subscribe: (args) => live.subscribe(args.contextValue, args.contextValue.caller, args.contextValue.connection),
    execute: (args) => live.execute(args.contextValue, args.contextValue.caller),
  });
  return (req, res, next) => {
    handler(req, res).catch(next);
  };
}
