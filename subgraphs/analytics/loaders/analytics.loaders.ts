import DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { AnalyticsEvent } from '../entities/analytics-event.entity.js';
import { Widget } from '../entities/widget.entity.js';

export interface AnalyticsLoaders {
  eventById: DataLoader<string, AnalyticsEvent | null>;
  /** The widgets of each dashboard, oldest first: one query for a whole list of dashboards. */
  widgetsByDashboard: DataLoader<string, Widget[]>;
}

export function createAnalyticsLoaders(ctx: Omit<RequestContext, 'loaders'>): AnalyticsLoaders {
  return {
    eventById: byIdLoader(ctx.em, AnalyticsEvent),
    widgetsByDashboard: new DataLoader(async (dashboardIds: readonly string[]) => {
      const widgets = await ctx.em.find(Widget, { dashboardId: { $in: [...dashboardIds] } }, { orderBy: { id: 'asc' } });
      return dashboardIds.map((id) => widgets.filter((widget) => widget.dashboardId === id));
    }),
  };
}
