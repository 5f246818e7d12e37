import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { UniqueConstraintViolationException, NotFoundError as OrmNotFoundError } from '@mikro-orm/core';
import { AppError, ErrorCode } from './errors.js';
import type { Logger } from '../logger/logger.js';

/**
 * Codes safe to show as they are: ours (also when a subgraph raised them and the gateway
 * relays them), and those graphql-js and Apollo Server give the client's own mistakes.
 */
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The one place errors are shaped for clients. Our own errors and the client's mistakes pass
 * through; database errors with a meaning (unique violation, missing row) get their code;
 * anything else is logged with its stack and masked.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return formatted;
    // Apollo Server wraps errors our validation rules report (operation limits) in its own
    // GRAPHQL_VALIDATION_FAILED; the code the rule chose is the one the client should see.
    const cause = original instanceof Error && 'originalError' in original ? original.originalError : undefined;
    if (cause instanceof AppError) return { ...formatted, extensions: { ...formatted.extensions, code: cause.code } };
    if (original instanceof UniqueConstraintViolationException) {
      return { ...formatted, message: 'a record with the same unique value already exists', extensions: { code: ErrorCode.Conflict } };
    }
    if (original instanceof OrmNotFoundError) {
      return { ...formatted, message: original.message, extensions: { code: ErrorCode.NotFound } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code)) return formatted;
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return { message: 'internal server error', path: formatted.path, extensions: { code: ErrorCode.Internal } };
  };
}
