import type { GraphQLSchema } from 'graphql';
import { createAuditTrailResolver } from '../../shared/audit/audit-trail.resolver.js';
import { buildFederatedSchema } from '../../shared/graphql/build-subgraph-schema.js';
import { createDeadLetterResolver } from '../../shared/jobs/dead-letter.resolver.js';
import { documentReferences } from './resolvers/document.references.js';
import { DocumentResolver } from './resolvers/document.resolver.js';
import { DocumentChangesResolver } from './resolvers/document-changes.resolver.js';
import { DocumentGeneratedResolver } from './resolvers/document-generated.resolver.js';
import { TemplateResolver } from './resolvers/template.resolver.js';
import { DocumentRequestsResolver, SigningRequestResolver } from './resolvers/signing-request.resolver.js';
import { DocumentFileResolver, DocumentSignatureResolver } from './resolvers/document-signature.resolver.js';
import { generateDocumentJob } from './jobs/generate-document.job.js';
import { mergeDocumentsJob } from './jobs/merge-documents.job.js';
import { packageDocumentsJob } from './jobs/package-documents.job.js';
import { DocumentVersionResolver, DocumentVersionsResolver } from './resolvers/document-version.resolver.js';

/** The document subgraph's schema, without a server. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      DocumentResolver,
      DocumentChangesResolver,
      TemplateResolver,
      DocumentGeneratedResolver,
      DocumentSignatureResolver,
      DocumentFileResolver,
      SigningRequestResolver,
      DocumentRequestsResolver,
      DocumentVersionResolver,
      DocumentVersionsResolver,
      createAuditTrailResolver('document'),
      createDeadLetterResolver('document', [generateDocumentJob.queue, mergeDocumentsJob.queue, packageDocumentsJob.queue]),
    ],
    referenceResolvers: documentReferences,
  });
}
