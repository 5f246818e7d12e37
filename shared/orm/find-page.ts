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
): Promise<Page<T>> {
  const pageWhere = after ? ({ $and: [where, { id: { $lt: after } }] } as FilterQuery<T>) : where;
  const rows = await em.find(entity, pageWhere, { orderBy: { id: 'desc' } as never, limit: first + 1 });
  const totalCount = await em.count(entity, where);
  return toPage(rows as T[], first, totalCount);
}
