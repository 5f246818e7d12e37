import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { toPage, type Page, type PageArgs } from '../graphql/pagination.js';

/**
 * One keyset page of `entity` matching `where`, newest first, with the total count.
 * Two statements whatever the page size.
 */
export async function findPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { first, after }: PageArgs,
  /** Filters to turn on or off for this read (e.g. a bin that shows soft-deleted rows). */
  filters?: Record<string, boolean>,
): Promise<Page<T>> {
  const pageWhere = after ? ({ $and: [where, { id: { $lt: after } }] } as FilterQuery<T>) : where;
  const rows = await em.find(entity, pageWhere, { orderBy: { id: 'desc' } as never, limit: first + 1, ...(filters && { filters }) });
  const totalCount = await em.count(entity, where, filters && { filters });
  return toPage(rows as T[], first, totalCount, after);
}
