import { BadUserInputError } from '../../../shared/errors/errors.js';
import { escapeLike, joinSql, quoteIdent, sql, type Sql } from '../../../shared/orm/sql.js';
import type { RecordFilter } from '../inputs/record-query.input.js';
import type { EntityDefinition } from './entity-definition.js';
import { resolveColumn, type Column, type SqlType } from './record-columns.js';

/*
 * RecordFilter to one parameterised SQL condition. Every value is a `?` parameter cast to the
 * column's type (`?::numeric`, `?::date`...), so numbers compare as numbers and decimals exactly;
 * a value that is not of the field's kind, an unknown field or an operator the kind has no
 * meaning for is BAD_USER_INPUT naming where in the filter it was.
 */

const COMPARISONS = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const ORDERED: ReadonlySet<SqlType> = new Set(['numeric', 'date', 'timestamptz', 'text', 'uuid']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const bad = (at: string, message: string) => new BadUserInputError(`invalid filter: ${at} ${message}`, [{ field: at, message }]);

/** The value as the text of a parameter cast to `type`, or why it is not one. */
export function sqlValue(type: SqlType, value: unknown): { ok: true; param: string } | { ok: false; message: string } {
  const ok = (param: string) => ({ ok: true as const, param });
  const fail = (message: string) => ({ ok: false as const, message });
  switch (type) {
    case 'numeric':
      if (typeof value === 'number' && Number.isFinite(value)) return ok(String(value));
      // Decimals travel as strings so they keep every digit.
      return typeof value === 'string' && DECIMAL.test(value) ? ok(value) : fail('must be a number or a decimal string');
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? ok(value) : fail('must be a date, YYYY-MM-DD');
    case 'timestamptz':
      return typeof value === 'string' && DATETIME.test(value) && !Number.isNaN(Date.parse(value))
        ? ok(value)
        : fail('must be an ISO 8601 date-time with an offset');
    case 'boolean':
      return typeof value === 'boolean' ? ok(String(value)) : fail('must be true or false');
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? ok(value) : fail('must be an id');
    case 'text':
      return typeof value === 'string' ? ok(value) : fail('must be a string');
    case 'jsonb':
      return ok(JSON.stringify(value));
  }
}

function param(column: Column, value: unknown, at: string): Sql {
  if (column.numbersOnly && typeof value !== 'number') throw bad(at, `must be a number (${column.label})`);
  const checked = sqlValue(column.type, value);
  if (!checked.ok) throw bad(at, `${checked.message} (${column.label})`);
  return sql(`?::${column.type}`, [checked.param]);
}

/** The first value the leaf compares with: what an untyped key is read as. */
function sampleOf(filter: RecordFilter): unknown {
  return [filter.eq, filter.ne, filter.gt, filter.gte, filter.lt, filter.lte, filter.in?.[0], filter.notIn?.[0]].find((v) => v !== undefined && v !== null);
}

function leafConditions(filter: RecordFilter, definition: EntityDefinition | null, at: string): Sql[] {
  const operators = (['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'contains', 'startsWith', 'isNull'] as const).filter(
    (op) => filter[op] !== undefined && filter[op] !== null,
  );
  if (filter.field == null) {
    if (operators.length) throw bad(`${at}.field`, `is needed with ${operators.join(', ')}`);
    return [];
  }
  if (!operators.length && !filter.and && !filter.or && !filter.not) throw bad(at, `sets no operator for ${filter.field}`);
  const column = resolveColumn(filter.field, definition, sampleOf(filter), `${at}.field`);
  const { expr } = column;
  const parts: Sql[] = [];
  for (const op of operators) {
    const opAt = `${at}.${op}`;
    if ((op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') && !ORDERED.has(column.type)) {
      throw bad(opAt, `does not apply to ${column.label}: it has no order`);
    }
    if ((op === 'contains' || op === 'startsWith') && !column.searchable) throw bad(opAt, `does not apply to ${column.label}: it is not text`);
    switch (op) {
      case 'eq':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const value = param(column, filter[op], opAt);
        parts.push(sql(`${expr.text} ${COMPARISONS[op]} ${value.text}`, [...expr.params, ...value.params]));
        if (op === 'eq' && column.containmentKey !== undefined) {
          parts.push(sql(`${quoteIdent('data')} @> ?::jsonb`, [JSON.stringify({ [column.containmentKey]: filter.eq })]));
        }
        break;
      }
      case 'ne': {
        const value = param(column, filter.ne, opAt);
        parts.push(sql(`${expr.text} is distinct from ${value.text}`, [...expr.params, ...value.params]));
        break;
      }
      case 'in':
      case 'notIn': {
        const values = filter[op]!.map((v, i) => param(column, v, `${opAt}.${i}`));
        if (!values.length) {
          parts.push(sql(op === 'in' ? 'false' : 'true'));
          break;
        }
        const list = joinSql(values, ', ');
        const test = sql(`${expr.text} in (${list.text})`, [...expr.params, ...list.params]);
        parts.push(op === 'in' ? test : sql(`not coalesce(${test.text}, false)`, test.params));
        break;
      }
      case 'contains':
        parts.push(sql(`${expr.text} ilike ? escape '\\'`, [...expr.params, `%${escapeLike(filter.contains!)}%`]));
        break;
      case 'startsWith':
        parts.push(sql(`${expr.text} like ? escape '\\'`, [...expr.params, `${escapeLike(filter.startsWith!)}%`]));
        break;
      case 'isNull':
        parts.push(sql(`${expr.text} is ${filter.isNull ? '' : 'not '}null`, expr.params));
        break;
    }
  }
  return parts;
}

/** The condition `filter` sets on records of `definition` (null: untyped), as parameterised SQL. */
export function compileFilter(filter: RecordFilter, definition: EntityDefinition | null, at = 'filter', depth = 0): Sql {
  if (depth > 10) throw bad(at, 'nests deeper than 10 levels');
  const parts = leafConditions(filter, definition, at);
  filter.and?.forEach((child, i) => parts.push(compileFilter(child, definition, `${at}.and.${i}`, depth + 1)));
  if (filter.or) {
    const alternatives = filter.or.map((child, i) => compileFilter(child, definition, `${at}.or.${i}`, depth + 1));
    parts.push(alternatives.length ? joinSql(alternatives, ' or ') : sql('false'));
  }
  if (filter.not) {
    // A record the inner condition says nothing about (null: no value) is one it does not match.
    const inner = compileFilter(filter.not, definition, `${at}.not`, depth + 1);
    parts.push(sql(`not coalesce(${inner.text}, false)`, inner.params));
  }
  if (!parts.length) return sql('true');
  return sql(`(${parts.map((p) => `(${p.text})`).join(' and ')})`, parts.flatMap((p) => p.params));
}
