import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { NumberSequence } from '../entities/number-sequence.entity.js';

/** The document series a tenant numbers, and how their numbers look. */
export const SERIES = {
  invoice: 'INV',
  quote: 'Q',
  creditNote: 'CN',
} as const;
export type Series = keyof typeof SERIES;

/**
 * The next number of the tenant's series, e.g. INV-000042. Must run inside the transaction that
 * uses it: the upsert increments the counter row and holds its lock until that transaction ends,
 * so concurrent issuers wait their turn, and a rollback returns the number (no gaps, no repeats).
 * Raw SQL because it is one atomic statement; the counter is bookkeeping, not audited business data.
 */
export async function nextNumber(em: EntityManager, tenantId: string, series: Series): Promise<string> {
  const meta = em.getMetadata().get(NumberSequence);
  const table = `"${meta.schema ?? em.config.get('schema')}"."${meta.tableName}"`;
  const [row] = await em.execute<{ last: number }[]>(
    `insert into ${table} ("id", "tenant_id", "series", "last") values (?, ?, ?, 1)
     on conflict ("tenant_id", "series") do update set "last" = ${table}."last" + 1, "updated_at" = now()
     returning "last"`,
    [uuidv7(), tenantId, series],
  );
  return `${SERIES[series]}-${String(row.last).padStart(6, '0')}`;
}
