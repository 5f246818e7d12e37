import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * That a consumer has handled an event, written in the same transaction as the handling's
 * effect: a redelivered event finds its row and changes nothing.
 */
@Entity({ tableName: 'processed_event' })
export class ProcessedEvent {
  @PrimaryKey({ type: 'text' })
  consumer!: string;

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  processedAt: Opt<Date> = new Date();
}
