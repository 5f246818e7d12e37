import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { EntityField } from '../entities/entity-field.entity.js';
import { EntityType } from '../entities/entity-type.entity.js';
import { MAX_FIELDS_PER_TYPE, type CreateEntityTypeInput } from '../inputs/create-entity-type.input.js';
import type { EntityFieldInput } from '../inputs/entity-field.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import { findDefinition, lockTypeName, type EntityDefinition } from './entity-definition.js';
import { fieldConflict } from './field-conflict.js';
import { checkValue } from './field-values.js';
import { countWithout, createUniqueIndex, dropUniqueIndex, fillMissing, removeKey, renameKey, setValue, valuesOf, violatedField } from './record-data.js';

type Ctx = RequestContext<EntityLoaders>;

/*
 * Changing a definition is a migration of the type's records, in one transaction under the
 * type's exclusive lock (see lockTypeName): the field rows, the UPDATE that moves values in the
 * records' JSONB, and the unique index all commit together or not at all. The audit trail gets
 * the EntityType and EntityField rows; the records' bulk UPDATEs bypass the unit of work, so
 * they have no per-record audit entries or events (the field's entry says what happened).
 */

export function listEntityTypes(ctx: Ctx, page: PageArgs): Promise<Page<EntityType>> {
  requireTenant(ctx);
  return findPage(ctx.em, EntityType, {}, page);
}

export async function getEntityType(ctx: Ctx, name: string): Promise<EntityType> {
  requireTenant(ctx);
  const type = await ctx.em.findOne(EntityType, { name });
  if (!type) throw new NotFoundError('EntityType', name);
  return type;
}

export async function createEntityType(ctx: Ctx, input: CreateEntityTypeInput): Promise<EntityType> {
  const tenantId = requireTenant(ctx);
  return await ctx.em.transactional(async (em) => {
    await lockTypeName(em, tenantId, input.name, 'exclusive');
    if (await em.count(EntityType, { name: input.name })) throw new ConflictError(`an entity type named ${input.name} exists`);
    const type = em.create(EntityType, {
      tenantId,
      name: input.name,
      plural: input.plural ?? `${input.name}s`,
      description: input.description ?? '',
    });
    // Records of this name may exist already (written schemaless): the fields are added to them
    // as to any type's records. Their other values are not re-checked.
    const definition: EntityDefinition = { type, fields: [] };
    for (const [index, field] of (input.fields ?? []).entries()) await defineField(em, definition, field, `fields.${index}.`);
    return type;
  });
}

export async function addEntityField(ctx: Ctx, typeName: string, input: EntityFieldInput): Promise<EntityType> {
  return await changeDefinition(ctx, typeName, async (em, definition) => {
    if (definition.fields.length >= MAX_FIELDS_PER_TYPE) {
      throw new BadUserInputError(`${typeName} has ${MAX_FIELDS_PER_TYPE} fields, the most a type can have`, [
        { field: 'name', message: `${typeName} has the most fields a type can have` },
      ]);
    }
    await defineField(em, definition, input, '');
  });
}

export async function renameEntityField(ctx: Ctx, typeName: string, name: string, newName: string): Promise<EntityType> {
  const tenantId = requireTenant(ctx);
  return await changeDefinition(ctx, typeName, async (em, { fields }) => {
    const field = fieldNamed(fields, typeName, name);
    if (newName === name) return;
    if (fields.some((f) => f.name === newName)) throw fieldConflict('newName', `${typeName} already has a field ${newName}`);
    await renameKey(em, tenantId, typeName, name, newName);
    field.name = newName;
    if (field.unique) {
      // The index expression names the key: rebuild it under the same (id-derived) name.
      await dropUniqueIndex(em, field);
      await createUniqueIndex(em, tenantId, typeName, field);
    }
  });
}

export async function deprecateEntityField(ctx: Ctx, typeName: string, name: string, reason: string | null | undefined): Promise<EntityType> {
  return await changeDefinition(ctx, typeName, async (_em, { fields }) => {
    const field = fieldNamed(fields, typeName, name);
    field.deprecated = true;
    field.deprecationReason = reason ?? null;
  });
}

export async function removeEntityField(ctx: Ctx, typeName: string, name: string): Promise<EntityType> {
  const tenantId = requireTenant(ctx);
  return await changeDefinition(ctx, typeName, async (em, { fields }) => {
    const field = fieldNamed(fields, typeName, name);
    if (field.unique) await dropUniqueIndex(em, field);
    await removeKey(em, tenantId, typeName, name);
    em.remove(field);
  });
}

