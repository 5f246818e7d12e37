import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, NotFoundError } from '../../../shared/errors/errors.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { RecordLink } from '../entities/record-link.entity.js';
import { Cardinality, RelationType } from '../entities/relation-type.entity.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';

type Ctx = RequestContext<EntityLoaders>;

/**
 * Merges `mergeId` into `keepId`, in one transaction: the kept record keeps its values and takes
 * the merged one's for fields it lacks; every link of the merged record moves to the kept one
 * (dropping those that would duplicate a link it has, point at itself, or break a relation's
 * cardinality); the merged record goes to the bin with `mergedInto` set, so its history and
 * audit trail stay readable and a restore remains possible.
 */
export async function mergeRecords(ctx: Ctx, keepId: string, mergeId: string): Promise<EntityRecord> {
  requireTenant(ctx);
  if (keepId === mergeId) throw new BadUserInputError('cannot merge a record into itself', [{ field: 'merge', message: 'is the record to keep' }]);
  return ctx.em.transactional(async (em) => {
    const [keep, merge] = await Promise.all([em.findOne(EntityRecord, keepId), em.findOne(EntityRecord, mergeId)]);
    if (!keep) throw new NotFoundError('EntityRecord', keepId);
    if (!merge) throw new NotFoundError('EntityRecord', mergeId);
    if (keep.type !== merge.type) {
      throw new BadUserInputError(`cannot merge a ${merge.type} into a ${keep.type}`, [{ field: 'merge', message: `is a ${merge.type}, not a ${keep.type}` }]);
    }
    // The merged record leaves first: its unique values are free for the kept one to take.
    merge.deletedAt = new Date();
    merge.mergedInto = keep.id;
    await em.flush();
    const missing = Object.fromEntries(Object.entries(merge.data).filter(([key]) => keep.data[key] === undefined || keep.data[key] === null));
    if (Object.keys(missing).length) keep.data = { ...keep.data, ...missing };

    const links = await em.find(RecordLink, { $or: [{ fromId: { $in: [keep.id, merge.id] } }, { toId: { $in: [keep.id, merge.id] } }] }, { orderBy: { id: 'asc' } });
    const relations = new Map((await em.find(RelationType, { id: { $in: [...new Set(links.map((l) => l.relationTypeId))] } })).map((r) => [r.id, r]));
    const kept = links.filter((l) => l.fromId !== merge.id && l.toId !== merge.id);
    const taken = (l: { relationTypeId: string; fromId: string; toId: string }) => {
      const cardinality = relations.get(l.relationTypeId)?.cardinality;
      return kept.some(
        (k) =>
          k.relationTypeId === l.relationTypeId &&
          ((k.fromId === l.fromId && k.toId === l.toId) ||
            (cardinality !== Cardinality.MANY_TO_MANY && k.toId === l.toId) ||
            (cardinality === Cardinality.ONE_TO_ONE && k.fromId === l.fromId)),
      );
    };
    for (const link of links.filter((l) => l.fromId === merge.id || l.toId === merge.id)) {
      const moved = { relationTypeId: link.relationTypeId, fromId: link.fromId === merge.id ? keep.id : link.fromId, toId: link.toId === merge.id ? keep.id : link.toId };
      if (moved.fromId === moved.toId || taken(moved)) {
        em.remove(link);
        continue;
      }
      link.fromId = moved.fromId;
      link.toId = moved.toId;
      kept.push(link);
    }
    await em.flush();
    return keep;
  });
}
