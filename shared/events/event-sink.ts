import type { JobBackend } from '../jobs/job-queue.js';
import type { DomainEvent } from './domain-event.js';
import type { EventConsumer, EventJobData } from './event-consumer.js';
import type { EventSink } from './outbox-relay.js';
import { publishDomainEvents } from './pubsub.js';

/**
 * Where relayed events go: one job per interested consumer (job id = event id, so a resent
 * event is not queued twice while the first is still known) and the tenant's pub/sub channel
 * for live subscriptions. Queues first: if they fail the relay retries the whole batch, and
 * a subscriber may see an event twice rather than a consumer never seeing it.
 */
export function createEventSink(consumers: readonly Pick<EventConsumer, 'name' | 'accepts'>[], jobs: JobBackend): EventSink {
  return async (events: DomainEvent[]) => {
    await Promise.all(
      consumers.map((consumer) => {
        const wanted = events.filter((event) => consumer.accepts(event));
        if (!wanted.length) return undefined;
        return jobs.queue<EventJobData>(consumer.name).addBulk(
          wanted.map((event) => ({ name: event.type, data: { tenantId: event.tenantId, event }, options: { jobId: event.id } })),
        );
      }),
    );
    await publishDomainEvents(events);
  };
}
