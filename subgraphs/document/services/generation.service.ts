import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError } from '../../../shared/errors/errors.js';
import { enqueue } from '../../../shared/jobs/background-job.js';
import type { Logger } from '../../../shared/logger/logger.js';
import { querySubgraph } from '../../../shared/server/subgraph-client.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { Document, GenerationStatus } from '../entities/document.entity.js';
import { TemplateVersion } from '../entities/template-version.entity.js';
import { VersionSource } from '../entities/document-version.entity.js';
import type { GenerateDocumentInput } from '../inputs/template.input.js';
import { generateDocumentJob } from '../jobs/generate-document.job.js';
import { addVersion } from './document-version.service.js';
import { htmlToPdf } from './pdf-layout.js';
import { checkTemplateData } from './template-input-schema.js';
import { renderTemplate, TemplateError } from './template-render.js';
import { getVersion } from './template.service.js';

/**
 * Creates the document (PENDING) and queues its rendering. The caller learns it is ready
 * through `documentGenerated`, or by reading `generationStatus`.
 */
export async function generateDocument(ctx: RequestContext, input: GenerateDocumentInput): Promise<Document> {
  const tenantId = requireTenant(ctx);
  const ownerId = ctx.caller.userId;
  if (!ownerId) throw new BadUserInputError('generating a document needs a signed-in user as its owner', [{ field: 'caller', message: 'must be a user' }]);
  const subject = input.fromRecord ? await recordContext(ctx, input.fromRecord) : null;
  const invoice = input.fromInvoice ? await invoiceContext(ctx, input.fromInvoice) : null;
  const version = await getVersion(ctx, input.templateId, input.version);
  const data = { ...subject?.values, ...(invoice && { invoice }), ...input.data };
  checkTemplateData(version.inputSchema, data);
  const document = ctx.em.create(Document, {
    tenantId,
    title: input.title.trim(),
    content: '',
    mimeType: 'application/pdf',
    ownerId,
    templateVersionId: version.id,
    generationStatus: GenerationStatus.PENDING,
    subjectRecordId: subject?.id ?? null,
    subjectInvoiceId: invoice?.id ?? null,
  });
  await ctx.em.flush();
  // Queued after the commit: a worker must find the row it is asked to fill.
  await enqueue(generateDocumentJob, { tenantId, documentId: document.id, data });
  return document;
}

interface RecordAnswer {
  record: { id: string; type: string; data: Record<string, unknown> };
}

/**
 * An entity record's values for a template, read from the entity subgraph as the caller (its
 * tenant and permissions apply: another tenant's record is NOT_FOUND, as through the gateway).
 */
async function recordContext(ctx: RequestContext, id: string): Promise<{ id: string; values: Record<string, unknown> }> {
  const { record } = await querySubgraph<RecordAnswer>('entity', 'query ($id: ID!) { record(id: $id) { id type data } }', { id }, ctx.caller, { requestId: ctx.requestId });
  return { id: record.id, values: { ...record.data, record: { id: record.id, type: record.type } } };
}

interface InvoiceAnswer {
  invoice: { id: string } & Record<string, unknown>;
}

/** An invoice's values for a template, read from the finance subgraph as the caller (like a record). */
async function invoiceContext(ctx: RequestContext, id: string): Promise<InvoiceAnswer['invoice']> {
  const query = `query ($id: ID!) { invoice(id: $id) {
    id number customerName currency status dueDate issuedAt subtotalMinor discountMinor taxMinor totalMinor amountPaidMinor amountDueMinor
    lines { description quantity unitAmountMinor amountMinor discountMinor netMinor taxMinor totalMinor }
    taxLines { name jurisdiction ratePpm taxableMinor amountMinor }
  } }`;
  return (await querySubgraph<InvoiceAnswer>('finance', query, { id }, ctx.caller, { requestId: ctx.requestId })).invoice;
}

/**
 * Renders the document's template version with `data`, lays it out as a PDF, stores it and marks
 * the document READY (or FAILED with the template's error). Steps report progress.
 */
export async function renderDocument(
  em: EntityManager,
  documentId: string,
  data: Record<string, unknown>,
  progress: (percent: number) => Promise<void>,
  log: Logger,
): Promise<GenerationStatus> {
  const document = await em.findOneOrFail(Document, documentId);
  if (document.generationStatus !== GenerationStatus.PENDING) return document.generationStatus ?? GenerationStatus.READY; // redelivered: done already
  const version = await em.findOneOrFail(TemplateVersion, document.templateVersionId!);
  let html: string;
  try {
    html = renderTemplate(version.body, data);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    document.generationStatus = GenerationStatus.FAILED;
    document.generationError = error.message;
    await em.flush();
    log.info({ documentId, error: error.message }, 'document generation failed on its template');
    return GenerationStatus.FAILED;
  }
  await progress(30);
  const pdf = await htmlToPdf(html, document.title);
  await progress(70);
  const stored = await blobStore().put(`${document.tenantId}/documents/${randomUUID()}.pdf`, Buffer.from(pdf), { contentType: 'application/pdf' });
  document.content = html;
  addVersion(em, document, { ...stored, fileName: `${document.title}.pdf` }, { source: VersionSource.GENERATED, createdBy: document.ownerId, templateVersionId: version.id });
  document.generationStatus = GenerationStatus.READY;
  await em.flush();
  await progress(100);
  return GenerationStatus.READY;
}
