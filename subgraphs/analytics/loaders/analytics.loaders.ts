import type DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { byParentLoader } from '../../../shared/loaders/by-parent-loader.js';
import { callerRoleLoader } from '../services/caller-role.js';
import { AnalyticsEvent } from '../entities/analytics-event.entity.js';
import { ReportRun } from '../entities/report-run.entity.js';
import { Widget } from '../entities/widget.entity.js';

export interface AnalyticsLoaders {
  eventById: DataLoader<string, AnalyticsEvent | null>;
  /** The widgets of each dashboard, oldest first: one query for a whole list of dashboards. */
  widgetsByDashboard: DataLoader<string, Widget[]>;
  /** The runs of each report, newest period first: one query for a whole list of reports. */
  runsByReport: DataLoader<string, ReportRun[]>;
  /** The caller's role in the tenant (for dashboards shared to roles), asked once a request. */
  callerRole: () => Promise<string | null>;
}

export function createAnalyticsLoaders(ctx: Omit<RequestContext, 'loaders'>): AnalyticsLoaders {
  return {
    eventById: byIdLoader(ctx.em, AnalyticsEvent),
    widgetsByDashboard: byParentLoader(ctx.em, Widget, 'dashboardId', { id: 'asc' }),
    runsByReport: byParentLoader(ctx.em, ReportRun, 'reportId', { periodFrom: 'desc', createdAt: 'desc' }),
    callerRole: callerRoleLoader(ctx),
  };
}
