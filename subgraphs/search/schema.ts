import type { GraphQLSchema } from 'graphql';
import { createAuditTrailResolver } from '../../shared/audit/audit-trail.resolver.js';
import { buildFederatedSchema } from '../../shared/graphql/build-subgraph-schema.js';
import { createDeadLetterResolver } from '../../shared/jobs/dead-letter.resolver.js';
import { domainEventIndex } from './consumers/domain-event-index.consumer.js';
import { searchReferences } from './resolvers/search.references.js';
import { SearchEntryResolver } from './resolvers/search-entry.resolver.js';

/** The search subgraph's schema, without a server. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [SearchEntryResolver, createAuditTrailResolver('search'), createDeadLetterResolver('search', [domainEventIndex.name])],
    referenceResolvers: searchReferences,
  });
}
