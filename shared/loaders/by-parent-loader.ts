import DataLoader from 'dataloader';
import type { EntityName, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A per-request loader of the children of many parents (a document's versions, a dashboard's
 * widgets): every `load(parentId)` in one tick becomes one `IN` query on `foreignKey`, and each
 * parent gets its own rows in `orderBy` order (an empty list when it has none). Reads go through
 * the request's EntityManager, so the tenant filter applies.
 */
export function byParentLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  foreignKey: keyof T & string,
  orderBy: QueryOrderMap<T>,
): DataLoader<string, T[]> {
  return new DataLoader(async (parentIds) => {
    const rows = (await em.find(entity, { [foreignKey]: { $in: [...parentIds] } } as never, { orderBy } as never)) as T[];
    const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) byParent.get(row[foreignKey] as unknown as string)?.push(row);
    return parentIds.map((id) => byParent.get(id)!);
  });
}
