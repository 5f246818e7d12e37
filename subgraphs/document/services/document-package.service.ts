import type { EntityManager } from '@mikro-orm/postgresql';
import { ZipArchive } from 'archiver';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError } from '../../../shared/errors/errors.js';
import { enqueue } from '../../../shared/jobs/background-job.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { Document, GenerationStatus } from '../entities/document.entity.js';
import { DocumentVersion, VersionSource } from '../entities/document-version.entity.js';
import { packageDocumentsJob } from '../jobs/package-documents.job.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import { addVersion } from './document-version.service.js';
import { extensionOf } from './file-types.js';

type Ctx = RequestContext<DocumentLoaders>;

export const MAX_PACKAGED_DOCUMENTS = 200;

/** What `manifest.json` at the root of a package says of each file in it. */
export interface ManifestEntry {
  path: string;
  documentId: string;
  title: string;
  version: number;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

/**
 * Queues a ZIP of the documents' current files with a manifest, as a new document (PENDING until
 * the job is done; `documentGenerated` says when). The versions are fixed now, so a document
 * changed while the job waits is packaged as it was when asked for.
 */
export async function packageDocuments(ctx: Ctx, documentIds: string[], title: string): Promise<Document> {
  const tenantId = requireTenant(ctx);
  const ownerId = ctx.caller.userId;
  if (!ownerId) throw new BadUserInputError('packaging needs a signed-in user as the owner', [{ field: 'caller', message: 'must be a user' }]);
  if (!documentIds.length || documentIds.length > MAX_PACKAGED_DOCUMENTS || new Set(documentIds).size !== documentIds.length) {
    throw new BadUserInputError(`package 1 to ${MAX_PACKAGED_DOCUMENTS} different documents`, [{ field: 'documentIds', message: `must hold 1 to ${MAX_PACKAGED_DOCUMENTS} distinct ids` }]);
  }
  const sources = await Promise.all(documentIds.map((id) => ctx.loaders.documentById.load(id)));
  const missing = documentIds.filter((_, i) => !sources[i]);
  if (missing.length) throw new BadUserInputError(`no such documents: ${missing.join(', ')}`, missing.map((id) => ({ field: 'documentIds', message: `${id} not found` })));
  const empty = sources.filter((d) => !d!.currentVersion);
  if (empty.length) throw new ConflictError(`documents without a file yet: ${empty.map((d) => d!.id).join(', ')}`);
  const zip = ctx.em.create(Document, { tenantId, title: title.trim(), content: '', mimeType: 'application/zip', ownerId, generationStatus: GenerationStatus.PENDING });
  await ctx.em.flush();
  const versions = sources.map((d) => ({ documentId: d!.id, version: d!.currentVersion! }));
  await enqueue(packageDocumentsJob, { tenantId, documentId: zip.id, versions });
  return zip;
}

const safeName = (name: string) => name.replace(/[^\w .-]+/g, '_').slice(0, 100);

/**
 * Streams the ZIP straight into the blob store, one file after another (each source is opened
 * only when the archiver reaches it, so a package of large files never holds more than a chunk).
 */
export async function runPackage(
  em: EntityManager,
  documentId: string,
  wanted: { documentId: string; version: number }[],
  progress: (percent: number) => Promise<void>,
): Promise<void> {
  const target = await em.findOneOrFail(Document, documentId);
  if (target.generationStatus !== GenerationStatus.PENDING) return; // redelivered
  const rows = await em.find(DocumentVersion, { $or: wanted.map((w) => ({ documentId: w.documentId, version: w.version })) });
  const documents = new Map((await em.find(Document, { id: { $in: wanted.map((w) => w.documentId) } })).map((d) => [d.id, d]));
  const manifest: ManifestEntry[] = wanted.map((w, index) => {
    const row = rows.find((r) => r.documentId === w.documentId && r.version === w.version)!;
    const title = documents.get(w.documentId)!.title;
    const name = /\.\w+$/.test(row.fileName) ? row.fileName : `${row.fileName}.${extensionOf(row.mimeType)}`;
    const path = `${String(index + 1).padStart(3, '0')}-${safeName(name)}`;
    return { path, documentId: w.documentId, title, version: w.version, fileName: row.fileName, mimeType: row.mimeType, size: row.size, sha256: row.sha256 };
  });
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const stored = blobStore().put(`${target.tenantId}/documents/${randomUUID()}.zip`, archive, { contentType: 'application/zip' });
  // A failed write ends the archive too, so the loop below stops waiting for entries.
  stored.catch((error: unknown) => archive.destroy(error as Error));
  archive.append(JSON.stringify({ title: target.title, createdAt: new Date().toISOString(), files: manifest }, null, 2), { name: 'manifest.json' });
  await once(archive, 'entry');
  for (const [index, entry] of manifest.entries()) {
    const row = rows.find((r) => r.documentId === entry.documentId && r.version === entry.version)!;
    archive.append(await blobStore().get(row.fileKey), { name: entry.path });
    await once(archive, 'entry');
    await progress(Math.round(((index + 1) / manifest.length) * 90));
  }
  await archive.finalize();
  const blob = await stored;
  addVersion(em, target, { ...blob, fileName: `${safeName(target.title)}.zip` }, { source: VersionSource.PACKAGED, createdBy: target.ownerId });
  target.generationStatus = GenerationStatus.READY;
  await em.flush();
  await progress(100);
}
