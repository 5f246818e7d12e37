import type { GraphQLSchema } from 'graphql';
import { createAuditTrailResolver } from '../../shared/audit/audit-trail.resolver.js';
import { buildFederatedSchema } from '../../shared/graphql/build-subgraph-schema.js';
import { createDeadLetterResolver } from '../../shared/jobs/dead-letter.resolver.js';
import { domainEventFacts } from './consumers/domain-event-facts.consumer.js';
import { rollUpFactsJob } from './jobs/roll-up-facts.job.js';
import { analyticsReferences } from './resolvers/analytics.references.js';
import { AnalyticsEventResolver } from './resolvers/analytics-event.resolver.js';
import { DashboardResolver, WidgetResolver } from './resolvers/dashboard.resolver.js';
import { MetricResolver } from './resolvers/metric.resolver.js';
import { WidgetUpdatesResolver } from './resolvers/widget-updates.resolver.js';
import { ReportResolver, ReportRunResolver } from './resolvers/report.resolver.js';
import { runReportJob } from './jobs/run-report.job.js';
import { scheduleReportsJob } from './jobs/schedule-reports.job.js';

/** The analytics subgraph's schema, without a server. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [AnalyticsEventResolver, MetricResolver, DashboardResolver, WidgetResolver, WidgetUpdatesResolver, ReportResolver, ReportRunResolver, createAuditTrailResolver('analytics'), createDeadLetterResolver('analytics', [domainEventFacts.name, rollUpFactsJob.queue, runReportJob.queue, scheduleReportsJob.queue])],
    referenceResolvers: analyticsReferences,
  });
}
