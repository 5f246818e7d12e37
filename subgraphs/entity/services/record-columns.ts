import { BadUserInputError } from '../../../shared/errors/errors.js';
import { jsonText, jsonValue, quoteIdent, sql, type Sql } from '../../../shared/orm/sql.js';
import { EntityFieldKind as K } from '../entities/entity-field.entity.js';
import type { EntityDefinition } from './entity-definition.js';

/*
 * What a filter or a sort key names, as a SQL expression of one PostgreSQL type. A field of a
 * defined type is read as its kind (validation guarantees the stored form, so the casts cannot
 * fail); a key of a type without a definition is read as the JSON value given in the filter.
 */

/** The PostgreSQL type an expression is compared as; also the cast of the values put against it. */
export type SqlType = 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'text' | 'uuid' | 'jsonb';

export interface Column {
  /** How errors name it: the field and its kind. */
  label: string;
  expr: Sql;
  type: SqlType;
  /** A text column contains/startsWith can search. */
  searchable: boolean;
  /** NUMBER fields take JSON numbers only (DECIMAL and CURRENCY also take decimal strings). */
  numbersOnly?: boolean;
  /**
   * The data key, when a value equal to the filter's is stored as exactly that JSON (texts,
   * numbers, booleans; not decimals, stored as strings of any scale): eq then also tests
   * `data @> {key: value}`, which the GIN index on data serves.
   */
  containmentKey?: string;
}

const SYSTEM_COLUMNS: Record<string, { column: string; type: SqlType }> = {
  id: { column: 'id', type: 'uuid' },
  ownerId: { column: 'owner_id', type: 'uuid' },
  createdAt: { column: 'created_at', type: 'timestamptz' },
  updatedAt: { column: 'updated_at', type: 'timestamptz' },
};

function fromKind(kind: K, key: string): Omit<Column, 'label'> {
  const text = jsonText('data', key);
  const cast = (type: SqlType): Omit<Column, 'label'> => ({ expr: sql(`${text.text}::${type}`, text.params), type, searchable: false });
  switch (kind) {
    case K.NUMBER:
      return { ...cast('numeric'), numbersOnly: true, containmentKey: key };
    case K.DECIMAL:
      return cast('numeric');
    case K.CURRENCY:
      // Compared and sorted by amountMinor: amounts in different currencies are not converted.
      return { expr: sql(`((${quoteIdent('data')} -> ?) ->> 'amountMinor')::numeric`, [key]), type: 'numeric', searchable: false };
    case K.DATE:
      return cast('date');
    case K.DATETIME:
      return cast('timestamptz');
    case K.BOOLEAN:
      return { ...cast('boolean'), containmentKey: key };
    case K.JSON:
      return { expr: jsonValue('data', key), type: 'jsonb', searchable: false };
    default:
      return { expr: text, type: 'text', searchable: true, containmentKey: key };
  }
}

/**
 * Untyped keys: numbers, booleans and strings given in a filter compare only with JSON values of
 * the same type (others are no match, never a cast error); a sort key with no
 * value to go by sorts as jsonb (numbers numerically, strings by text).
 */
function untyped(key: string, sample: unknown): Omit<Column, 'label'> {
  const value = jsonValue('data', key);
  const text = jsonText('data', key);
  const guarded = (jsonType: string, type: SqlType): Omit<Column, 'label'> => ({
    expr: sql(`(case when jsonb_typeof(${value.text}) = '${jsonType}' then ${text.text}::${type} end)`, [...value.params, ...text.params]),
    type,
    searchable: false,
  });
  if (typeof sample === 'number') return { ...guarded('number', 'numeric'), numbersOnly: true };
  if (typeof sample === 'boolean') return guarded('boolean', 'boolean');
  if (typeof sample === 'string') return { ...guarded('string', 'text'), searchable: true };
  return { expr: value, type: 'jsonb', searchable: false };
}

/**
 * The column `name` refers to in records of `definition` (null: no definition, untyped).
 * `sample` is a value the filter compares it with, for untyped keys. `at` is where the name was
 * given, for the error naming it.
 */
export function resolveColumn(name: string, definition: EntityDefinition | null, sample: unknown, at: string): Column {
  const system = SYSTEM_COLUMNS[name];
  if (system) return { label: name, expr: sql(quoteIdent(system.column)), type: system.type, searchable: false };
  if (!definition) return { label: name, ...untyped(name, sample) };
  const field = definition.fields.find((f) => f.name === name);
  if (!field) {
    throw new BadUserInputError(`${definition.type.name} has no field ${name}`, [
      { field: at, message: `${definition.type.name} has no field ${name} (nor is it id, createdAt, updatedAt or ownerId)` },
    ]);
  }
  return { label: `${name} (${field.kind.toUpperCase()})`, ...fromKind(field.kind, name) };
}
