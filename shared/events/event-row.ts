import type { DomainEvent } from './domain-event.js';

const loaded = new WeakMap<DomainEvent, Map<string, Promise<unknown>>>();

/**
 * Loads what an event is about once for all its subscribers. The pub/sub hands one event object
 * to every subscription of the tenant (in memory and from Redis alike), and each would otherwise
 * run the same SELECT: 10,000 subscribers, 10,000 identical queries per event. Keyed by the event
 * object, so the row lives exactly as long as the event is being delivered.
 *
 * Only for reads every subscriber of the event may see alike: subscriptions share a tenant (the
 * channel is the tenant's), and what differs by permission must be checked per subscriber.
 */
export function oncePerEvent<T>(event: DomainEvent, key: string, load: () => Promise<T>): Promise<T> {
  let rows = loaded.get(event);
  if (!rows) {
    rows = new Map();
    loaded.set(event, rows);
  }
  let row = rows.get(key) as Promise<T> | undefined;
  if (!row) {
    row = load();
    rows.set(key, row);
    // A failed load is not shared: the next subscriber tries for itself.
    row.catch(() => rows.delete(key));
  }
  return row;
}
