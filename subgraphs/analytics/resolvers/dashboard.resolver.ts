import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, FieldResolver, GraphQLISODateTime, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { Dashboard } from '../entities/dashboard.entity.js';
import { Widget } from '../entities/widget.entity.js';
import { AddWidgetInput, CreateDashboardInput, UpdateDashboardInput, WidgetPositionInput } from '../inputs/dashboard.input.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';
import * as dashboards from '../services/dashboard.service.js';
import { MetricPoint } from './metric.resolver.js';

type Ctx = RequestContext<AnalyticsLoaders>;

@ObjectType({ description: "A widget's metric over its window, as of computedAt" })
export class WidgetValue {
  @Field(() => ID)
  widgetId!: string;

  @Field(() => [MetricPoint])
  points!: MetricPoint[];

  @Field(() => GraphQLISODateTime)
  computedAt!: Date;
}

export const toWidgetValue = (value: dashboards.WidgetValue): WidgetValue => ({ widgetId: value.widget.id, points: value.points, computedAt: value.computedAt });

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Authorized('analytics:dashboard:read')
  @Query(() => [Dashboard], { description: "The caller tenant's dashboards the caller may see (their own, those shared with their role; all for dashboard admins), by name" })
  dashboards(@Ctx() ctx: Ctx): Promise<Dashboard[]> {
    return dashboards.listDashboards(ctx);
  }

  @Authorized('analytics:dashboard:read')
  @Query(() => Dashboard)
  dashboard(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Dashboard> {
    return dashboards.getDashboard(ctx, id);
  }

  @Authorized('analytics:dashboard:write')
  @Mutation(() => Dashboard)
  createDashboard(@Ctx() ctx: Ctx, @Arg('input', () => CreateDashboardInput) input: CreateDashboardInput): Promise<Dashboard> {
    return dashboards.createDashboard(ctx, input);
  }

  @Authorized('analytics:dashboard:write')
  @Mutation(() => Dashboard, { description: 'Renames a dashboard or stores its layout (owner or dashboard admin)' })
  updateDashboard(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateDashboardInput) input: UpdateDashboardInput): Promise<Dashboard> {
    return dashboards.updateDashboard(ctx, id, input);
  }

  @Authorized('analytics:dashboard:write')
  @Mutation(() => Dashboard, { description: 'Shares a dashboard, read only, with the members of these roles (an empty list: private again)' })
  shareDashboard(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('roles', () => [String]) roles: string[]): Promise<Dashboard> {
    return dashboards.shareDashboard(ctx, id, roles);
  }

  @Authorized('analytics:dashboard:write')
  @Mutation(() => Widget, { description: "Moves or resizes a widget on its dashboard's grid" })
  moveWidget(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('position', () => WidgetPositionInput) position: WidgetPositionInput): Promise<Widget> {
    return dashboards.moveWidget(ctx, id, position);
  }

  @Authorized('analytics:dashboard:write')
  @Mutation(() => Boolean, { description: 'Deletes a dashboard and its widgets' })
  deleteDashboard(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<boolean> {
    return dashboards.deleteDashboard(ctx, id);
  }

  @Authorized('analytics:dashboard:write')
  @Mutation(() => Widget)
  addWidget(@Ctx() ctx: Ctx, @Arg('input', () => AddWidgetInput) input: AddWidgetInput): Promise<Widget> {
    return dashboards.addWidget(ctx, input);
  }

  @Authorized('analytics:dashboard:write')
  @Mutation(() => Boolean)
  removeWidget(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<boolean> {
    return dashboards.removeWidget(ctx, id);
  }

  @FieldResolver(() => [Widget], { description: 'Its widgets, oldest first' })
  widgets(@Root() dashboard: Dashboard, @Ctx() ctx: Ctx): Promise<Widget[]> {
    return ctx.loaders.widgetsByDashboard.load(dashboard.id);
  }
}

@Resolver(() => Widget)
export class WidgetResolver {
  @FieldResolver(() => GraphQLJSON, { description: 'The metric definition it shows' })
  metric(@Root() widget: Widget): unknown {
    return widget.metric;
  }

  @FieldResolver(() => WidgetValue, { description: 'Its metric over the window ending now' })
  async value(@Root() widget: Widget, @Ctx() ctx: Ctx): Promise<WidgetValue> {
    return toWidgetValue(await dashboards.widgetValue(ctx, widget));
  }
}
