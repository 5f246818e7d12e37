import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response, Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { verifyFileRequest } from '../../../shared/files/file-url.js';
import { enqueue, forTenant } from '../../../shared/jobs/background-job.js';
import { serviceLogger } from '../../../shared/logger/logger.js';
import { BlobTooLargeError } from '../../../shared/storage/blob-store.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { RecordExport } from '../entities/record-export.entity.js';
import { RecordImport } from '../entities/record-import.entity.js';
import { TransferStatus } from '../entities/record-transfer.entity.js';
import { importRecordsJob } from '../jobs/import-records.job.js';
import { CONTENT_TYPES } from '../services/record-export.service.js';
import { importFileKey, MAX_IMPORT_BYTES } from '../services/record-import.service.js';

const log = serviceLogger('entity-files');

/** The signature on the link is the only credential a file request carries: 403 without a valid one. */
function signed(req: Request, res: Response, path: string): boolean {
  const check = verifyFileRequest('entity', req.method, path, req.query);
  if (check.ok) return true;
  res.status(403).json({ error: `this link is ${check.reason === 'expired' ? 'expired' : 'not valid'}` });
  return false;
}

/**
 * Import uploads and export downloads under `/files/…`, reached through the gateway's
 * `/files/entity/…`. Bodies stream straight between the client and the blob store.
 */
export function recordFileRoutes(router: Router, orm: MikroORM): void {
  router.put('/files/imports/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!signed(req, res, `imports/${id}`)) return;
    const found = await orm.em.fork().findOne(RecordImport, id, { filters: false });
    if (!found) return void res.status(404).json({ error: 'no such import' });
    if (found.status !== TransferStatus.AWAITING_UPLOAD) return void res.status(409).json({ error: `the import is ${found.status}, not awaiting its file` });
    try {
      await blobStore().put(importFileKey(found), req, { contentType: req.headers['content-type'] ?? 'application/octet-stream', maxBytes: MAX_IMPORT_BYTES });
    } catch (error) {
      if (error instanceof BlobTooLargeError) return void res.status(413).json({ error: `the file is larger than ${MAX_IMPORT_BYTES} bytes` });
      throw error;
    }
    const em = forTenant(orm, found.tenantId);
    em.setLoggerContext({ requestId: `upload-${id}`, actorId: found.createdBy ?? null, tenantId: found.tenantId });
    const row = await em.findOneOrFail(RecordImport, id);
    row.status = TransferStatus.QUEUED;
    row.fileKey = importFileKey(found);
    await em.flush();
    await enqueue(importRecordsJob, { tenantId: found.tenantId, importId: id });
    log.info({ importId: id }, 'import file received');
    res.status(202).json({ id, status: row.status });
  });

  router.get('/files/imports/:id/errors.csv', async (req, res) => {
    const id = String(req.params.id);
    if (!signed(req, res, `imports/${id}/errors.csv`)) return;
    const found = await orm.em.fork().findOne(RecordImport, id, { filters: false });
    if (!found?.errorReportKey) return void res.status(404).json({ error: 'no error report' });
    res.setHeader('content-type', 'text/csv');
    res.setHeader('content-disposition', `attachment; filename="import-${id}-errors.csv"`);
    await pipeline(await blobStore().get(found.errorReportKey), res);
  });

  router.get('/files/exports/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!signed(req, res, `exports/${id}`)) return;
    const found = await orm.em.fork().findOne(RecordExport, id, { filters: false });
    if (!found?.fileKey) return void res.status(404).json({ error: 'no such export file' });
    res.setHeader('content-type', CONTENT_TYPES[found.format]);
    res.setHeader('content-disposition', `attachment; filename="${found.type}-${id}.${found.format.toLowerCase()}"`);
    await pipeline(await blobStore().get(found.fileKey), res);
  });
}
