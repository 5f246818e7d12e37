/*
 * Small helpers for the raw SQL fragments MikroORM's query builder takes (`qb.andWhere(sql, params)`,
 * `raw(sql, params)`). Values always travel as `?` parameters; only identifiers are written into
 * the text, double-quoted with embedded quotes doubled, so no caller input is ever interpolated.
 */

/** A SQL fragment and its positional parameters, in order of their `?`. */
export interface Sql {
  text: string;
  params: unknown[];
}

export const sql = (text: string, params: unknown[] = []): Sql => ({ text, params });

/** `"name"` for a column or table name (embedded double quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"column" -> ?` (the JSON value at `key`) with the key as a parameter. */
export function jsonValue(column: string, key: string): Sql {
  return sql(`(${quoteIdent(column)} -> ?)`, [key]);
}

/** `"column" ->> ?` (the JSON value at `key` as text) with the key as a parameter. */
export function jsonText(column: string, key: string): Sql {
  return sql(`(${quoteIdent(column)} ->> ?)`, [key]);
}

/** Joins fragments with `separator`, concatenating their parameters in order. */
export function joinSql(parts: Sql[], separator: string): Sql {
  return { text: parts.map((part) => part.text).join(separator), params: parts.flatMap((part) => part.params) };
}

/** Escapes LIKE/ILIKE wildcards so a value matches literally (used with `escape '\'`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
