import type DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { Document } from '../entities/document.entity.js';

export interface DocumentLoaders {
  documentById: DataLoader<string, Document | null>;
}

export function createDocumentLoaders(ctx: Omit<RequestContext, 'loaders'>): DocumentLoaders {
  return { documentById: byIdLoader(ctx.em, Document) };
}
