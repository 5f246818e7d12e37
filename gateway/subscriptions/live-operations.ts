import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { OperationNotTrustedError } from '../../shared/errors/errors.js';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Authenticated } from '../auth/authenticate.js';
import type { GatewayContext } from '../gateway-context.js';
import type { FederatedSubscriptions } from './federated-subscriptions.js';
import { guardedStream } from './guarded-stream.js';
import type { SubscriptionLimiter } from './subscription-limits.js';

/** A live connection's caller: the request context and when its credential runs out. */
export interface LiveCaller {
  context: GatewayContext;
  expiresAt: Authenticated['expiresAt'];
}

export interface ParsedOperation {
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationName: string | null;
}

/**
 * What the WebSocket and SSE transports share: parsing and validating an operation with the
 * same rules as HTTP (operation limits included), opening a subscription under the caps, and
 * running queries and mutations through Apollo Server exactly as HTTP does.
 */
export class LiveOperations {
  private readonly rules: readonly ValidationRule[];

  constructor(
    private readonly subscriptions: FederatedSubscriptions,
    private readonly limiter: SubscriptionLimiter,
    private readonly apollo: ApolloServer<GatewayContext>,
    limitRules: readonly ValidationRule[],
    /** The safelist's verdict on an operation's text (always yes without one). */
    private readonly trusted: (source: string) => boolean = () => true,
  ) {
    this.rules = [...specifiedRules, ...limitRules];
  }

  get schema(): GraphQLSchema {
    return this.subscriptions.schema;
  }

  get activeSubscriptions(): number {
    return this.limiter.active;
  }

  /** Parses and validates, or says why not in GraphQL errors. */
  prepare(query: unknown, variables: unknown, operationName: unknown): ParsedOperation | readonly GraphQLError[] {
    if (typeof query !== 'string' || !query.trim()) return [new GraphQLError('send the operation as `query`', { extensions: { code: 'BAD_REQUEST' } })];
    if (!this.trusted(query)) return [new OperationNotTrustedError()];
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (err) {
      return [new GraphQLError((err as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const errors = validate(this.schema, document, this.rules);
    if (errors.length) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: e.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED' } }));
    return {
      document,
      variables: variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {},
      operationName: typeof operationName === 'string' ? operationName : null,
    };
  }

  /** Opens a subscription for `connection` (its caps), ending at the credential's expiry. */
  subscribe(operation: ParsedOperation, caller: LiveCaller, connection: object): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
    let release: () => void;
    try {
      release = this.limiter.acquire(connection, caller.context.caller.tenantId);
    } catch (err) {
      return { errors: [err as GraphQLError] };
    }
    try {
      // Each subscription is its own "request": its own id on every log line and fetch.
      const requestId = randomUUID();
      const context: GatewayContext = { ...caller.context, requestId, log: caller.context.log.child({ requestId }) };
      const source = this.subscriptions.subscribe({ ...operation, context });
      return guardedStream(source, { expiresAt: caller.expiresAt, onEnd: release });
    } catch (err) {
      release();
      if (err instanceof GraphQLError) return { errors: [err] };
      throw err;
    }
  }

  /** A query or mutation sent over a live connection: Apollo Server runs it as for HTTP. */
  async execute(operation: ParsedOperation, caller: LiveCaller): Promise<ExecutionResult> {
    const requestId = randomUUID();
    const context: GatewayContext = { ...caller.context, requestId, log: caller.context.log.child({ requestId }) };
    const response = await this.apollo.executeOperation(
      { query: operation.document, variables: operation.variables, operationName: operation.operationName ?? undefined },
      { contextValue: context },
    );
    if (response.body.kind !== 'single') return { errors: [new GraphQLError('incremental delivery is not supported here')] };
    return response.body.singleResult as ExecutionResult;
  }
}
