import type { GraphQLSchema } from 'graphql';
import { createAuditTrailResolver } from '../../shared/audit/audit-trail.resolver.js';
import { buildFederatedSchema } from '../../shared/graphql/build-subgraph-schema.js';
import { createDeadLetterResolver } from '../../shared/jobs/dead-letter.resolver.js';
import { domainEventIndex } from './consumers/domain-event-index.consumer.js';
import { searchReferences } from './resolvers/search.references.js';
import { SearchAnalyticsResolver } from './resolvers/search-analytics.resolver.js';
import { SearchEntryResolver } from './resolvers/search-entry.resolver.js';
import { SearchSettingsResolver } from './resolvers/search-settings.resolver.js';
import { SearchResolver } from './resolvers/search.resolver.js';
import { reindexJob } from './jobs/reindex.job.js';

/** The search subgraph's schema, without a server. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      SearchResolver,
      SearchEntryResolver,
      SearchAnalyticsResolver,
      SearchSettingsResolver,
      createAuditTrailResolver('search'),
      createDeadLetterResolver('search', [domainEventIndex.name, reindexJob.queue]),
    ],
    referenceResolvers: searchReferences,
  });
}
