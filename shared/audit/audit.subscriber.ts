import { ChangeSetType, helper, JsonType, type ChangeSet, type EntityClass, type EventSubscriber, type FlushEventArgs, type Type } from '@mikro-orm/core';
import { AuditEntry, AuditOperation, type AuditFieldChange } from './audit-entry.entity.js';
import type { ActorContext } from '../context/context.js';

const OPERATIONS: Partial<Record<ChangeSetType, AuditOperation>> = {
  [ChangeSetType.CREATE]: AuditOperation.CREATE,
  [ChangeSetType.UPDATE]: AuditOperation.UPDATE,
  [ChangeSetType.DELETE]: AuditOperation.DELETE,
};

/** Fields whose change alone is not worth a row: they move on every update. */
const IMPLIED = new Set(['updatedAt']);

/** JSON-safe form of a column value, so the diff reads the same in the database and the API. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return null;
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

interface AuditedProperty {
  hidden?: boolean;
  customType?: Type<unknown>;
}

function isJson(prop: AuditedProperty | undefined): boolean {
  return prop?.customType instanceof JsonType;
}

function fieldChanges(cs: ChangeSet<object>): AuditFieldChange[] {
  const properties = cs.meta.properties as Record<string, AuditedProperty | undefined>;
  const hidden = (field: string) => properties[field]?.hidden === true;
  // Change sets hold JSON columns already serialised for the driver; the trail shows them as
  // the API does, as values, so a reader compares objects rather than strings.
  const fromDb = (field: string, value: unknown) =>
    isJson(properties[field]) && typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  const show = (field: string, value: unknown) => (hidden(field) ? '[redacted]' : plain(fromDb(field, value)));
  // A delete's change set carries no data: the row as last loaded is the entity's snapshot.
  const before = (cs.originalEntity ?? helper(cs.entity).__originalEntityData ?? {}) as Record<string, unknown>;
  const after = cs.payload as Record<string, unknown>;
  if (cs.type === ChangeSetType.CREATE) {
    return Object.keys(after).map((field) => ({ field, oldValue: null, newValue: show(field, after[field]) }));
  }
  if (cs.type === ChangeSetType.DELETE) {
    return Object.keys(before).map((field) => ({ field, oldValue: show(field, before[field]), newValue: null }));
  }
  return Object.keys(after)
    .filter((field) => !IMPLIED.has(field) && !same(before[field], after[field]))
    .map((field) => ({ field, oldValue: show(field, before[field]), newValue: show(field, after[field]) }));
}

/**
 * A row that is not tenant-owned may say whose trail it belongs in: a tenant its own, a
 * platform row (a signing key) none, even when a tenant's request caused it.
 */
interface OwnsAuditTenant {
  auditTenantId(): string | null;
}

/** The row's tenant; undefined when the row does not say (then the acting tenant's). */
function tenantOf(entity: object): string | null | undefined {
  if ('tenantId' in entity && typeof entity.tenantId === 'string') return entity.tenantId;
  if ('auditTenantId' in entity) return (entity as OwnsAuditTenant).auditTenantId();
  return undefined;
}

/**
 * Writes an AuditEntry for every create, update and delete in the flush, inside the same
 * transaction: a rolled-back change leaves no audit row, a committed one always has one.
 * Who and which request come from the EntityManager's logger context, which the request
 * context sets and every fork (including transactional ones) inherits.
 */
export class AuditSubscriber implements EventSubscriber {
  /** `unaudited`: bookkeeping tables (outbox, consumer markers) that are not business data. */
  constructor(private readonly unaudited: readonly EntityClass<object>[] = []) {}

  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const actor = em.getLoggerContext<Partial<ActorContext>>();
    for (const cs of uow.getChangeSets() as ChangeSet<object>[]) {
      const operation = OPERATIONS[cs.type];
      if (!operation || cs.meta.class === AuditEntry || this.unaudited.includes(cs.meta.class)) continue;
      const changes = fieldChanges(cs);
      if (changes.length === 0) continue;
      const rowTenant = tenantOf(cs.entity);
      const entry = em.create(AuditEntry, {
        tenantId: rowTenant === undefined ? (actor.tenantId ?? null) : rowTenant,
        entityType: cs.meta.className,
        entityId: String(cs.getPrimaryKey()),
        operation,
        changes,
        actorId: actor.actorId ?? null,
        requestId: actor.requestId ?? null,
      });
      uow.computeChangeSet(entry);
    }
  }
}
