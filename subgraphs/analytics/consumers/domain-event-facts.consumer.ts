import type { EventConsumer } from '../../../shared/events/event-consumer.js';
import { ingestFacts } from '../services/fact-ingest.service.js';

/**
 * Every committed change in the other subgraphs becomes an analytics fact named after it
 * (`invoice.updated`), so tenants can count and chart what happens without tracking it
 * themselves. The domain event's id is the fact's key, so a redelivered event is no second fact.
 * Analytics' own changes are left out: counting the facts would make facts.
 */
export const domainEventFacts: EventConsumer = {
  name: 'analytics.facts',
  accepts: (event) => event.source !== 'analytics' && event.tenantId !== null,
  async handle(event, { em }) {
    const [entity, verb] = [event.entityType, event.type.slice(event.type.lastIndexOf('.') + 1)];
    const changedFields = event.payload.changes.map((change) => change.field);
    await ingestFacts(em, event.tenantId as string, event.actorId, [
      {
        key: event.id,
        name: `${entity.toLowerCase()}.${verb}`,
        occurredAt: new Date(event.occurredAt),
        // Low-cardinality dimensions only: the entity id stays a detail, or roll-ups would hold a row per entity.
        dimensions: { source: event.source, entityType: entity },
        measures: { changedFields: changedFields.length },
        properties: { eventId: event.id, source: event.source, entityType: entity, entityId: event.entityId, changedFields },
      },
    ]);
  },
};
