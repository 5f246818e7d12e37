import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, print, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Logger } from '../../shared/logger/logger.js';
import type { UpstreamSubscribeExtensions } from '../../shared/server/subscription-server.js';
import type { GatewayContext } from '../gateway-context.js';
import type { UpstreamClients } from './upstream-clients.js';

export interface SubscriptionRequest {
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationName: string | null;
  context: GatewayContext;
  /**
   * The context with a freshly signed caller token. Caller tokens live a minute; a
   * subscription lives for hours, and each event's fetches to other subgraphs need a valid one.
   */
  renewContext: () => Promise<GatewayContext>;
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
  readonly schema: GraphQLSchema;

  constructor(
    supergraphSdl: string,
    private readonly services: ServiceMap,
    private readonly upstream: UpstreamClients,
    private readonly log: Logger,
  ) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.planner = new QueryPlanner(supergraph);
    this.apiSchema = supergraph.apiSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
  }

  /** The event stream of one subscription operation (already validated against `schema`). */
  subscribe(request: SubscriptionRequest): AsyncIterableIterator<ExecutionResult> {
    const operation = operationFromDocument(this.apiSchema, request.document, { operationName: request.operationName ?? undefined });
    const plan = this.planner.buildQueryPlan(operation);
    if (plan.node?.kind !== 'Subscription') throw new GraphQLError('not a subscription operation');
    const { primary, rest } = plan.node;
    const extensions: UpstreamSubscribeExtensions = { callerToken: request.context.callerToken, requestId: request.context.requestId };
    const source = this.upstream.for(primary.serviceName).iterate({
      query: primary.operation,
      variables: pick(request.variables, primary.variableUsages),
      operationName: primary.operationName,
      extensions: extensions as Record<string, unknown>,
    });
    const node: PlanNode = rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary;
    const eventPlan: QueryPlan = { kind: 'QueryPlan', node };
    const resolve = (event: ExecutionResult) => this.resolveEvent(request, eventPlan, primary, event);
    const log = request.context.log;

    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
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
        await source.return?.();
        return { done: true, value: undefined };
      },
      async throw(error: unknown) {
        await source.return?.();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  private async resolveEvent(request: SubscriptionRequest, plan: QueryPlan, primary: FetchNode, event: ExecutionResult): Promise<ExecutionResult> {
    // The owning subgraph refused or failed the subscription: nothing to resolve further.
    if (!event.data) return { errors: event.errors };
    const context = await request.renewContext();
    const services: ServiceMap = {
      ...this.services,
      [primary.serviceName]: new EventDataSource(primary, event, this.services[primary.serviceName]),
    };
    const requestContext = {
      request: { query: print(request.document), variables: request.variables, operationName: request.operationName ?? undefined },
      context,
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
    return executeQueryPlan(plan, services, requestContext, operationContext, this.supergraphSchema, this.apiSchema);
  }
}
