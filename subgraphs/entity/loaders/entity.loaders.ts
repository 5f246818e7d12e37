import type DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { EntityRecord } from '../entities/entity-record.entity.js';

export interface EntityLoaders {
  recordById: DataLoader<string, EntityRecord | null>;
}

export function createEntityLoaders(ctx: Omit<RequestContext, 'loaders'>): EntityLoaders {
  return { recordById: byIdLoader(ctx.em, EntityRecord) };
}
