import DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { EntityField } from '../entities/entity-field.entity.js';
import { EntityRecord } from '../entities/entity-record.entity.js';

export interface EntityLoaders {
  recordById: DataLoader<string, EntityRecord | null>;
  /** The fields of entity types by type id, in order: one query for every type of a list. */
  fieldsByType: DataLoader<string, EntityField[]>;
}

export function createEntityLoaders(ctx: Omit<RequestContext, 'loaders'>): EntityLoaders {
  return {
    recordById: byIdLoader(ctx.em, EntityRecord),
    fieldsByType: new DataLoader(async (typeIds) => {
      const fields = await ctx.em.find(EntityField, { entityType: { $in: [...typeIds] } }, { orderBy: { position: 'asc' } });
      return typeIds.map((id) => fields.filter((field) => field.entityType.id === id));
    }),
  };
}
