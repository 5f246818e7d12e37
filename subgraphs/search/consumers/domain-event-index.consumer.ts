import { GraphQLError } from 'graphql';
import type { Caller } from '../../../shared/context/caller.js';
import type { DomainEvent } from '../../../shared/events/domain-event.js';
import type { EventConsumer } from '../../../shared/events/event-consumer.js';
import { querySubgraph } from '../../../shared/server/subgraph-client.js';
import { dropEntry, upsertEntry } from '../services/search-entry.service.js';

/** The text of one thing, as the index keeps it. */
interface Indexed {
  title: string;
  body: string;
}

/** How to read the current text of each kind of thing the index follows, from its own subgraph. */
const SOURCES: Record<string, { source: string; kind: string; scope: string; read: (id: string, caller: Caller) => Promise<Indexed> }> = {
  EntityRecord: {
    source: 'entity',
    kind: 'record',
    scope: 'entity:record:read',
    async read(id, caller) {
      const { record } = await querySubgraph<{ record: { type: string; data: Record<string, unknown> } }>('entity', 'query ($id: ID!) { record(id: $id) { type data } }', { id }, caller);
      const texts = Object.values(record.data).filter((value): value is string => typeof value === 'string');
      const named = ['name', 'title', 'displayName', 'subject'].map((key) => record.data[key]).find((value) => typeof value === 'string') as string | undefined;
      return { title: named ?? texts[0] ?? record.type, body: [record.type, ...texts].join(' ') };
    },
  },
  Document: {
    source: 'document',
    kind: 'document',
    scope: 'document:document:read',
    async read(id, caller) {
      const { document } = await querySubgraph<{ document: { title: string; content: string } }>('document', 'query ($id: ID!) { document(id: $id) { title content } }', { id }, caller);
      // A generated document's content is its HTML: index the words, not the tags.
      return { title: document.title, body: document.content.replace(/<[^>]+>/g, ' ') };
    },
  },
  Invoice: {
    source: 'finance',
    kind: 'invoice',
    scope: 'finance:invoice:read',
    async read(id, caller) {
      const { invoice } = await querySubgraph<{ invoice: { number: string; customerName: string; lines: { description: string }[] } }>(
        'finance',
        'query ($id: ID!) { invoice(id: $id) { number customerName lines { description } } }',
        { id },
        caller,
      );
      return { title: `${invoice.number} ${invoice.customerName}`, body: invoice.lines.map((line) => line.description).join(' ') };
    },
  },
};

const followed = (event: DomainEvent) => SOURCES[event.entityType]?.source === event.source;
const notFound = (error: unknown) => error instanceof GraphQLError && error.extensions.code === 'NOT_FOUND';

/**
 * Keeps the index in step with the other subgraphs: on each committed change to a record, a
 * document or an invoice it reads the thing's current text from its own subgraph (as a service
 * of the event's tenant, allowed to read only that kind; before its transaction opens) and
 * stores it; a deletion, or a thing no longer found, removes its entry. Reading the current text rather than the event's changes
 * makes a late or repeated event harmless.
 */
export const domainEventIndex: EventConsumer = {
  name: 'search.index',
  accepts: (event) => event.tenantId !== null && followed(event),
  /** Reads the thing's current text before the index transaction opens: null when it is gone. */
  async prepare(event) {
    if (event.type.endsWith('.deleted')) return null;
    const source = SOURCES[event.entityType]!;
    const caller: Caller = { kind: 'service', userId: null, tenantId: event.tenantId, scopes: [source.scope], principalId: null, clientIp: null };
    try {
      return await source.read(event.entityId, caller);
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  },
  async handle(event, { em, prepared }) {
    const source = SOURCES[event.entityType]!;
    const text = prepared as Indexed | null;
    if (!text) await dropEntry(em, source.kind, event.entityId);
    else await upsertEntry(em, event.tenantId!, { kind: source.kind, refId: event.entityId, ...text }, event.actorId);
  },
};
