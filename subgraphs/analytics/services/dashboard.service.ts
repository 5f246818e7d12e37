import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { NotFoundError } from '../../../shared/errors/errors.js';
import { Dashboard } from '../entities/dashboard.entity.js';
import { Widget } from '../entities/widget.entity.js';
import type { AddWidgetInput, CreateDashboardInput } from '../inputs/dashboard.input.js';
import { metricValues, type MetricPoint } from './metric.service.js';

/** A widget's metric as of `at`: its values over the window that ends then. */
export interface WidgetValue {
  widget: Widget;
  points: MetricPoint[];
  computedAt: Date;
}

export async function createDashboard(ctx: RequestContext, input: CreateDashboardInput): Promise<Dashboard> {
  const tenantId = requireTenant(ctx);
  const dashboard = ctx.em.create(Dashboard, { tenantId, name: input.name.trim(), layout: input.layout ?? {}, ownerId: ctx.caller.userId });
  await ctx.em.flush();
  return dashboard;
}

export function listDashboards(ctx: RequestContext): Promise<Dashboard[]> {
  requireTenant(ctx);
  return ctx.em.find(Dashboard, {}, { orderBy: { name: 'asc', id: 'asc' } });
}

export async function getDashboard(ctx: RequestContext, id: string): Promise<Dashboard> {
  requireTenant(ctx);
  const dashboard = await ctx.em.findOne(Dashboard, id);
  if (!dashboard) throw new NotFoundError('Dashboard', id);
  return dashboard;
}

/** Deletes the dashboard with its widgets, in one transaction. */
export async function deleteDashboard(ctx: RequestContext, id: string): Promise<boolean> {
  const dashboard = await getDashboard(ctx, id);
  const widgets = await ctx.em.find(Widget, { dashboardId: id });
  ctx.em.remove([...widgets, dashboard]);
  await ctx.em.flush();
  return true;
}

export async function addWidget(ctx: RequestContext, input: AddWidgetInput): Promise<Widget> {
  const dashboard = await getDashboard(ctx, input.dashboardId);
  const widget = ctx.em.create(Widget, {
    tenantId: dashboard.tenantId,
    dashboardId: dashboard.id,
    title: input.title.trim(),
    kind: input.kind,
    // Stored as plain data: the definition the caller gave, already validated.
    metric: JSON.parse(JSON.stringify(input.metric)) as Widget['metric'],
    windowHours: input.windowHours,
  });
  await ctx.em.flush();
  return widget;
}

export async function getWidget(ctx: RequestContext, id: string): Promise<Widget> {
  requireTenant(ctx);
  const widget = await ctx.em.findOne(Widget, id);
  if (!widget) throw new NotFoundError('Widget', id);
  return widget;
}

export async function removeWidget(ctx: RequestContext, id: string): Promise<boolean> {
  ctx.em.remove(await getWidget(ctx, id));
  await ctx.em.flush();
  return true;
}

export async function widgetValue(ctx: RequestContext, widget: Widget, at = new Date()): Promise<WidgetValue> {
  const from = new Date(at.getTime() - widget.windowHours * 3_600_000);
  // The window ends just after `at`, so a fact stamped this very millisecond counts.
  const points = await metricValues(ctx, widget.metric, { from, to: new Date(at.getTime() + 1) });
  return { widget, points, computedAt: at };
}
