import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../logger/logger.js';

/**
 * One structured line per GraphQL operation: name, type, duration and error codes, on the
 * request's child logger (so it carries the request id).
 */
export function requestLogPlugin<C extends { log: Logger }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          contextValue.log.info(
            {
              operationName: operationName ?? null,
              operation: operation?.operation ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              errorCodes: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
