import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, NotFoundError } from '../../../shared/errors/errors.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { MAX_RECORD_DATA_BYTES, recordDataBytes, type CreateRecordInput } from '../inputs/create-record.input.js';
import type { UpdateRecordInput } from '../inputs/update-record.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';

type Ctx = RequestContext<EntityLoaders>;

export async function createRecord(ctx: Ctx, input: CreateRecordInput): Promise<EntityRecord> {
  const tenantId = requireTenant(ctx);
  const record = ctx.em.create(EntityRecord, {
    tenantId,
    type: input.type,
    data: input.data,
    // Omitted means the caller; an explicit null means nobody (records may be unowned).
    ownerId: input.ownerId === undefined ? ctx.caller.userId : input.ownerId,
  });
  await ctx.em.flush();
  return record;
}

export async function getRecord(ctx: Ctx, id: string): Promise<EntityRecord> {
  const record = await ctx.loaders.recordById.load(id);
  if (!record) throw new NotFoundError('EntityRecord', id);
  return record;
}

export async function updateRecord(ctx: Ctx, id: string, input: UpdateRecordInput): Promise<EntityRecord> {
  requireTenant(ctx);
  const record = await getRecord(ctx, id);
  const data = input.merge ? { ...record.data, ...input.data } : input.data;
  // The input alone was checked; a merge can still outgrow the limit.
  if (recordDataBytes(data) > MAX_RECORD_DATA_BYTES) {
    throw new BadUserInputError('the merged data is larger than 1 MB of JSON', [
      { field: 'data', message: 'merged with the existing data, must be at most 1 MB of JSON' },
    ]);
  }
  record.data = data;
  await ctx.em.flush();
  return record;
}

export async function deleteRecord(ctx: Ctx, id: string): Promise<boolean> {
  requireTenant(ctx);
  ctx.em.remove(await getRecord(ctx, id));
  await ctx.em.flush();
  return true;
}

export function listRecords(ctx: Ctx, type: string | null | undefined, page: PageArgs): Promise<Page<EntityRecord>> {
  requireTenant(ctx);
  const where: FilterQuery<EntityRecord> = type ? { type } : {};
  return findPage(ctx.em, EntityRecord, where, page);
}
