import type { GraphQLSchema } from 'graphql';
import { createAuditTrailResolver } from '../../shared/audit/audit-trail.resolver.js';
import { buildFederatedSchema } from '../../shared/graphql/build-subgraph-schema.js';
import { createDeadLetterResolver } from '../../shared/jobs/dead-letter.resolver.js';
import { documentReferences } from './resolvers/document.references.js';
import { DocumentResolver } from './resolvers/document.resolver.js';
import { DocumentChangesResolver } from './resolvers/document-changes.resolver.js';

/** The document subgraph's schema, without a server. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [DocumentResolver, DocumentChangesResolver, createAuditTrailResolver('document'), createDeadLetterResolver('document', [])],
    referenceResolvers: documentReferences,
  });
}
