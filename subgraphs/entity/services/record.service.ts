import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, NotFoundError } from '../../../shared/errors/errors.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { MAX_RECORD_DATA_BYTES, recordDataBytes, type CreateRecordInput } from '../inputs/create-record.input.js';
import type { UpdateRecordInput } from '../inputs/update-record.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import { findDefinition, lockTypeName, type EntityDefinition } from './entity-definition.js';
import { fieldConflict } from './field-conflict.js';
import { violatedField } from './record-data.js';
import { validateRecordData } from './record-validation.js';

type Ctx = RequestContext<EntityLoaders>;

/*
 * A record whose `type` names an entity type of the tenant is checked against its definition on
 * every write; other records are schemaless. Each write holds its type name's lock shared (see
 * lockTypeName), so it is checked against the definition that is current when it commits.
 */

export async function createRecord(ctx: Ctx, input: CreateRecordInput): Promise<EntityRecord> {
  const tenantId = requireTenant(ctx);
  return await ctx.em.transactional(async (em) => {
    await lockTypeName(em, tenantId, input.type, 'shared');
    const definition = await findDefinition(em, input.type);
    const record = em.create(EntityRecord, {
      tenantId,
      type: input.type,
      data: definition ? await validateRecordData(em, definition, input.data, 'create') : input.data,
      // Omitted means the caller; an explicit null means nobody (records may be unowned).
      ownerId: input.ownerId === undefined ? ctx.caller.userId : input.ownerId,
    });
    await flushRecord(em, definition);
    return record;
  });
}

/** Flushes a record write; a unique field's index violated is a CONFLICT naming the field. */
export async function flushRecord(em: EntityManager, definition: EntityDefinition | null): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    const field = definition && violatedField(error, definition.fields);
    if (field) throw fieldConflict(`data.${field.name}`, `another ${definition.type.name} record has this ${field.name}`);
    throw error;
  }
}

export async function getRecord(ctx: Ctx, id: string): Promise<EntityRecord> {
  const record = await ctx.loaders.recordById.load(id);
  if (!record) throw new NotFoundError('EntityRecord', id);
  return record;
}

export async function updateRecord(ctx: Ctx, id: string, input: UpdateRecordInput): Promise<EntityRecord> {
  const tenantId = requireTenant(ctx);
  const { type } = await getRecord(ctx, id);
  return await ctx.em.transactional(async (em) => {
    await lockTypeName(em, tenantId, type, 'shared');
    // Read again under the lock: a field renamed or removed meanwhile has moved its values.
    const record = await em.findOne(EntityRecord, id, { refresh: true });
    if (!record) throw new NotFoundError('EntityRecord', id);
    const definition = await findDefinition(em, type);
    const data = definition
      ? await validateRecordData(em, definition, input.data, input.merge ? 'merge' : 'replace', record.data)
      : input.merge ? { ...record.data, ...input.data } : input.data;
    // The input alone was checked; a merge can still outgrow the limit.
    if (recordDataBytes(data) > MAX_RECORD_DATA_BYTES) {
      throw new BadUserInputError('the merged data is larger than 1 MB of JSON', [
        { field: 'data', message: 'merged with the existing data, must be at most 1 MB of JSON' },
      ]);
    }
    record.data = data;
    await flushRecord(em, definition);
    return record;
  });
}

/** Moves a record to the bin: invisible to every read, restorable until it is purged. */
export async function deleteRecord(ctx: Ctx, id: string): Promise<boolean> {
  requireTenant(ctx);
  const record = await getRecord(ctx, id);
  record.deletedAt = new Date();
  await ctx.em.flush();
  return true;
}
