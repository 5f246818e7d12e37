import { EventEmitter } from 'node:events';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { getConfig } from '../config/config.js';
import type { DomainEvent } from './domain-event.js';

let engine: PubSubEngine | undefined;

/**
 * The process's pub/sub: Redis when REDIS_URL is set, so an event relayed by any replica
 * reaches subscribers on every replica; in memory otherwise (one process runs everything).
 */
export function pubSub(): PubSubEngine {
  if (engine) return engine;
  const { redisUrl } = getConfig();
  if (redisUrl) {
    // It opens its own publisher and subscriber connections (a subscribing connection can do
    // nothing else) with the ioredis it was built against.
    engine = new RedisPubSub({ connection: redisUrl });
  } else {
    // One listener per open subscription on a tenant's channel: thousands are normal, not a leak.
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    engine = new PubSub({ eventEmitter: emitter });
  }
  return engine;
}

export async function closePubSub(): Promise<void> {
  if (engine instanceof RedisPubSub) await engine.close();
  engine = undefined;
}

/** The channel carrying one tenant's events (events without a tenant go to `_`). */
export function tenantEventsTopic(tenantId: string | null): string {
  return `${getConfig().redisKeyPrefix}:events:${tenantId ?? '_'}`;
}

export async function publishDomainEvents(events: DomainEvent[]): Promise<void> {
  const bus = pubSub();
  for (const event of events) await bus.publish(tenantEventsTopic(event.tenantId), event);
}

/**
 * The process pub/sub in type-graphql's shape, for `@Subscription({ topics })`. Our live
 * updates use `domainEvents()` instead (tenant-scoped by construction); this is what
 * type-graphql requires to build a schema with subscriptions at all.
 */
export const typeGraphqlPubSub = {
  publish(routingKey: string, ...args: unknown[]): void {
    void pubSub().publish(routingKey, args[0]);
  },
  subscribe(routingKey: string, dynamicId?: unknown): AsyncIterable<unknown> {
    return pubSub().asyncIterableIterator(dynamicId === undefined ? routingKey : `${routingKey}:${String(dynamicId)}`);
  },
};
