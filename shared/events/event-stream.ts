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

let open = 0;

/** Event streams open in this process: one per live subscription a subgraph serves. */
export function openEventStreams(): number {
  return open;
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
  open += 1;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    open -= 1;
    await source.return?.();
  };
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
      await close();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
