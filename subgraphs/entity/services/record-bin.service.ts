import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { NotFoundError } from '../../../shared/errors/errors.js';
import { EntityRecord, NOT_DELETED_FILTER } from '../entities/entity-record.entity.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import { findDefinition, lockTypeName } from './entity-definition.js';
import { flushRecord } from './record.service.js';

type Ctx = RequestContext<EntityLoaders>;

/** Reads that see the bin: the not-deleted filter off, the tenant filter on as always. */
const IN_BIN = { filters: { [NOT_DELETED_FILTER]: false } };

async function findInBin(em: EntityManager, id: string): Promise<EntityRecord> {
  const record = await em.findOne(EntityRecord, { id, deletedAt: { $ne: null } }, IN_BIN);
  if (!record) throw new NotFoundError('deleted EntityRecord', id);
  return record;
}

/**
 * Takes a record out of the bin. Its values were kept in step with its type while it was there
 * (field migrations touch deleted records too), but a unique value another record took since
 * is a CONFLICT naming the field.
 */
export async function restoreRecord(ctx: Ctx, id: string): Promise<EntityRecord> {
  const tenantId = requireTenant(ctx);
  return await ctx.em.transactional(async (em) => {
    const record = await findInBin(em, id);
    await lockTypeName(em, tenantId, record.type, 'shared');
    record.deletedAt = null;
    // A merged record brought back stands on its own again (its links stayed with the kept one).
    record.mergedInto = null;
    await flushRecord(em, await findDefinition(em, record.type));
    return record;
  });
}

/** Deletes a record in the bin for good. Its audit trail stays. */
export async function purgeRecord(ctx: Ctx, id: string): Promise<boolean> {
  requireTenant(ctx);
  ctx.em.remove(await findInBin(ctx.em, id));
  await ctx.em.flush();
  return true;
}

const PURGE_BATCH = 500;

/**
 * Purges one tenant's records deleted before `cutoff`, a batch per transaction so a large bin
 * never holds one long lock; each purge is audited in the tenant's trail like a manual one.
 * Returns how many it purged.
 */
export async function purgeExpired(em: EntityManager, cutoff: Date): Promise<number> {
  let purged = 0;
  for (;;) {
    const batch = await em.transactional(async (tx) => {
      const rows = await tx.find(EntityRecord, { deletedAt: { $lt: cutoff } }, { ...IN_BIN, limit: PURGE_BATCH, orderBy: { id: 'asc' } });
      rows.forEach((row) => tx.remove(row));
      return rows.length;
    });
    em.clear();
    purged += batch;
    if (batch < PURGE_BATCH) return purged;
  }
}

/** Tenants with records deleted before `cutoff`: raw SQL, since it looks across tenants on purpose. */
export async function tenantsWithExpiredBins(em: EntityManager, cutoff: Date): Promise<string[]> {
  const meta = em.getMetadata().find(EntityRecord)!;
  const rows = await em.execute<{ tenant_id: string }[]>(
    `select distinct "tenant_id" from "${meta.schema ?? em.config.get('schema')}"."${meta.tableName}" where "deleted_at" < ?`,
    [cutoff],
  );
  return rows.map((row) => row.tenant_id);
}
