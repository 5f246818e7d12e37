import { ErrorCode } from '../../shared/errors/errors.js';
import { GraphQLError } from 'graphql';

export interface SubscriptionCaps {
  /** Live subscriptions one WebSocket connection may hold. */
  perConnection: number;
  /** Live subscriptions one tenant may hold on this gateway process. */
  perTenant: number;
}

export const DEFAULT_SUBSCRIPTION_CAPS: SubscriptionCaps = Object.freeze({ perConnection: 100, perTenant: 5_000 });

const refuse = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.RateLimited } });

/**
 * Counts live subscriptions per connection and per tenant and refuses one over a cap before
 * anything is opened upstream. Counts are per gateway process: each replica protects itself.
 */
export class SubscriptionLimiter {
  private readonly byConnection = new Map<object, number>();
  private readonly byTenant = new Map<string, number>();
  private total = 0;

  constructor(private readonly caps: SubscriptionCaps) {}

  /** Takes a slot or throws RATE_LIMITED; the returned function gives it back (once). */
  acquire(connection: object, tenantId: string | null): () => void {
    const onConnection = this.byConnection.get(connection) ?? 0;
    if (onConnection >= this.caps.perConnection) {
      throw refuse(`this connection already has ${onConnection} subscriptions, the limit`);
    }
    const tenantKey = tenantId ?? '_';
    const onTenant = this.byTenant.get(tenantKey) ?? 0;
    if (onTenant >= this.caps.perTenant) throw refuse(`your tenant already has ${onTenant} live subscriptions, the limit`);
    this.byConnection.set(connection, onConnection + 1);
    this.byTenant.set(tenantKey, onTenant + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      decrement(this.byConnection, connection);
      decrement(this.byTenant, tenantKey);
    };
  }

  /** Live subscriptions on this process (for tests, metrics and drain on shutdown). */
  get active(): number {
    return this.total;
  }
}

function decrement<K>(map: Map<K, number>, key: K): void {
  const next = (map.get(key) ?? 1) - 1;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}
