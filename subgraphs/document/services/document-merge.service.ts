import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { PDFDocument } from 'pdf-lib';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError } from '../../../shared/errors/errors.js';
import { enqueue } from '../../../shared/jobs/background-job.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { Document, GenerationStatus } from '../entities/document.entity.js';
import { VersionSource } from '../entities/document-version.entity.js';
import { mergeDocumentsJob } from '../jobs/merge-documents.job.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import { addVersion } from './document-version.service.js';

type Ctx = RequestContext<DocumentLoaders>;

export const MAX_MERGED_DOCUMENTS = 50;

/**
 * Queues one PDF made of the given documents' PDFs, in order, as a new document (PENDING until
 * the job is done; `documentGenerated` says when, like any generated document).
 */
export async function mergeDocuments(ctx: Ctx, documentIds: string[], title: string): Promise<Document> {
  const tenantId = requireTenant(ctx);
  const ownerId = ctx.caller.userId;
  if (!ownerId) throw new BadUserInputError('merging documents needs a signed-in user as the owner', [{ field: 'caller', message: 'must be a user' }]);
  if (documentIds.length < 2 || documentIds.length > MAX_MERGED_DOCUMENTS) {
    throw new BadUserInputError(`merge 2 to ${MAX_MERGED_DOCUMENTS} documents`, [{ field: 'documentIds', message: `must hold 2 to ${MAX_MERGED_DOCUMENTS} ids` }]);
  }
  const sources = await Promise.all(documentIds.map((id) => ctx.loaders.documentById.load(id)));
  const missing = documentIds.filter((_, i) => !sources[i]);
  if (missing.length) throw new BadUserInputError(`no such documents: ${missing.join(', ')}`, missing.map((id) => ({ field: 'documentIds', message: `${id} not found` })));
  const notPdf = sources.filter((d) => !d!.fileKey || d!.mimeType !== 'application/pdf');
  if (notPdf.length) throw new ConflictError(`not a finished PDF: ${notPdf.map((d) => d!.id).join(', ')}`);
  const merged = ctx.em.create(Document, { tenantId, title: title.trim(), content: '', mimeType: 'application/pdf', ownerId, generationStatus: GenerationStatus.PENDING });
  await ctx.em.flush();
  await enqueue(mergeDocumentsJob, { tenantId, documentId: merged.id, sourceIds: documentIds });
  return merged;
}

/** Copies every page of each source, in order, into one PDF, stores it and marks the document READY. */
export async function runMerge(em: EntityManager, documentId: string, sourceIds: string[], progress: (percent: number) => Promise<void>): Promise<void> {
  const target = await em.findOneOrFail(Document, documentId);
  if (target.generationStatus !== GenerationStatus.PENDING) return; // redelivered
  const out = await PDFDocument.create();
  out.setTitle(target.title);
  for (const [index, id] of sourceIds.entries()) {
    const source = await em.findOneOrFail(Document, id);
    const pdf = await PDFDocument.load(await buffer(await blobStore().get(source.fileKey!)));
    for (const page of await out.copyPages(pdf, pdf.getPageIndices())) out.addPage(page);
    await progress(Math.round(((index + 1) / sourceIds.length) * 90));
  }
  const stored = await blobStore().put(`${target.tenantId}/documents/${randomUUID()}.pdf`, Buffer.from(await out.save()), { contentType: 'application/pdf' });
  addVersion(em, target, { ...stored, fileName: `${target.title}.pdf` }, { source: VersionSource.MERGED, createdBy: target.ownerId });
  target.generationStatus = GenerationStatus.READY;
  await em.flush();
  await progress(100);
}
