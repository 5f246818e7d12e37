import type { GraphQLSchema } from 'graphql';
import { createAuditTrailResolver } from '../../shared/audit/audit-trail.resolver.js';
import { buildFederatedSchema } from '../../shared/graphql/build-subgraph-schema.js';
import { createDeadLetterResolver } from '../../shared/jobs/dead-letter.resolver.js';
import { domainEventFacts } from './consumers/domain-event-facts.consumer.js';
import { analyticsReferences } from './resolvers/analytics.references.js';
import { AnalyticsEventResolver } from './resolvers/analytics-event.resolver.js';

/** The analytics subgraph's schema, without a server. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [AnalyticsEventResolver, createAuditTrailResolver('analytics'), createDeadLetterResolver('analytics', [domainEventFacts.name])],
    referenceResolvers: analyticsReferences,
  });
}
