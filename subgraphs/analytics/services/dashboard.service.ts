import type { FilterQuery } from '@mikro-orm/core';
import { grants } from '../../../shared/auth/permissions.js';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../../shared/errors/errors.js';
import { Dashboard } from '../entities/dashboard.entity.js';
import { Widget } from '../entities/widget.entity.js';
import type { AddWidgetInput, CreateDashboardInput, UpdateDashboardInput, WidgetPositionInput } from '../inputs/dashboard.input.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';
import { metricValues, type MetricPoint } from './metric.service.js';

type Ctx = RequestContext<AnalyticsLoaders>;

/** A widget's metric as of `at`: its values over the window that ends then. */
export interface WidgetValue {
  widget: Widget;
  points: MetricPoint[];
  computedAt: Date;
}

export const DASHBOARD_ADMIN = 'analytics:dashboard:admin';

/**
 * Who sees which dashboards: dashboard admins, and callers that are not users (API keys and
 * service accounts act for the tenant), see all; a user sees their own and those shared with
 * their role. Applied in the query, so a dashboard one may not see is NOT_FOUND, as if absent.
 */
async function visible(ctx: Ctx): Promise<FilterQuery<Dashboard>> {
  const userId = ctx.caller.userId;
  if (!userId || grants(ctx.caller.scopes, DASHBOARD_ADMIN)) return {};
  const role = await ctx.loaders.callerRole();
  return role ? { $or: [{ ownerId: userId }, { sharedWithRoles: { $overlap: [role] } }] } : { ownerId: userId };
}

/** Changing a dashboard (or its widgets) is for its owner and dashboard admins; sharing gives read only. */
function assertCanEdit(ctx: Ctx, dashboard: Dashboard): void {
  const userId = ctx.caller.userId;
  if (!userId || grants(ctx.caller.scopes, DASHBOARD_ADMIN) || dashboard.ownerId === userId) return;
  throw new ForbiddenError(`only the owner of dashboard ${dashboard.id} or a dashboard admin may change it`);
}

export async function createDashboard(ctx: Ctx, input: CreateDashboardInput): Promise<Dashboard> {
  const tenantId = requireTenant(ctx);
  const dashboard = ctx.em.create(Dashboard, { tenantId, name: input.name.trim(), layout: input.layout ?? {}, ownerId: ctx.caller.userId });
  await ctx.em.flush();
  return dashboard;
}

export async function listDashboards(ctx: Ctx): Promise<Dashboard[]> {
  requireTenant(ctx);
  return ctx.em.find(Dashboard, await visible(ctx), { orderBy: { name: 'asc', id: 'asc' } });
}

export async function getDashboard(ctx: Ctx, id: string): Promise<Dashboard> {
  requireTenant(ctx);
  const dashboard = await ctx.em.findOne(Dashboard, { $and: [{ id }, await visible(ctx)] });
  if (!dashboard) throw new NotFoundError('Dashboard', id);
  return dashboard;
}

async function editableDashboard(ctx: Ctx, id: string): Promise<Dashboard> {
  const dashboard = await getDashboard(ctx, id);
  assertCanEdit(ctx, dashboard);
  return dashboard;
}

export async function updateDashboard(ctx: Ctx, id: string, input: UpdateDashboardInput): Promise<Dashboard> {
  const dashboard = await editableDashboard(ctx, id);
  if (input.name != null) dashboard.name = input.name.trim();
  if (input.layout != null) dashboard.layout = input.layout;
  await ctx.em.flush();
  return dashboard;
}

/** Sets the roles a dashboard is shared with (an empty list makes it private again). */
export async function shareDashboard(ctx: Ctx, id: string, roles: string[]): Promise<Dashboard> {
  const dashboard = await editableDashboard(ctx, id);
  const names = [...new Set(roles.map((role) => role.trim()))];
  const bad = names.filter((name) => !/^[\w.-]{1,64}$/.test(name));
  if (bad.length || names.length > 50) {
    throw new BadUserInputError(`not role names: ${bad.join(', ') || `${names.length} roles (at most 50)`}`, [{ field: 'roles', message: 'must be up to 50 role names' }]);
  }
  dashboard.sharedWithRoles = names.sort();
  await ctx.em.flush();
  return dashboard;
}

/** Deletes the dashboard with its widgets, in one transaction. */
export async function deleteDashboard(ctx: Ctx, id: string): Promise<boolean> {
  const dashboard = await editableDashboard(ctx, id);
  const widgets = await ctx.em.find(Widget, { dashboardId: id });
  ctx.em.remove([...widgets, dashboard]);
  await ctx.em.flush();
  return true;
}

export async function addWidget(ctx: Ctx, input: AddWidgetInput): Promise<Widget> {
  const dashboard = await editableDashboard(ctx, input.dashboardId);
  const widget = ctx.em.create(Widget, {
    tenantId: dashboard.tenantId,
    dashboardId: dashboard.id,
    title: input.title.trim(),
    kind: input.kind,
    // Stored as plain data: the definition the caller gave, already validated.
    metric: JSON.parse(JSON.stringify(input.metric)) as Widget['metric'],
    windowHours: input.windowHours,
    position: input.position ? { ...input.position } : null,
  });
  await ctx.em.flush();
  return widget;
}

/** A widget and its dashboard, when the caller may see that dashboard; NOT_FOUND otherwise. */
async function widgetWithDashboard(ctx: Ctx, id: string): Promise<{ widget: Widget; dashboard: Dashboard }> {
  requireTenant(ctx);
  const widget = await ctx.em.findOne(Widget, id);
  if (!widget) throw new NotFoundError('Widget', id);
  const dashboard = await ctx.em.findOne(Dashboard, { $and: [{ id: widget.dashboardId }, await visible(ctx)] });
  if (!dashboard) throw new NotFoundError('Widget', id);
  return { widget, dashboard };
}

/** A widget of a dashboard the caller may see; NOT_FOUND otherwise. */
export async function getWidget(ctx: Ctx, id: string): Promise<Widget> {
  return (await widgetWithDashboard(ctx, id)).widget;
}

/** A widget the caller may change: its dashboard's owner or a dashboard admin. */
async function editableWidget(ctx: Ctx, id: string): Promise<Widget> {
  const { widget, dashboard } = await widgetWithDashboard(ctx, id);
  assertCanEdit(ctx, dashboard);
  return widget;
}

export async function moveWidget(ctx: Ctx, id: string, position: WidgetPositionInput): Promise<Widget> {
  const widget = await editableWidget(ctx, id);
  widget.position = { ...position };
  await ctx.em.flush();
  return widget;
}

export async function removeWidget(ctx: Ctx, id: string): Promise<boolean> {
  ctx.em.remove(await editableWidget(ctx, id));
  await ctx.em.flush();
  return true;
}

export async function widgetValue(ctx: RequestContext, widget: Widget, at = new Date()): Promise<WidgetValue> {
  const from = new Date(at.getTime() - widget.windowHours * 3_600_000);
  // The window ends just after `at`, so a fact stamped this very millisecond counts.
  const points = await metricValues(ctx, widget.metric, { from, to: new Date(at.getTime() + 1) });
  return { widget, points, computedAt: at };
}
