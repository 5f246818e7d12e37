import { GraphQLError } from 'graphql';

/** The codes a client can rely on in `extensions.code`. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
  OperationNotTrusted: 'OPERATION_NOT_TRUSTED',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base of every error we raise on purpose: its message and extensions reach the client. */
export abstract class AppError extends GraphQLError {
  abstract readonly code: ErrorCode;

  protected constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** One field that failed validation, by its path in the input. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class BadUserInputError extends AppError {
  readonly code = ErrorCode.BadUserInput;
  constructor(message: string, readonly problems: FieldProblem[] = []) {
    super(message, ErrorCode.BadUserInput, problems.length ? { fields: problems } : {});
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = ErrorCode.Unauthenticated;
  constructor(message = 'authentication required') {
    super(message, ErrorCode.Unauthenticated);
  }
}

/**
 * Marks an error that rejects the whole request (raised before execution, in the context
 * factory) with its HTTP status: Apollo Server applies `extensions.http` and strips it.
 */
export function rejectRequest<E extends AppError>(error: E, status: number, headers: Record<string, string> = {}): E {
  (error.extensions as Record<string, unknown>).http = { status, headers: new Map(Object.entries(headers)) };
  return error;
}

export class ForbiddenError extends AppError {
  readonly code = ErrorCode.Forbidden;
  constructor(message = 'not allowed') {
    super(message, ErrorCode.Forbidden);
  }
}

export class NotFoundError extends AppError {
  readonly code = ErrorCode.NotFound;
  constructor(entity: string, id: string) {
    super(`${entity} ${id} not found`, ErrorCode.NotFound, { entity, id });
  }
}

export class ConflictError extends AppError {
  readonly code = ErrorCode.Conflict;
  constructor(message: string) {
    super(message, ErrorCode.Conflict);
  }
}

export class RateLimitedError extends AppError {
  readonly code = ErrorCode.RateLimited;
  constructor(retryAfterSeconds: number) {
    super(`rate limit exceeded; retry after ${retryAfterSeconds}s`, ErrorCode.RateLimited, { retryAfterSeconds });
  }
}

/** A subgraph did not answer (down, timed out, or its circuit is open): the rest of the answer may stand. */
export class SubgraphUnavailableError extends AppError {
  readonly code = ErrorCode.SubgraphUnavailable;
  constructor(subgraph: string, reason: string) {
    super(`the ${subgraph} subgraph is unavailable: ${reason}`, ErrorCode.SubgraphUnavailable, { subgraph });
  }
}

/** The gateway runs only trusted documents (a safelist) and this operation is not one of them. */
export class OperationNotTrustedError extends AppError {
  readonly code = ErrorCode.OperationNotTrusted;
  constructor() {
    super('this operation is not one of the trusted documents this gateway runs', ErrorCode.OperationNotTrusted, { http: { status: 403 } });
  }
}
