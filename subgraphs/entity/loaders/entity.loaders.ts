import DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { EntityField } from '../entities/entity-field.entity.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { RecordLink } from '../entities/record-link.entity.js';
import { RelationType } from '../entities/relation-type.entity.js';
import { LinkDirection } from '../inputs/record-link.input.js';

export interface EntityLoaders {
  recordById: DataLoader<string, EntityRecord | null>;
  /** The fields of entity types by type id, in order: one query for every type of a list. */
  fieldsByType: DataLoader<string, EntityField[]>;
  /** Records linked to a record by one relation in one direction, keyed by relatedKey(): three queries for a whole list. */
  related: DataLoader<string, EntityRecord[]>;
}

/** The `related` loader's key: a record, a relation type name and a direction. */
export const relatedKey = (recordId: string, relation: string, direction: LinkDirection) => `${recordId}|${relation}|${direction}`;

export function createEntityLoaders(ctx: Omit<RequestContext, 'loaders'>): EntityLoaders {
  return {
    recordById: byIdLoader(ctx.em, EntityRecord),
    fieldsByType: new DataLoader(async (typeIds) => {
      const fields = await ctx.em.find(EntityField, { entityType: { $in: [...typeIds] } }, { orderBy: { position: 'asc' } });
      return typeIds.map((id) => fields.filter((field) => field.entityType.id === id));
    }),
    related: new DataLoader(async (keys) => {
      const wanted = keys.map((key) => {
        const [recordId, relation, direction] = key.split('|') as [string, string, LinkDirection];
        return { recordId, relation, direction };
      });
      const relations = await ctx.em.find(RelationType, { name: { $in: [...new Set(wanted.map((w) => w.relation))] } });
      const recordIds = [...new Set(wanted.map((w) => w.recordId))];
      const links = relations.length
        ? await ctx.em.find(
            RecordLink,
            { relationTypeId: { $in: relations.map((r) => r.id) }, $or: [{ fromId: { $in: recordIds } }, { toId: { $in: recordIds } }] },
            { orderBy: { id: 'asc' } },
          )
        : [];
      // Records in the bin are left out by the default filter: a link to one shows nothing.
      const others = await ctx.em.find(EntityRecord, { id: { $in: [...new Set(links.flatMap((l) => [l.fromId, l.toId]))] } });
      const recordById = new Map(others.map((record) => [record.id, record]));
      const relationId = new Map(relations.map((r) => [r.name, r.id]));
      return wanted.map(({ recordId, relation, direction }) =>
        links
          .filter((l) => l.relationTypeId === relationId.get(relation) && (direction === LinkDirection.OUT ? l.fromId : l.toId) === recordId)
          .map((l) => recordById.get(direction === LinkDirection.OUT ? l.toId : l.fromId))
          .filter((record): record is EntityRecord => record !== undefined),
      );
    }),
  };
}
