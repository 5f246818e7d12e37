import type DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { AnalyticsEvent } from '../entities/analytics-event.entity.js';

export interface AnalyticsLoaders {
  eventById: DataLoader<string, AnalyticsEvent | null>;
}

export function createAnalyticsLoaders(ctx: Omit<RequestContext, 'loaders'>): AnalyticsLoaders {
  return { eventById: byIdLoader(ctx.em, AnalyticsEvent) };
}
