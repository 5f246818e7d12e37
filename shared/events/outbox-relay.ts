import { LockMode } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger/logger.js';
import type { DomainEvent } from './domain-event.js';
import { OutboxEvent } from './outbox-event.entity.js';

export type EventSink = (events: DomainEvent[]) => Promise<void>;

export interface OutboxRelayOptions {
  /** Safety net between nudges: events of a commit nobody nudged for (another replica's). */
  pollMs?: number;
  batchSize?: number;
}

export function toDomainEvent(row: OutboxEvent, source: string): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    source,
    entityType: row.entityType,
    entityId: row.entityId,
    tenantId: row.tenantId,
    actorId: row.actorId,
    correlationId: row.correlationId,
    occurredAt: new Date(row.occurredAt).toISOString(),
    payload: row.payload,
  };
}

/**
 * Moves a subgraph's outbox rows to the sink (queues and pub/sub), oldest first. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so replicas relaying the same outbox never send one
 * event twice concurrently; a row is stamped published only when the sink took it, in the
 * same transaction, so a crash between the two resends it (consumers deduplicate by id)
 * rather than losing it.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly source: string,
    private readonly sink: EventSink,
    private readonly log: Logger,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Relays now (after a commit that wrote events); coalesces with a relay in progress. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  /** Stops polling and waits for the relay in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.nudge();
      void this.running?.then(() => this.schedule(this.pollDelay()));
    }, ms);
    this.timer.unref();
  }

  /** Backs off while the sink keeps failing, up to 30 s, so a dead Redis is not hammered. */
  private pollDelay(): number {
    const base = this.options.pollMs ?? 1000;
    return this.failures ? Math.min(30_000, base * 2 ** this.failures) : base;
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 200;
    try {
      for (;;) {
        const sent = await this.relayBatch(batchSize);
        this.failures = 0;
        if (sent < batchSize || this.stopped) return;
      }
    } catch (err) {
      this.failures += 1;
      this.log.error({ err, attempt: this.failures }, 'outbox relay failed; events stay queued and are retried');
    }
  }

  private async relayBatch(batchSize: number): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const rows = await em
        .createQueryBuilder(OutboxEvent)
        .select('*')
        .where({ publishedAt: null })
        .orderBy({ id: 'asc' })
        .limit(batchSize)
        .setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE)
        .getResult();
      if (!rows.length) return 0;
      await this.sink(rows.map((row) => toDomainEvent(row, this.source)));
      // A query-builder update: no change set, so neither audited nor turned into an event.
      await em
        .createQueryBuilder(OutboxEvent)
        .update({ publishedAt: new Date() })
        .where({ id: { $in: rows.map((row) => row.id) } })
        .execute();
      this.log.debug({ count: rows.length }, 'outbox events relayed');
      return rows.length;
    });
  }
}
