import { GraphQLError } from 'graphql';
import type { DomainEvent } from '../../../shared/events/domain-event.js';
import type { EventConsumer } from '../../../shared/events/event-consumer.js';
import { engineFor } from '../engine/engine-for.js';
import type { IndexedThing } from '../engine/search-engine.js';
import { readerOf, sourceOfEntity } from '../services/index-sources.js';

const notFound = (error: unknown) => error instanceof GraphQLError && error.extensions.code === 'NOT_FOUND';

/**
 * Keeps the index in step with the other subgraphs: on each committed change to a record, a
 * document, an invoice or a user it reads the thing's current text from its own subgraph (as a
 * service of the event's tenant, allowed to read only that kind; before its transaction opens)
 * and stores it; a deletion, or a thing no longer found, removes its entry. Reading the current
 * text rather than the event's changes makes a late or repeated event harmless.
 */
export const domainEventIndex: EventConsumer = {
  name: 'search.index',
  accepts: (event) => event.tenantId !== null && sourceOfEntity(event.source, event.entityType) !== undefined,
  /** Reads the thing's current text before the index transaction opens: null when it is gone. */
  async prepare(event: DomainEvent): Promise<IndexedThing | null> {
    if (event.type.endsWith('.deleted')) return null;
    const source = sourceOfEntity(event.source, event.entityType)!;
    try {
      const node = await source.one(event.entityId, readerOf(source, event.tenantId!));
      return { kind: source.kind, refId: event.entityId, ...source.toThing(node) };
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  },
  async handle(event, { em, prepared }) {
    const source = sourceOfEntity(event.source, event.entityType)!;
    const scope = { em, tenantId: event.tenantId! };
    const thing = prepared as IndexedThing | null;
    if (!thing) await engineFor(scope.tenantId).remove(scope, source.kind, event.entityId);
    else await engineFor(scope.tenantId).upsert(scope, thing, event.actorId);
  },
};
