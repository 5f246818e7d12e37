import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, type FieldProblem } from '../../../shared/errors/errors.js';
import { EntityFieldKind, type EntityField } from '../entities/entity-field.entity.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import type { EntityDefinition } from './entity-definition.js';
import { checkValue, isBlank } from './field-values.js';

/**
 * create: the data is the whole record; defaults fill what it leaves out.
 * replace: the data is the whole record, no defaults.
 * merge: the data holds only the keys written; the others keep their stored values unchecked
 * (they were checked when written).
 */
export type WriteMode = 'create' | 'replace' | 'merge';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks a record write against its type's definition and gives the data to store (values in
 * their stored form, defaults applied, nulls dropped). Every failing field is named in one
 * BAD_USER_INPUT, as `data.<field>`; nothing is written when one fails.
 */
export async function validateRecordData(
  em: EntityManager,
  { type, fields }: EntityDefinition,
  written: Record<string, unknown>,
  mode: WriteMode,
  current: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field: `data.${field}`, message });
  const data: Record<string, unknown> = mode === 'merge' ? { ...current } : {};
  const references: { field: EntityField; id: string }[] = [];

  for (const [key, value] of Object.entries(written)) {
    const field = byName.get(key);
    if (!field) {
      problem(key, `is not a field of ${type.name}`);
      continue;
    }
    // Carrying a stored value along unchanged (a client writing back what it read) is no new write.
    if (field.deprecated && (mode === 'create' || !same(current[key], value))) {
      problem(key, `is deprecated and takes no new values${field.deprecationReason ? `: ${field.deprecationReason}` : ''}`);
      continue;
    }
    if (value === null) {
      delete data[key];
      continue;
    }
    const checked = checkValue(field, value);
    if (!checked.ok) {
      problem(key, checked.message);
      continue;
    }
    data[key] = checked.value;
    if (field.kind === EntityFieldKind.RECORD_REFERENCE && !field.deprecated) references.push({ field, id: checked.value as string });
  }

  for (const field of fields) {
    if (field.deprecated || problems.some((p) => p.field === `data.${field.name}`)) continue;
    if (mode === 'create' && !(field.name in written) && field.defaultValue != null) data[field.name] = field.defaultValue;
    if (field.required && isBlank(data[field.name])) problem(field.name, 'is required');
  }

  await checkReferences(em, type.tenantId, references, problem);
  if (problems.length) {
    throw new BadUserInputError(
      `invalid ${type.name}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return data;
}

/** Every referenced record exists in the tenant and is of the field's type: one query per referenced type. */
async function checkReferences(
  em: EntityManager,
  tenantId: string,
  references: { field: EntityField; id: string }[],
  problem: (field: string, message: string) => void,
): Promise<void> {
  for (const type of new Set(references.map((ref) => ref.field.referenceType!))) {
    const refs = references.filter((ref) => ref.field.referenceType === type);
    // Ids only, as plain rows: records are up to 1 MB each and need not become managed entities.
    const found: { id: string }[] = await em
      .createQueryBuilder(EntityRecord)
      .select('id')
      .where({ tenantId, type, id: { $in: [...new Set(refs.map((r) => r.id))] } })
      .execute('all', false);
    const ids = new Set(found.map((row) => row.id));
    for (const ref of refs) if (!ids.has(ref.id)) problem(ref.field.name, `is not the id of a ${type} record`);
  }
}
