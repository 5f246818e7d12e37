import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import type { DomainEventPayload } from './domain-event.js';

/**
 * A domain event waiting to be relayed (the transactional outbox). Written by the outbox
 * subscriber in the same transaction as the change, so an event exists exactly when its
 * change committed; the relay publishes it and stamps `publishedAt`.
 */
@Entity({ tableName: 'outbox_event' })
@Index({ name: 'outbox_event_unpublished_idx', expression: 'create index "outbox_event_unpublished_idx" on "outbox_event" ("id") where "published_at" is null' })
export class OutboxEvent {
  /** UUIDv7: time-ordered, so relaying in id order is relaying in commit order per process. */
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text' })
  entityType!: string;

  @Property({ type: 'text' })
  entityId!: string;

  @Property({ type: 'uuid', nullable: true })
  tenantId!: string | null;

  @Property({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Property({ type: 'text', nullable: true })
  correlationId!: string | null;

  @Property({ type: 'jsonb' })
  payload!: DomainEventPayload;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  occurredAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Opt<Date> | null = null;
}
