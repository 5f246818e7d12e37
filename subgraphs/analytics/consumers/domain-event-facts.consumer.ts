import type { EventConsumer } from '../../../shared/events/event-consumer.js';
import { AnalyticsEvent } from '../entities/analytics-event.entity.js';

/**
 * Every committed change in the other subgraphs becomes an analytics fact named after it
 * (`invoice.updated`), so tenants can count and chart what happens without tracking it
 * themselves. Analytics' own changes are left out: counting the facts would make facts.
 */
export const domainEventFacts: EventConsumer = {
  name: 'analytics.facts',
  accepts: (event) => event.source !== 'analytics' && event.tenantId !== null,
  async handle(event, { em }) {
    const [entity, verb] = [event.entityType, event.type.slice(event.type.lastIndexOf('.') + 1)];
    em.create(AnalyticsEvent, {
      tenantId: event.tenantId as string,
      name: `${entity.toLowerCase()}.${verb}`,
      occurredAt: new Date(event.occurredAt),
      actorId: event.actorId,
      properties: {
        eventId: event.id,
        source: event.source,
        entityType: entity,
        entityId: event.entityId,
        changedFields: event.payload.changes.map((change) => change.field),
      },
    });
  },
};
