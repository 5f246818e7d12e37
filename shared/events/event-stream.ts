import type { RequestContext } from '../context/context.js';
import { requireTenant } from '../context/require-tenant.js';
import type { DomainEvent } from './domain-event.js';
import { pubSub, tenantEventsTopic } from './pubsub.js';

/** A subscription's context: like a request's, renewed before each event it delivers. */
export interface SubscriptionContext extends RequestContext {
  /**
   * Gives the context a fresh EntityManager and fresh DataLoaders. A subscription lives for
   * hours; without this every event would be resolved from the first event's identity map.
   */
  renew?: () => void;
  /** Counts what the subscription delivers, for limits and metrics. */
  onDeliver?: () => void;
}

/**
 * The caller's tenant's domain events that `wanted` accepts, as a subscription source. Only
 * ever the caller's own tenant: the channel is chosen from the verified caller, never from
 * arguments. Written as a plain iterator rather than an async generator so that a client
 * leaving unsubscribes at once, even while no event is pending (a generator would wait for
 * the next event before running its cleanup).
 */
export function domainEvents(
  ctx: SubscriptionContext,
  wanted: (event: DomainEvent) => boolean | Promise<boolean>,
): AsyncIterableIterator<DomainEvent> {
  const source = pubSub().asyncIterableIterator<DomainEvent>(tenantEventsTopic(requireTenant(ctx)));
  const iterator: AsyncIterableIterator<DomainEvent> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done) return result;
        ctx.renew?.();
        if (!(await wanted(result.value))) continue;
        ctx.onDeliver?.();
        return result;
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
