import { QueryOrder, raw } from '@mikro-orm/core';
import { joinSql, quoteIdent, sql, type Sql } from '../../../shared/orm/sql.js';
import { NullsOrder, SortDirection, type RecordOrder } from '../inputs/record-query.input.js';
import type { EntityDefinition } from './entity-definition.js';
import { resolveColumn, type Column, type SqlType } from './record-columns.js';

/*
 * Sort keys and keyset pagination over them. The id is always the last key, so the order is
 * total and a cursor (every key's value of a row, as text) says exactly where a page ends, even
 * when many rows share a value or have none.
 */

export interface SortKey {
  column: Column;
  descending: boolean;
  nullsFirst: boolean;
}

const ID_COLUMN: Column = { label: 'id', expr: sql(quoteIdent('id')), type: 'uuid', searchable: false };

/** The keys of `orderBy`, then the id (newest first when there are no keys, as lists always were). */
export function sortKeys(orderBy: RecordOrder[], definition: EntityDefinition | null): SortKey[] {
  const keys = orderBy.map((order, i) => ({
    column: resolveColumn(order.field, definition, undefined, `orderBy.${i}.field`),
    descending: order.direction === SortDirection.DESC,
    nullsFirst: order.nulls === NullsOrder.FIRST,
  }));
  if (!keys.some((key) => key.column.label === 'id')) keys.push({ column: ID_COLUMN, descending: keys[0]?.descending ?? true, nullsFirst: false });
  // Keys after the id can never decide anything.
  return keys.slice(0, keys.findIndex((key) => key.column.label === 'id') + 1);
}

/** Names the ordering: a cursor is only valid in the ordering it was made in. */
export function orderingName(keys: SortKey[]): string {
  return keys.map((k) => `${k.column.label}:${k.descending ? 'd' : 'a'}:${k.nullsFirst ? 'f' : 'l'}`).join(',');
}

/** The same keys read the other way (for `last/before`: read backward, then reversed). */
export function reversed(keys: SortKey[]): SortKey[] {
  return keys.map((key) => ({ ...key, descending: !key.descending, nullsFirst: !key.nullsFirst }));
}

/** `ORDER BY` terms for MikroORM's query builder: a raw expression key each, with its QueryOrder. */
export function orderBy(keys: SortKey[]): Record<symbol, QueryOrder>[] {
  return keys.map((k) => ({
    [raw(k.column.expr.text, k.column.expr.params)]: k.descending
      ? k.nullsFirst ? QueryOrder.DESC_NULLS_FIRST : QueryOrder.DESC_NULLS_LAST
      : k.nullsFirst ? QueryOrder.ASC_NULLS_FIRST : QueryOrder.ASC_NULLS_LAST,
  }));
}

/** Select-list terms reading each key's value as text, aliased `_k0`, `_k1`... for the cursors. */
export function keyColumns(keys: SortKey[]): Sql[] {
  return keys.map((k, i) => sql(`(${k.column.expr.text})::text as "_k${i}"`, k.column.expr.params));
}

/** How each type reads as text (`::text`), to refuse a tampered cursor before PostgreSQL casts it. */
const KEY_TEXT: Record<SqlType, RegExp | null> = {
  numeric: /^-?\d+(\.\d+)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
  boolean: /^(true|false)$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  text: null,
  jsonb: null,
};

/** Whether `values` (from a cursor) are key values of `keys`: one each, null or text of the key's type. */
export function isCursorOf(keys: SortKey[], values: unknown[]): boolean {
  if (values.length !== keys.length) return false;
  return keys.every((key, i) => {
    const value = values[i];
    if (value === null) return true;
    if (typeof value !== 'string') return false;
    if (key.column.type === 'jsonb') {
      try {
        JSON.parse(value);
        return true;
      } catch {
        return false;
      }
    }
    return KEY_TEXT[key.column.type]?.test(value) ?? true;
  });
}

/** Rows strictly after the row whose key values are `values`, in the order of `keys`. */
export function afterCondition(keys: SortKey[], values: unknown[]): Sql {
  const alternatives: Sql[] = [];
  const equalSoFar: Sql[] = [];
  keys.forEach((key, i) => {
    const { expr, type } = key.column;
    const value = values[i];
    const text = typeof value === 'string' ? value : null;
    const beyond: Sql[] = [];
    if (text === null) {
      // Past the rows without a value: only rows with one, when those sort after.
      if (key.nullsFirst) beyond.push(sql(`${expr.text} is not null`, expr.params));
    } else {
      beyond.push(sql(`${expr.text} ${key.descending ? '<' : '>'} ?::${type}`, [...expr.params, text]));
      if (!key.nullsFirst) beyond.push(sql(`${expr.text} is null`, expr.params));
    }
    if (beyond.length) alternatives.push(joinSql([...equalSoFar, sql(`(${joinSql(beyond, ' or ').text})`, joinSql(beyond, ' or ').params)], ' and '));
    equalSoFar.push(text === null ? sql(`${expr.text} is null`, expr.params) : sql(`${expr.text} = ?::${type}`, [...expr.params, text]));
  });
  if (!alternatives.length) return sql('false');
  return sql(`(${alternatives.map((a) => `(${a.text})`).join(' or ')})`, alternatives.flatMap((a) => a.params));
}
