import type { AuditFieldChange } from '../audit/audit-entry.entity.js';

/**
 * A committed change, as every consumer sees it: job handlers (through the queues), live
 * subscriptions (through pub/sub) and, later, search and analytics. `id` is unique per
 * event and is what consumers deduplicate on.
 */
export interface DomainEvent {
  id: string;
  /** `<Entity>.<created|updated|deleted>`, e.g. `Invoice.updated`. */
  type: string;
  /** The subgraph whose data changed. */
  source: string;
  entityType: string;
  entityId: string;
  tenantId: string | null;
  actorId: string | null;
  /** The request that made the change, so a consumer's logs join the request's. */
  correlationId: string | null;
  occurredAt: string;
  payload: DomainEventPayload;
}

export interface DomainEventPayload {
  /** The audit entry recording the same change. */
  auditEntryId: string | null;
  changes: AuditFieldChange[];
}

/** The verb of an event type: `Invoice.updated` -> `updated`. `restored`: out of the bin (soft delete undone). */
export type ChangeKind = 'created' | 'updated' | 'deleted' | 'restored';

export function changeKindOf(event: Pick<DomainEvent, 'type'>): ChangeKind {
  return event.type.slice(event.type.lastIndexOf('.') + 1) as ChangeKind;
}

/** Whether the event changed `field` (an update that touched it, or any create or delete). */
export function touches(event: DomainEvent, field: string): boolean {
  return event.payload.changes.some((change) => change.field === field);
}
