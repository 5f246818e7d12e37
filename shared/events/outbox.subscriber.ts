import type { ChangeSet, EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';
import { AuditEntry, AuditOperation } from '../audit/audit-entry.entity.js';
import type { ChangeKind } from './domain-event.js';
import { OutboxEvent } from './outbox-event.entity.js';

const PAST: Record<AuditOperation, ChangeKind> = {
  [AuditOperation.CREATE]: 'created',
  [AuditOperation.UPDATE]: 'updated',
  [AuditOperation.DELETE]: 'deleted',
};

/**
 * What the change means to consumers. A soft delete is an update of `deletedAt` in the table,
 * but a deletion to everyone listening (search drops the row, a live list removes it), and
 * taking it out of the bin is a restore, not an ordinary edit.
 */
export function changeKindOfEntry(entry: Pick<AuditEntry, 'operation' | 'changes'>): ChangeKind {
  if (entry.operation === AuditOperation.UPDATE) {
    const bin = entry.changes.find((change) => change.field === 'deletedAt');
    if (bin && bin.oldValue == null && bin.newValue != null) return 'deleted';
    if (bin && bin.oldValue != null && bin.newValue == null) return 'restored';
  }
  return PAST[entry.operation];
}

/**
 * Turns every audit entry of a flush into an outbox event in the same transaction: whatever
 * is audited is also announced, with one rule instead of a call in every service. It runs
 * after the audit subscriber, whose entries are already in the unit of work.
 *
 * After a commit that wrote events (and only then: the relay's own commits must not wake it)
 * it calls `onCommitted`, so the relay publishes them at once instead of at its next poll.
 */
export class OutboxSubscriber implements EventSubscriber {
  /** Transactions (and flushes) that wrote events: only their commits wake the relay. */
  private readonly wroteEvents = new WeakSet<object>();

  constructor(private readonly onCommitted: () => void = () => undefined) {}

  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    let wrote = false;
    for (const cs of uow.getChangeSets() as ChangeSet<object>[]) {
      if (!(cs.entity instanceof AuditEntry)) continue;
      const entry = cs.entity;
      const event = em.create(OutboxEvent, {
        type: `${entry.entityType}.${changeKindOfEntry(entry)}`,
        entityType: entry.entityType,
        entityId: entry.entityId,
        tenantId: entry.tenantId,
        actorId: entry.actorId,
        correlationId: entry.requestId,
        payload: { auditEntryId: entry.id, changes: entry.changes },
      });
      uow.computeChangeSet(event);
      wrote = true;
    }
    if (!wrote) return;
    this.wroteEvents.add(uow);
    const transaction = em.getTransactionContext<object>();
    if (transaction) this.wroteEvents.add(transaction);
  }

  /** A flush in its own transaction has committed by now; one inside a wider one has not. */
  afterFlush({ em, uow }: FlushEventArgs): void {
    if (this.wroteEvents.has(uow) && !em.isInTransaction()) this.onCommitted();
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    if (transaction && this.wroteEvents.has(transaction)) this.onCommitted();
  }
}
