import type { EntityManager } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify';
import { PassThrough } from 'node:stream';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { NotFoundError } from '../../../shared/errors/errors.js';
import { signedFileUrl } from '../../../shared/files/file-url.js';
import { enqueue } from '../../../shared/jobs/background-job.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { RecordExport } from '../entities/record-export.entity.js';
import { TransferFormat, TransferStatus } from '../entities/record-transfer.entity.js';
import { exportRecordsJob } from '../jobs/export-records.job.js';
import { findDefinition } from './entity-definition.js';

const PAGE = 1_000;
export const CONTENT_TYPES: Record<TransferFormat, string> = { CSV: 'text/csv', JSON: 'application/json', NDJSON: 'application/x-ndjson' };

export async function exportRecords(ctx: RequestContext, type: string, format: TransferFormat): Promise<RecordExport> {
  const tenantId = requireTenant(ctx);
  const record = ctx.em.create(RecordExport, { tenantId, type, format });
  await ctx.em.flush();
  await enqueue(exportRecordsJob, { tenantId, exportId: record.id });
  return record;
}

export async function getRecordExport(ctx: RequestContext, id: string): Promise<RecordExport> {
  requireTenant(ctx);
  const record = await ctx.em.findOne(RecordExport, id);
  if (!record) throw new NotFoundError('RecordExport', id);
  return record;
}

export const downloadUrl = (record: RecordExport) => (record.status === TransferStatus.DONE ? signedFileUrl('entity', `exports/${record.id}`, 'GET') : null);

/**
 * Streams the type's live records, page by page in id order, into a file: CSV (id, then the
 * type's fields in order, or the keys of the first page for an untyped type), JSON or NDJSON.
 * Memory holds one page, whatever the count.
 */
export async function runExport(em: EntityManager, exportId: string, progress: (rows: number) => Promise<void>): Promise<void> {
  const job = await em.findOneOrFail(RecordExport, exportId);
  if (job.status === TransferStatus.DONE) return;
  job.status = TransferStatus.RUNNING;
  await em.flush();
  const definition = await findDefinition(em, job.type);
  const out = new PassThrough();
  const key = `${job.tenantId}/exports/${job.id}`;
  const stored = blobStore().put(key, out, { contentType: CONTENT_TYPES[job.format] });
  let csv: ReturnType<typeof stringify> | null = null;
  let rows = 0;
  let after: string | null = null;
  for (;;) {
    const page: EntityRecord[] = await em.find(EntityRecord, { type: job.type, ...(after ? { id: { $gt: after } } : {}) }, { orderBy: { id: 'asc' }, limit: PAGE });
    if (!page.length) break;
    for (const record of page) {
      if (job.format === TransferFormat.CSV) {
        if (!csv) {
          const columns = ['id', ...(definition ? definition.fields.map((f) => f.name) : Object.keys(record.data))];
          csv = stringify({ header: true, columns, cast: { object: (value) => JSON.stringify(value), boolean: (value) => String(value) } });
          csv.pipe(out, { end: false });
        }
        if (!csv.write({ id: record.id, ...record.data })) await new Promise((resolve) => csv!.once('drain', resolve));
      } else {
        const text = job.format === TransferFormat.NDJSON ? `${JSON.stringify({ id: record.id, ...record.data })}\n` : `${rows ? ',' : '['}\n${JSON.stringify({ id: record.id, ...record.data })}`;
        if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
      }
      rows += 1;
    }
    after = page.at(-1)!.id;
    em.clear();
    await progress(rows);
  }
  if (csv) await new Promise<void>((resolve) => csv!.end(resolve));
  if (job.format === TransferFormat.JSON) out.write(rows ? '\n]\n' : '[]\n');
  out.end();
  await stored;
  const row = await em.findOneOrFail(RecordExport, exportId);
  Object.assign(row, { status: TransferStatus.DONE, rows, fileKey: key });
  await em.flush();
}
