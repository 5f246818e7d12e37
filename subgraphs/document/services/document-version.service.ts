import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import type { StoredBlob } from '../../../shared/storage/blob-store.js';
import type { Document } from '../entities/document.entity.js';
import { DocumentVersion, VersionSource } from '../entities/document-version.entity.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import { getDocument } from './document.service.js';

type Ctx = RequestContext<DocumentLoaders>;

export interface VersionFile extends StoredBlob {
  fileName: string;
}

export interface VersionOrigin {
  source: VersionSource;
  createdBy?: string | null;
  templateVersionId?: string | null;
  restoredFrom?: number | null;
}

/**
 * Makes `file` the document's next version and its current file, in the caller's unit of work
 * (flushed by the caller, so the version and the document change commit together). Two versions
 * added to one document at once meet the (document, version) unique key: the later flush fails
 * and `flushVersion` turns that into CONFLICT.
 */
export function addVersion(em: EntityManager, document: Document, file: VersionFile, origin: VersionOrigin): DocumentVersion {
  const version = em.create(DocumentVersion, {
    tenantId: document.tenantId,
    documentId: document.id,
    version: (document.currentVersion ?? 0) + 1,
    source: origin.source,
    fileKey: file.key,
    fileName: file.fileName,
    mimeType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    templateVersionId: origin.templateVersionId ?? null,
    restoredFrom: origin.restoredFrom ?? null,
    createdBy: origin.createdBy ?? null,
  });
  Object.assign(document, {
    currentVersion: version.version,
    fileKey: file.key,
    fileSize: file.size,
    fileSha256: file.sha256,
    mimeType: file.contentType,
  });
  return version;
}

/** Flushes a unit of work holding a new version; a concurrent version of the same number is CONFLICT. */
export async function flushVersion(em: EntityManager, document: Document): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new ConflictError(`another version of document ${document.id} was added at the same time; try again`);
    }
    throw error;
  }
}

export function versionsOf(ctx: Ctx, documentId: string): Promise<DocumentVersion[]> {
  return ctx.loaders.versionsByDocument.load(documentId);
}

export async function getDocumentVersion(ctx: Ctx, documentId: string, number: number): Promise<DocumentVersion> {
  requireTenant(ctx);
  await getDocument(ctx, documentId);
  const version = await ctx.em.findOne(DocumentVersion, { documentId, version: number });
  if (!version) throw new NotFoundError('DocumentVersion', `${documentId} v${number}`);
  return version;
}

/**
 * Brings an old version back as a new one (same bytes, no copy: blobs are never rewritten), so
 * history only grows and what was signed stays findable.
 */
export async function restoreVersion(ctx: Ctx, documentId: string, number: number): Promise<DocumentVersion> {
  const old = await getDocumentVersion(ctx, documentId, number);
  const document = await getDocument(ctx, documentId);
  if (document.currentVersion === number) throw new ConflictError(`version ${number} is already the current version of document ${documentId}`);
  const restored = addVersion(ctx.em, document, { key: old.fileKey, size: old.size, sha256: old.sha256, contentType: old.mimeType, fileName: old.fileName }, {
    source: VersionSource.RESTORED,
    createdBy: ctx.caller.userId ?? null,
    templateVersionId: old.templateVersionId,
    restoredFrom: old.version,
  });
  await flushVersion(ctx.em, document);
  return restored;
}
