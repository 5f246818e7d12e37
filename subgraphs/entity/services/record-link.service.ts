import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { RecordLink } from '../entities/record-link.entity.js';
import { Cardinality, RelationType } from '../entities/relation-type.entity.js';
import type { CreateRelationTypeInput, LinkRecordsInput } from '../inputs/record-link.input.js';

export async function createRelationType(ctx: RequestContext, input: CreateRelationTypeInput): Promise<RelationType> {
  const tenantId = requireTenant(ctx);
  if (await ctx.em.count(RelationType, { name: input.name })) throw new ConflictError(`a relation type named "${input.name}" already exists`);
  const relation = ctx.em.create(RelationType, { tenantId, ...input });
  await ctx.em.flush();
  return relation;
}

export function listRelationTypes(ctx: RequestContext): Promise<RelationType[]> {
  requireTenant(ctx);
  return ctx.em.find(RelationType, {}, { orderBy: { name: 'asc' } });
}

export async function relationByName(ctx: RequestContext, name: string): Promise<RelationType> {
  requireTenant(ctx);
  const relation = await ctx.em.findOne(RelationType, { name });
  if (!relation) throw new NotFoundError('RelationType', name);
  return relation;
}

/** Deletes a relation type no link uses; CONFLICT while links of it exist (unlink them first). */
export async function deleteRelationType(ctx: RequestContext, name: string): Promise<boolean> {
  const relation = await relationByName(ctx, name);
  const links = await ctx.em.count(RecordLink, { relationTypeId: relation.id });
  if (links) throw new ConflictError(`relation type "${name}" still has ${links} link(s)`);
  ctx.em.remove(relation);
  await ctx.em.flush();
  return true;
}

/**
 * Links two live records of the tenant as the relation type allows. The relation type row is
 * locked for the check and the insert, so two concurrent links cannot both pass a cardinality
 * check that only one may.
 */
export async function linkRecords(ctx: RequestContext, input: LinkRecordsInput): Promise<RecordLink> {
  const tenantId = requireTenant(ctx);
  return ctx.em.transactional(async (em) => {
    const relation = await em.findOne(RelationType, { name: input.relation }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!relation) throw new NotFoundError('RelationType', input.relation);
    const [from, to] = await Promise.all([em.findOne(EntityRecord, input.from), em.findOne(EntityRecord, input.to)]);
    if (!from) throw new NotFoundError('EntityRecord', input.from);
    if (!to) throw new NotFoundError('EntityRecord', input.to);
    const wrongTypes = [
      ...(from.type === relation.fromType ? [] : [{ field: 'from', message: `is a ${from.type}; "${relation.name}" links from ${relation.fromType}` }]),
      ...(to.type === relation.toType ? [] : [{ field: 'to', message: `is a ${to.type}; "${relation.name}" links to ${relation.toType}` }]),
    ];
    if (wrongTypes.length) throw new BadUserInputError(`invalid input: ${wrongTypes.map((p) => `${p.field}: ${p.message}`).join('; ')}`, wrongTypes);
    const existing = await em.findOne(RecordLink, { relationTypeId: relation.id, fromId: from.id, toId: to.id });
    if (existing) throw new ConflictError(`these records are already linked by "${relation.name}" (link ${existing.id})`);
    if (relation.cardinality !== Cardinality.MANY_TO_MANY) {
      const taken = await em.findOne(RecordLink, { relationTypeId: relation.id, toId: to.id });
      if (taken) throw new ConflictError(`${relation.cardinality}: record ${to.id} already has a "${relation.name}" link from ${taken.fromId} (link ${taken.id})`);
    }
    if (relation.cardinality === Cardinality.ONE_TO_ONE) {
      const taken = await em.findOne(RecordLink, { relationTypeId: relation.id, fromId: from.id });
      if (taken) throw new ConflictError(`ONE_TO_ONE: record ${from.id} already has a "${relation.name}" link to ${taken.toId} (link ${taken.id})`);
    }
    return em.create(RecordLink, { tenantId, relationTypeId: relation.id, fromId: from.id, toId: to.id, properties: input.properties ?? {} });
  });
}

export async function updateLink(ctx: RequestContext, id: string, properties: Record<string, unknown>): Promise<RecordLink> {
  requireTenant(ctx);
  const link = await ctx.em.findOne(RecordLink, id);
  if (!link) throw new NotFoundError('RecordLink', id);
  link.properties = properties;
  await ctx.em.flush();
  return link;
}

export async function unlink(ctx: RequestContext, id: string): Promise<boolean> {
  requireTenant(ctx);
  const link = await ctx.em.findOne(RecordLink, id);
  if (!link) throw new NotFoundError('RecordLink', id);
  ctx.em.remove(link);
  await ctx.em.flush();
  return true;
}
