import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobContext } from '../jobs/job-queue.js';
import type { Logger } from '../logger/logger.js';
import type { DomainEvent } from './domain-event.js';

/** What a consumer's handler gets: a transaction on its own subgraph, scoped to the event's tenant. */
export interface ConsumerContext {
  em: EntityManager;
  log: Logger;
  job: JobContext<EventJobData>;
  /** What `prepare` answered, when the consumer has one. */
  prepared?: unknown;
}

/**
 * Reacts to domain events of any subgraph (search indexing, analytics facts, ...). Each
 * consumer has its own queue, so one slow or failing consumer never holds up another, and
 * its handler runs at most once per event (see run-once.ts).
 */
export interface EventConsumer {
  /** Unique queue name, `<subgraph>.<purpose>`. */
  name: string;
  /** Which events it wants; only those are queued for it. */
  accepts(event: DomainEvent): boolean;
  /**
   * Work done before the handler's transaction opens: asking another subgraph over HTTP, say.
   * Holding a transaction open across such a call would deadlock on embedded PGlite, whose one
   * connection every subgraph shares.
   */
  prepare?(event: DomainEvent, log: Logger): Promise<unknown>;
  handle(event: DomainEvent, ctx: ConsumerContext): Promise<void>;
}

export interface EventJobData {
  tenantId: string | null;
  event: DomainEvent;
  [key: string]: unknown;
}
