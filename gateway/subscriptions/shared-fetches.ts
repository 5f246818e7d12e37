import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from '../gateway-context.js';

type Response = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

/**
 * A subgraph data source for subscription events that makes identical fetches in flight at the
 * same time into one. An event reaches every subscriber of a tenant at once, and each resolves
 * the same fields of the same entities: 10,000 subscribers asking identity for one owner's email
 * become one request, not 10,000 (which, on a small machine, time out and reset connections).
 *
 * Identical means the same subgraph, query, variables and caller (kind, user, tenant, scopes,
 * principal): a subgraph's answer depends on nothing else, so sharing it shows nobody anything
 * their own fetch would not have. Each subscriber gets its own copy, since the plan executor
 * merges into what it receives.
 */
export class SharedFetches implements GraphQLDataSource<GatewayContext> {
  private readonly inFlight = new Map<string, Promise<Response>>();

  constructor(
    private readonly serviceName: string,
    private readonly real: GraphQLDataSource<GatewayContext>,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Response> {
    const key = this.keyOf(options);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.real.process(options);
      this.inFlight.set(key, pending);
      const forget = () => this.inFlight.delete(key);
      pending.then(forget, forget);
    }
    return structuredClone(await pending);
  }

  /** Fetches waiting for an answer now (tests and metrics). */
  get pending(): number {
    return this.inFlight.size;
  }

  private keyOf({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): string {
    const caller = 'caller' in context ? context.caller : undefined;
    return JSON.stringify([
      this.serviceName,
      request.query,
      request.variables ?? null,
      caller ? [caller.kind, caller.userId, caller.tenantId, [...caller.scopes].sort(), caller.principalId] : null,
    ]);
  }
}