/** Runs `change` on the locked definition of `typeName` in a transaction; the type's fields are reloaded after. */
async function changeDefinition(
  ctx: Ctx,
  typeName: string,
  change: (em: EntityManager, definition: EntityDefinition) => Promise<void>,
): Promise<EntityType> {
  const tenantId = requireTenant(ctx);
  const type = await ctx.em.transactional(async (em) => {
    await lockTypeName(em, tenantId, typeName, 'exclusive');
    const definition = await findDefinition(em, typeName);
    if (!definition) throw new NotFoundError('EntityType', typeName);
    await change(em, definition);
    definition.type.updatedAt = new Date();
    return definition.type;
  });
  ctx.loaders.fieldsByType.clear(type.id);
  return type;
}

/** The default in its stored form (a datetime in UTC, a phone in E.164); the input rules checked it. */
function storedDefault(input: EntityFieldInput): unknown {
  if (input.defaultValue == null) return null;
  const checked = checkValue(input, input.defaultValue);
  return checked.ok ? checked.value : input.defaultValue;
}

const ADOPT_BATCH = 1000;

/**
 * Records written before the field existed (schemaless, or with the field removed since) may
 * hold a value under its name. Values that fit the field are kept, in their stored form (a
 * datetime moved to UTC, a phone to E.164); any that do not fit refuse the field, naming how
 * many and one example, rather than leaving records that break their own type. In batches,
 * so a type with many records is never read whole.
 */
async function adoptExistingValues(em: EntityManager, definition: EntityDefinition, input: EntityFieldInput, path: string): Promise<void> {
  const { tenantId, name: type } = definition.type;
  const misfits: { id: string; message: string }[] = [];
  let misfitCount = 0;
  for (let after: string | null = null; ; ) {
    const batch = await valuesOf(em, tenantId, type, input.name, after, ADOPT_BATCH);
    for (const { id, value } of batch) {
      const checked = checkValue(input, value);
      if (!checked.ok) {
        misfitCount += 1;
        if (misfits.length < 1) misfits.push({ id, message: checked.message });
      } else if (JSON.stringify(checked.value) !== JSON.stringify(value)) {
        await setValue(em, tenantId, id, input.name, checked.value);
      }
    }
    if (batch.length < ADOPT_BATCH) break;
    after = batch.at(-1)!.id;
  }
  if (misfitCount) {
    const [example] = misfits;
    throw fieldConflict(
      `${path}kind`,
      `${misfitCount} ${type} record${misfitCount === 1 ? ' holds' : 's hold'} a ${input.name} that does not fit the field (record ${example!.id}: ${example!.message})`,
    );
  }
}

function fieldNamed(fields: EntityField[], typeName: string, name: string): EntityField {
  const field = fields.find((f) => f.name === name);
  if (!field) throw new NotFoundError('EntityField', `${typeName}.${name}`);
  return field;
}

/**
 * Adds one field to a definition and migrates the type's records for it: a required field
 * needs its value in every existing record (its default is written into them, or, without a
 * default, the field is refused while records lack it); a unique field gets its index, refused
 * when existing records share a value. `path` prefixes the names in errors (`fields.2.`).
 */
async function defineField(em: EntityManager, definition: EntityDefinition, input: EntityFieldInput, path: string): Promise<EntityField> {
  const { type, fields } = definition;
  if (fields.some((f) => f.name === input.name)) throw fieldConflict(`${path}name`, `${type.name} already has a field ${input.name}`);
  if (input.referenceType && input.referenceType !== type.name && !(await em.count(EntityType, { name: input.referenceType }))) {
    throw new BadUserInputError(`no entity type named ${input.referenceType}`, [
      { field: `${path}referenceType`, message: `no entity type named ${input.referenceType}` },
    ]);
  }
  await adoptExistingValues(em, definition, input, path);
  if (input.required) {
    const missing = await countWithout(em, type.tenantId, type.name, input.name);
    if (missing && input.defaultValue == null) {
      throw fieldConflict(
        `${path}required`,
        `${missing} ${type.name} record${missing === 1 ? '' : 's'} hold no ${input.name}: give the required field a default, or add it optional`,
      );
    }
    if (missing) await fillMissing(em, type.tenantId, type.name, input.name, storedDefault(input));
  }
  const field = em.create(EntityField, {
    tenantId: type.tenantId,
    entityType: type,
    name: input.name,
    kind: input.kind,
    position: Math.max(-1, ...fields.map((f) => f.position)) + 1,
    description: input.description ?? '',
    required: input.required ?? false,
    unique: input.unique ?? false,
    defaultValue: storedDefault(input),
    min: input.min ?? null,
    max: input.max ?? null,
    pattern: input.pattern ?? null,
    options: input.options ?? null,
    referenceType: input.referenceType ?? null,
  });
  fields.push(field);
  if (field.unique) {
    try {
      await createUniqueIndex(em, type.tenantId, type.name, field);
    } catch (error) {
      if (violatedField(error, [field])) {
        throw fieldConflict(`${path}unique`, `existing ${type.name} records share values of ${input.name}, so it cannot be unique`);
      }
      throw error;
    }
  }
  return field;
}
