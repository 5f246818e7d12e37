import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { Document } from './entities/document.entity.js';
import { DocumentTemplate } from './entities/document-template.entity.js';
import { TemplateVersion } from './entities/template-version.entity.js';
import { DocumentSignature } from './entities/document-signature.entity.js';
import { DocumentSigningKey } from './entities/document-signing-key.entity.js';
import { SigningRequest } from './entities/signing-request.entity.js';
import { DocumentUpload } from './entities/document-upload.entity.js';
import { DocumentVersion } from './entities/document-version.entity.js';
import { documentFileRoutes } from './routes/document-files.route.js';
import { generateDocumentJob } from './jobs/generate-document.job.js';
import { mergeDocumentsJob } from './jobs/merge-documents.job.js';
import { packageDocumentsJob } from './jobs/package-documents.job.js';
import { createDocumentLoaders, type DocumentLoaders } from './loaders/document.loaders.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/** Documents of a tenant, owned by users. */
export const document: SubgraphModule<DocumentLoaders> = {
  name: 'document',
  entities: [Document, DocumentTemplate, TemplateVersion, DocumentSignature, DocumentSigningKey, SigningRequest, DocumentVersion, DocumentUpload],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createDocumentLoaders,
  jobs: [generateDocumentJob, mergeDocumentsJob, packageDocumentsJob],
  routes: documentFileRoutes,
};
