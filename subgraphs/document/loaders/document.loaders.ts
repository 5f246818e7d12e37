import type DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { byParentLoader } from '../../../shared/loaders/by-parent-loader.js';
import { Document } from '../entities/document.entity.js';
import { DocumentSignature } from '../entities/document-signature.entity.js';
import { DocumentVersion } from '../entities/document-version.entity.js';

export interface DocumentLoaders {
  documentById: DataLoader<string, Document | null>;
  /** A document's versions, oldest first. */
  versionsByDocument: DataLoader<string, DocumentVersion[]>;
  /** A document's signatures, oldest first. */
  signaturesByDocument: DataLoader<string, DocumentSignature[]>;
}

export function createDocumentLoaders(ctx: Omit<RequestContext, 'loaders'>): DocumentLoaders {
  return {
    documentById: byIdLoader(ctx.em, Document),
    versionsByDocument: byParentLoader(ctx.em, DocumentVersion, 'documentId', { version: 'asc' }),
    signaturesByDocument: byParentLoader(ctx.em, DocumentSignature, 'documentId', { createdAt: 'asc', id: 'asc' }),
  };
}
