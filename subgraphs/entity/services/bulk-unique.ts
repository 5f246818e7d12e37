import type { EntityManager } from '@mikro-orm/postgresql';
import { EntityFieldKind, type EntityField } from '../entities/entity-field.entity.js';
import type { EntityDefinition } from './entity-definition.js';
import { recordTable } from './record-data.js';

/** A row about to be written: its input index, the record it updates (if any) and its checked data. */
export interface UniqueCandidate {
  index: number;
  id: string | null;
  data: Record<string, unknown>;
}

/** A value as its unique index compares it: `data ->> field`, lower-cased for emails. */
export function uniqueKey(field: EntityField, value: unknown): string | null {
  if (value == null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return field.kind === EntityFieldKind.EMAIL ? text.toLowerCase() : text;
}

function keyExpression(field: EntityField): string {
  return field.kind === EntityFieldKind.EMAIL ? `lower("data" ->> ?)` : `("data" ->> ?)`;
}

/**
 * The unique fields of one type across a bulk call, checked before anything is flushed so a
 * conflict is reported on its row rather than aborting the transaction: against the rows of
 * the call seen so far (across chunks) and against live records in the database.
 */
export class UniqueGuard {
  private readonly unique: EntityField[];
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(
    private readonly em: EntityManager,
    private readonly tenantId: string,
    private readonly definition: EntityDefinition,
    /** Records the call itself rewrites: their stored values are being replaced, not kept. */
    private readonly rewritten: ReadonlySet<string> = new Set(),
  ) {
    this.unique = definition.fields.filter((field) => field.unique && !field.deprecated);
    for (const field of this.unique) this.seen.set(field.name, new Map());
  }

  /** Problems per row index; the rows without any are remembered as taking their values. */
  async check(rows: readonly UniqueCandidate[]): Promise<Map<number, { field: string; message: string }[]>> {
    const problems = new Map<number, { field: string; message: string }[]>();
    const add = (index: number, field: string, message: string) =>
      problems.set(index, [...(problems.get(index) ?? []), { field: `data.${field}`, message }]);
    const typeName = this.definition.type.name;
    const accepted: [Map<string, number>, Map<string, UniqueCandidate>][] = [];
    for (const field of this.unique) {
      const seen = this.seen.get(field.name)!;
      const pending = new Map<string, UniqueCandidate>();
      for (const row of rows) {
        const key = uniqueKey(field, row.data[field.name]);
        if (key === null) continue;
        const earlier = seen.get(key) ?? pending.get(key)?.index;
        if (earlier !== undefined) add(row.index, field.name, `row ${earlier} of this call has the same ${field.name}`);
        else pending.set(key, row);
      }
      for (const { id, value } of await holdersOf(this.em, this.tenantId, typeName, field, [...pending.keys()])) {
        const row = pending.get(value);
        if (!row || row.id === id || this.rewritten.has(id)) continue;
        add(row.index, field.name, `another ${typeName} record has this ${field.name}`);
        pending.delete(value);
      }
      accepted.push([seen, pending]);
    }
    // Only rows with no clash in any field take their values: a failed row writes nothing.
    for (const [seen, pending] of accepted) for (const [key, row] of pending) if (!problems.has(row.index)) seen.set(key, row.index);
    return problems;
  }
}

/** Live records of the type holding any of `keys` in `field`, as (id, compared value). Raw SQL: scoped to the tenant by hand. */
export async function holdersOf(
  em: EntityManager,
  tenantId: string,
  type: string,
  field: EntityField,
  keys: readonly string[],
): Promise<{ id: string; value: string }[]> {
  if (keys.length === 0) return [];
  const expression = keyExpression(field);
  return await em.execute<{ id: string; value: string }[]>(
    `select "id", ${expression} as "value" from ${recordTable(em)}
     where "tenant_id" = ? and "type" = ? and "deleted_at" is null and ${expression} in (${keys.map(() => '?').join(', ')})`,
    [field.name, tenantId, type, field.name, ...keys],
  );
}
