import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, print, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Logger } from '../../shared/logger/logger.js';
import type { UpstreamSubscribeExtensions } from '../../shared/server/subscription-server.js';
import type { GatewayContext } from '../gateway-context.js';
import { SharedFetches } from './shared-fetches.js';
import type { UpstreamClients } from './upstream-clients.js';

export interface SubscriptionRequest {
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationName: string | null;
  /** The subscription's context; its signCaller gives each fetch a token valid when it leaves. */
  context: GatewayContext;
}

/**
 * A data source answering the subscription's root fetch with the event the owning subgraph
 * just pushed, and anything else (the rest of the plan may call the same subgraph) for real.
 */
class EventDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly primary: FetchNode,
    private readonly event: ExecutionResult,
    private readonly real: GraphQLDataSource<GatewayContext>,
  ) {}

  process(options: Parameters<GraphQLDataSource<GatewayContext>['process']>[0]) {
    if (options.request.query === this.primary.operation) {
      return Promise.resolve({ data: this.event.data ?? null, errors: this.event.errors as GraphQLError[] | undefined });
    }
    return this.real.process(options);
  }
}

const pick = (variables: Record<string, unknown>, names: readonly string[] | undefined) =>
  Object.fromEntries((names ?? []).filter((name) => name in variables).map((name) => [name, variables[name]]));

/**
 * Executes subscriptions, which @apollo/gateway refuses. The query planner already plans
 * them: a `primary` fetch, the subscription itself, to the subgraph that owns the root field,
 * and a `rest` that fetches the event's fields other subgraphs own. The primary runs on the
 * owning subgraph over graphql-ws; for each event it pushes, the gateway runs primary-then-rest
 * through the gateway's own plan executor, with the primary answered by the event. So an
 * event's fields are resolved exactly as a query's would be.
 */
export class FederatedSubscriptions {
  private readonly planner: QueryPlanner;
  private readonly apiSchema: Schema;
  private readonly supergraphSchema: GraphQLSchema;
  /** The subgraphs as event resolution calls them: identical concurrent fetches shared. */
  private readonly services: ServiceMap;
  readonly schema: GraphQLSchema;

  constructor(
    supergraphSdl: string,
    services: ServiceMap,
    private readonly upstream: UpstreamClients,
    private readonly log: Logger,
  ) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.planner = new QueryPlanner(supergraph);
    this.apiSchema = supergraph.apiSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.services = Object.fromEntries(Object.entries(services).map(([name, source]) => [name, new SharedFetches(name, source)]));
  }

  /** The event stream of one subscription operation (already validated against `schema`). */
  subscribe(request: SubscriptionRequest): AsyncIterableIterator<ExecutionResult> {
    const operation = operationFromDocument(this.apiSchema, request.document, { operationName: request.operationName ?? undefined });
    const plan = this.planner.buildQueryPlan(operation);
    if (plan.node?.kind !== 'Subscription') throw new GraphQLError('not a subscription operation');
    const { primary, rest } = plan.node;
    const upstream = this.upstream.for(primary.serviceName);
    // The upstream subscription starts on the first pull, with a caller token signed then: a
    // client may subscribe long after its connection (and its first token) began.
    let source: AsyncIterableIterator<unknown> | undefined;
    const start = async () => {
      const extensions: UpstreamSubscribeExtensions = { callerToken: await request.context.signCaller(), requestId: request.context.requestId };
      return upstream.iterate({
        query: primary.operation,
        variables: pick(request.variables, primary.variableUsages),
        operationName: primary.operationName,
        extensions: extensions as Record<string, unknown>,
      });
    };
    const node: PlanNode = rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary;
    const resolve = this.eventResolver(request, { kind: 'QueryPlan', node }, primary);
    const log = request.context.log;
    let ended = false;

    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        if (ended) return { done: true, value: undefined };
        if (!source) {
          const started = await start();
          // The client may have left while the token was being signed: close what just opened.
          if (ended) {
            await started.return?.();
            return { done: true, value: undefined };
          }
          source = started;
        }
        const result = await source.next();
        if (result.done) return { done: true, value: undefined };
        try {
          return { done: false, value: await resolve(result.value as ExecutionResult) };
        } catch (err) {
          log.error({ err }, 'resolving a subscription event failed');
          return { done: false, value: { errors: [new GraphQLError('internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] } };
        }
      },
      async return() {
        ended = true;
        await source?.return?.();
        return { done: true, value: undefined };
      },
      async throw(error: unknown) {
        ended = true;
        await source?.return?.();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /**
   * How each event of one subscription is resolved. Everything that depends only on the
   * operation (its printed text, the operation context) is built here once, not per event:
   * with thousands of subscribers, per-event work is multiplied by all of them.
   */
  private eventResolver(request: SubscriptionRequest, plan: QueryPlan, primary: FetchNode): (event: ExecutionResult) => Promise<ExecutionResult> {
    const requestContext = {
      request: { query: print(request.document), variables: request.variables, operationName: request.operationName ?? undefined },
      context: request.context,
      logger: this.log,
      metrics: {},
      document: request.document,
      operationName: request.operationName,
      schema: this.schema,
      overallCachePolicy: undefined,
    } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
    const operationContext = buildOperationContext({
      schema: this.schema,
      operationDocument: request.document,
      operationName: request.operationName ?? undefined,
    });
    const real = this.services[primary.serviceName];
    return async (event) => {
      // The owning subgraph refused or failed the subscription: nothing to resolve further.
      if (!event.data) return { errors: event.errors };
      const services: ServiceMap = { ...this.services, [primary.serviceName]: new EventDataSource(primary, event, real) };
      // Fresh metrics per event: the executor appends error paths to them.
      return executeQueryPlan(plan, services, { ...requestContext, metrics: {} }, operationContext, this.supergraphSchema, this.apiSchema);
    };
  }
}
