import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError } from '../../../shared/errors/errors.js';
import { encodeCursor, pageRequest, toConnection, type Connection, type ConnectionArgs } from '../../../shared/graphql/connection.js';
import { joinSql, quoteIdent, sql, type Sql } from '../../../shared/orm/sql.js';
import { EntityRecord, NOT_DELETED_FILTER } from '../entities/entity-record.entity.js';
import type { RecordFilter, RecordOrder } from '../inputs/record-query.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import { findDefinition } from './entity-definition.js';
import { compileFilter } from './record-filter.js';
import { afterCondition, isCursorOf, keyColumns, orderBy, orderingName, reversed, sortKeys } from './record-order.js';

type Ctx = RequestContext<EntityLoaders>;

export interface RecordQuery extends ConnectionArgs {
  type?: string | null;
  filter?: RecordFilter | null;
  orderBy?: RecordOrder[] | null;
  /** The data keys the caller selected; null when it wants whole records' data. */
  dataKeys: string[] | null;
  /** The bin: deleted records only (the not-deleted filter off). */
  deleted?: boolean;
}

/** Row columns the list reads besides data (and the sort keys); property names as MikroORM maps them. */
const COLUMNS = ['id', 'tenant_id', 'type', 'owner_id', 'deleted_at', 'merged_into', 'created_at', 'updated_at'];

/**
 * Only the JSON keys the caller selected travel from the database: a record's other values (up
 * to 1 MB of them) are never sent. Keys it does not hold are left out, as in `data` itself.
 */
function dataSelect(keys: string[] | null): Sql {
  if (keys === null) return sql(`${quoteIdent('data')} as "data"`);
  if (!keys.length) return sql(`'{}'::jsonb as "data"`);
  const list = joinSql(keys.map((key) => sql('?', [key])), ', ');
  return sql(
    `coalesce((select jsonb_object_agg(kv.key, kv.value) from jsonb_each(${quoteIdent('data')}) kv where kv.key in (${list.text})), '{}'::jsonb) as "data"`,
    list.params,
  );
}

type Row = Record<string, unknown>;

function toRecord(row: Row): EntityRecord {
  // A plain object shaped like the entity, not a managed one: it holds only the selected keys of
  // data, and must not enter the identity map where a later read by id would take it as whole.
  const pick = (camel: string, snake: string) => row[camel] ?? row[snake];
  const date = (value: unknown) => (value == null ? null : new Date(value as string));
  return Object.assign(Object.create(EntityRecord.prototype) as EntityRecord, {
    id: pick('id', 'id'),
    tenantId: pick('tenantId', 'tenant_id'),
    type: row.type,
    ownerId: pick('ownerId', 'owner_id') ?? null,
    deletedAt: date(pick('deletedAt', 'deleted_at')),
    mergedInto: pick('mergedInto', 'merged_into') ?? null,
    createdAt: date(pick('createdAt', 'created_at')),
    updatedAt: date(pick('updatedAt', 'updated_at')),
    data: typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : (row.data as Record<string, unknown>),
  });
}

/**
 * One page of the caller tenant's records (or of its bin) matching the filter, in the given
 * order, with the total count: two statements whatever the page size (plus the type's definition,
 * two more when `type` is given). The query builder applies the tenant and not-deleted filters
 * itself, as `em.find` does. Filter and cursor values are bound parameters (`andWhere(sql,
 * params)`); the select-list and ORDER BY terms go through `raw(sql, params)`, whose parameters
 * (data key names only, never filter values) MikroORM itself writes into the statement as
 * escaped literals.
 */
export async function queryRecords(ctx: Ctx, query: RecordQuery): Promise<Connection<EntityRecord>> {
  requireTenant(ctx);
  const definition = query.type ? await findDefinition(ctx.em, query.type) : null;
  const condition = query.filter ? compileFilter(query.filter, definition) : null;
  const keys = sortKeys(query.orderBy ?? [], definition);
  const ordering = orderingName(keys);
  const request = pageRequest(query, ordering);
  if (request.cursor && !isCursorOf(keys, request.cursor)) {
    throw new BadUserInputError('invalid page arguments', [{ field: request.direction === 'forward' ? 'after' : 'before', message: 'is not a cursor of this list' }]);
  }
  const readKeys = request.direction === 'forward' ? keys : reversed(keys);

  const base = (em: EntityManager) => {
    const qb = em.createQueryBuilder(EntityRecord);
    if (query.type) qb.andWhere({ type: query.type });
    if (query.deleted) qb.andWhere({ deletedAt: { $ne: null } });
    if (condition) qb.andWhere(condition.text, condition.params);
    return qb;
  };
  const filters = query.deleted ? { [NOT_DELETED_FILTER]: false } : undefined;

  const page = base(ctx.em);
  const select = [dataSelect(query.dataKeys), ...keyColumns(keys)];
  page.select([...COLUMNS.map((column) => raw(quoteIdent(column))), ...select.map((part) => raw(part.text, part.params))]);
  if (request.cursor) {
    const after = afterCondition(readKeys, request.cursor);
    page.andWhere(after.text, after.params);
  }
  page.orderBy(orderBy(readKeys) as never);
  page.limit(request.size + 1);
  await page.applyFilters(filters);

  const count = base(ctx.em).count();
  await count.applyFilters(filters);

  const rows = await page.execute<Row[]>('all', false);
  const [{ count: total } = { count: 0 }] = await count.execute<{ count: number | string }[]>('all', false);
  const cursorOf = (row: Row) => encodeCursor(ordering, keys.map((_, i) => row[`_k${i}`] ?? null));
  const connection = toConnection(rows, request, Number(total), cursorOf);
  const nodes = connection.items.map(toRecord);
  return {
    ...connection,
    items: nodes,
    edges: connection.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i]! })),
  };
}
