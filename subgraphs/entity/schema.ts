import type { GraphQLSchema } from 'graphql';
import { createAuditTrailResolver } from '../../shared/audit/audit-trail.resolver.js';
import { buildFederatedSchema } from '../../shared/graphql/build-subgraph-schema.js';
import { createDeadLetterResolver } from '../../shared/jobs/dead-letter.resolver.js';
import { entityReferences } from './resolvers/entity.references.js';
import { EntityTypeResolver } from './resolvers/entity-type.resolver.js';
import { BulkRecordResolver } from './resolvers/bulk-record.resolver.js';
import { RecordResolver } from './resolvers/record.resolver.js';
import { RecordBinResolver } from './resolvers/record-bin.resolver.js';
import { RecordChangesResolver } from './resolvers/record-changes.resolver.js';
import { DuplicateResolver } from './resolvers/duplicate.resolver.js';
import { RecordExportResolver, RecordImportResolver } from './resolvers/record-transfer.resolver.js';
import { RecordLinkResolver, RecordRelationsResolver, RelationTypeResolver } from './resolvers/record-link.resolver.js';

/** The entity subgraph's schema, without a server. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      RecordResolver,
      BulkRecordResolver,
      RecordBinResolver,
      RecordChangesResolver,
      EntityTypeResolver,
      RelationTypeResolver,
      RecordLinkResolver,
      RecordRelationsResolver,
      DuplicateResolver,
      RecordImportResolver,
      RecordExportResolver,
      createAuditTrailResolver('entity'),
      createDeadLetterResolver('entity', []),
    ],
    referenceResolvers: entityReferences,
  });
}
