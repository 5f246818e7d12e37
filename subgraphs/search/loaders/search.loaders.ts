import type DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { SearchEntry } from '../entities/search-entry.entity.js';

export interface SearchLoaders {
  searchEntryById: DataLoader<string, SearchEntry | null>;
}

export function createSearchLoaders(ctx: Omit<RequestContext, 'loaders'>): SearchLoaders {
  return { searchEntryById: byIdLoader(ctx.em, SearchEntry) };
}
