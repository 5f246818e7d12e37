import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import type { DomainEvent } from '../../../shared/events/domain-event.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';
import { domainEvents, type SubscriptionContext } from '../../../shared/events/event-stream.js';
import { FactBatch } from '../entities/fact-batch.entity.js';
import type { Widget } from '../entities/widget.entity.js';
import * as dashboards from '../services/dashboard.service.js';
import { toWidgetValue, WidgetValue } from './dashboard.resolver.js';

/** The fact types a committed batch of facts brought (batches are only ever created). */
const factTypesOf = (event: DomainEvent): string[] =>
  event.type.endsWith('.created') ? ((event.payload.changes.find((change) => change.field === 'factTypes')?.newValue as string[] | undefined) ?? []) : [];

interface WidgetUpdatedArgs {
  widgetId: string;
}

@Resolver()
export class WidgetUpdatesResolver {
  @Authorized('analytics:dashboard:read')
  @Subscription(() => WidgetValue, {
    description:
      "A widget's new value each time a fact it counts is committed (ingested from another subgraph's event or tracked); NOT_FOUND for a widget the caller's tenant does not have",
    subscribe: async ({ context, args }) => {
      const ctx = context as SubscriptionContext;
      // Checked before the stream opens: an unknown widget is an error now, not silence forever.
      const widget: Widget = await dashboards.getWidget(ctx as RequestContext<AnalyticsLoaders>, (args as WidgetUpdatedArgs).widgetId);
      const factType = widget.metric.factType;
      return domainEvents(ctx, (event) => event.source === 'analytics' && event.entityType === FactBatch.name && factTypesOf(event).includes(factType));
    },
  })
  async widgetUpdated(
    @Root() _event: DomainEvent,
    @Ctx() ctx: SubscriptionContext,
    @Arg('widgetId', () => ID) widgetId: string,
  ): Promise<WidgetValue> {
    // Read again: the widget may have changed (or gone: NOT_FOUND ends nothing, the client sees the error).
    const widget = await dashboards.getWidget(ctx as RequestContext<AnalyticsLoaders>, widgetId);
    return toWidgetValue(await dashboards.widgetValue(ctx, widget));
  }
}
