import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { getConfig } from '../../../shared/config/config.js';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError } from '../../../shared/errors/errors.js';
import { signedFileUrl } from '../../../shared/files/file-url.js';
import { BlobTooLargeError, type StoredBlob } from '../../../shared/storage/blob-store.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { Document } from '../entities/document.entity.js';
import { DocumentUpload } from '../entities/document-upload.entity.js';
import { VersionSource, type DocumentVersion } from '../entities/document-version.entity.js';
import type { CreateDocumentUploadInput, StoreDocumentFileInput } from '../inputs/document-upload.input.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import { getDocument } from './document.service.js';
import { addVersion, flushVersion } from './document-version.service.js';
import { ACCEPTED_TYPES, bareType, contentMatches, isAcceptedType, SNIFF_BYTES } from './file-types.js';

type Ctx = RequestContext<DocumentLoaders>;

/** An upload the file routes refuse, with the HTTP status that says why. */
export class UploadRefusedError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const UPLOAD_LINK_SECONDS = 15 * 60;

export interface UploadSlot {
  upload: DocumentUpload;
  uploadUrl: string;
  formUrl: string;
  expiresAt: Date;
  maxBytes: number;
}

/** Checks what every way in has in common: a new document needs a title, an existing one must be the caller tenant's. */
async function checkTarget(ctx: Ctx, input: { documentId?: string | null; title?: string | null; mimeType: string }): Promise<void> {
  if (!isAcceptedType(input.mimeType)) {
    throw new BadUserInputError(`files of type ${input.mimeType} are not accepted (accepted: ${Object.keys(ACCEPTED_TYPES).join(', ')})`, [
      { field: 'contentType', message: 'is not an accepted type' },
    ]);
  }
  if (input.documentId) await getDocument(ctx, input.documentId);
  else if (!input.title?.trim()) throw new BadUserInputError('a title is needed for a new document', [{ field: 'title', message: 'is required without documentId' }]);
}

function signedInUser(ctx: Ctx): string {
  const userId = ctx.caller.userId;
  if (!userId) throw new BadUserInputError('uploading needs a signed-in user as the owner', [{ field: 'caller', message: 'must be a user' }]);
  return userId;
}

/**
 * Opens an upload slot: a signed link for a PUT of the bytes, and one for a multipart form POST.
 * The file becomes a new document, or the next version of `documentId`, when it arrives.
 */
export async function createUpload(ctx: Ctx, input: CreateDocumentUploadInput): Promise<UploadSlot> {
  const tenantId = requireTenant(ctx);
  const createdBy = signedInUser(ctx);
  const mimeType = bareType(input.contentType);
  await checkTarget(ctx, { ...input, mimeType });
  const upload = ctx.em.create(DocumentUpload, { tenantId, documentId: input.documentId ?? null, title: input.title?.trim() ?? null, fileName: input.fileName, mimeType, createdBy });
  await ctx.em.flush();
  return {
    upload,
    uploadUrl: signedFileUrl('document', `uploads/${upload.id}`, 'PUT', UPLOAD_LINK_SECONDS),
    formUrl: signedFileUrl('document', `uploads/${upload.id}`, 'POST', UPLOAD_LINK_SECONDS),
    expiresAt: new Date(Date.now() + UPLOAD_LINK_SECONDS * 1000),
    maxBytes: getConfig().documentMaxUploadBytes,
  };
}

/** Reads the first bytes of a stored object (enough to recognise its format). */
async function headOf(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  const stream = await blobStore().get(key);
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= SNIFF_BYTES) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, SNIFF_BYTES);
}

/**
 * Stores an incoming file under a key of its own, refusing (and keeping nothing) past the size
 * limit (413) or when its bytes are not what its type says (415).
 */
export async function storeChecked(tenantId: string, body: Readable | Buffer, mimeType: string): Promise<StoredBlob> {
  const maxBytes = getConfig().documentMaxUploadBytes;
  let stored: StoredBlob;
  try {
    stored = await blobStore().put(`${tenantId}/documents/${randomUUID()}`, body, { contentType: mimeType, maxBytes });
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw new UploadRefusedError(413, `the file is larger than the limit of ${maxBytes} bytes`);
    throw error;
  }
  if (!(await contentMatches(mimeType, await headOf(stored.key)))) {
    await blobStore().delete(stored.key);
    throw new UploadRefusedError(415, `the file's content is not ${mimeType}`);
  }
  return stored;
}

interface Target {
  tenantId: string;
  documentId?: string | null;
  title?: string | null;
  fileName: string;
  createdBy: string;
}

/** Makes a stored file a new document's first version or an existing document's next one. */
async function attach(em: EntityManager, target: Target, stored: StoredBlob): Promise<DocumentVersion> {
  const document = target.documentId
    ? await em.findOneOrFail(Document, target.documentId)
    : em.create(Document, { tenantId: target.tenantId, title: target.title!, content: '', mimeType: stored.contentType, ownerId: target.createdBy });
  const version = addVersion(em, document, { ...stored, fileName: target.fileName }, { source: VersionSource.UPLOADED, createdBy: target.createdBy });
  await flushVersion(em, document);
  return version;
}

/**
 * Receives the file of an upload slot (from the PUT or form route). The slot is claimed first, so
 * two uses of one link cannot both land; a refused file releases it for another try.
 */
export async function receiveUpload(em: EntityManager, upload: DocumentUpload, body: Readable | Buffer, contentType: string | undefined): Promise<DocumentVersion> {
  if (bareType(contentType) !== upload.mimeType) throw new UploadRefusedError(415, `this upload takes ${upload.mimeType}, not ${bareType(contentType) || 'an untyped body'}`);
  const claimed = await em.nativeUpdate(DocumentUpload, { id: upload.id, version: null, claimedAt: null }, { claimedAt: new Date() });
  if (!claimed) throw new UploadRefusedError(409, 'this upload link has been used already');
  try {
    const stored = await storeChecked(upload.tenantId, body, upload.mimeType);
    const version = await attach(em, upload, stored);
    await em.nativeUpdate(DocumentUpload, { id: upload.id }, { version: version.version, documentId: version.documentId });
    return version;
  } catch (error) {
    await em.nativeUpdate(DocumentUpload, { id: upload.id }, { claimedAt: null });
    throw error;
  }
}

/** The largest file `storeDocumentFile` takes inline; bigger files go through an upload link. */
export const MAX_INLINE_BYTES = 10 * 1024 * 1024;

/**
 * Stores a small file given inline (base64) in one call: for services and jobs that have the bytes
 * at hand (a report, an export) and no HTTP client to follow an upload link.
 */
export async function storeInline(ctx: Ctx, input: StoreDocumentFileInput): Promise<DocumentVersion> {
  const tenantId = requireTenant(ctx);
  const createdBy = signedInUser(ctx);
  const mimeType = bareType(input.contentType);
  await checkTarget(ctx, { ...input, mimeType });
  const bytes = Buffer.from(input.contentBase64, 'base64');
  try {
    const stored = await storeChecked(tenantId, bytes, mimeType);
    return await attach(ctx.em, { ...input, tenantId, createdBy }, stored);
  } catch (error) {
    if (error instanceof UploadRefusedError) throw new BadUserInputError(error.message, [{ field: 'contentBase64', message: error.message }]);
    throw error;
  }
}
