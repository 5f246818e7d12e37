import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import busboy from 'busboy';
import type { Request, Response, Router } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { signedFileUrl, verifyFileRequest } from '../../../shared/files/file-url.js';
import { forTenant } from '../../../shared/jobs/background-job.js';
import { serviceLogger } from '../../../shared/logger/logger.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { getConfig } from '../../../shared/config/config.js';
import { ConflictError } from '../../../shared/errors/errors.js';
import { Document } from '../entities/document.entity.js';
import { DocumentUpload } from '../entities/document-upload.entity.js';
import { DocumentVersion } from '../entities/document-version.entity.js';
import { receiveUpload, UploadRefusedError } from '../services/document-upload.service.js';
import { extensionOf } from '../services/file-types.js';

const log = serviceLogger('document-files');

export const downloadUrl = (document: Document) => (document.currentVersion ? signedFileUrl('document', `documents/${document.id}`, 'GET') : null);
export const versionDownloadUrl = (version: DocumentVersion) => signedFileUrl('document', `documents/${version.documentId}/versions/${version.version}`, 'GET');

/** The signature on the link is the only credential a file request carries: 403 without a valid one. */
function signed(req: Request, res: Response, path: string): boolean {
  const check = verifyFileRequest('document', req.method, path, req.query);
  if (check.ok) return true;
  res.status(403).json({ error: `this link is ${check.reason === 'expired' ? 'expired' : 'not valid'}` });
  return false;
}

async function sendVersion(res: Response, version: DocumentVersion): Promise<void> {
  const name = /\.\w+$/.test(version.fileName) ? version.fileName : `${version.fileName}.${extensionOf(version.mimeType)}`;
  res.setHeader('content-type', version.mimeType);
  res.setHeader('content-length', String(version.size));
  res.setHeader('content-disposition', `attachment; filename="${name.replace(/[^\w .-]/g, '_')}"`);
  await pipeline(await blobStore().get(version.fileKey), res);
}

/** The first file part of a multipart form, streamed (busboy); the form's other parts are ignored. */
function firstFilePart(req: Request): Promise<{ stream: Readable; mimeType: string }> {
  return new Promise((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      // One byte past the limit reaches the store, which then refuses the file as too large.
      form = busboy({ headers: req.headers, limits: { files: 1, fileSize: getConfig().documentMaxUploadBytes + 1 } });
    } catch {
      return reject(new UploadRefusedError(415, 'send multipart/form-data with one file part'));
    }
    form.once('file', (_name, stream, info) => resolve({ stream, mimeType: info.mimeType }));
    form.once('error', reject);
    form.once('finish', () => reject(new UploadRefusedError(400, 'the form has no file part')));
    req.pipe(form);
  });
}

/**
 * Document files under `/files/…`, reached through the gateway's `/files/document/…` by signed
 * link: downloads of the current file or any version, and uploads (PUT of the bytes or a
 * multipart POST). Bodies stream between the client and the blob store.
 */
export function documentFileRoutes(router: Router, orm: MikroORM): void {
  router.get('/files/documents/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!signed(req, res, `documents/${id}`)) return;
    const document = await orm.em.fork().findOne(Document, id, { filters: false });
    const version = document?.currentVersion ? await orm.em.fork().findOne(DocumentVersion, { documentId: id, version: document.currentVersion }, { filters: false }) : null;
    if (!version) return void res.status(404).json({ error: 'no such document file' });
    await sendVersion(res, version);
  });

  router.get('/files/documents/:id/versions/:version', async (req, res) => {
    const path = `documents/${String(req.params.id)}/versions/${String(req.params.version)}`;
    if (!signed(req, res, path)) return;
    const version = await orm.em.fork().findOne(DocumentVersion, { documentId: String(req.params.id), version: Number(req.params.version) }, { filters: false });
    if (!version) return void res.status(404).json({ error: 'no such document version' });
    await sendVersion(res, version);
  });

  const receive = (read: (req: Request) => Promise<{ stream: Readable; mimeType: string | undefined }>) => async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!signed(req, res, `uploads/${id}`)) return;
    const upload = await orm.em.fork().findOne(DocumentUpload, id, { filters: false });
    if (!upload) return void res.status(404).json({ error: 'no such upload' });
    if (upload.version != null) return void res.status(409).json({ error: 'this upload link has been used already' });
    const em: EntityManager = forTenant(orm, upload.tenantId);
    em.setLoggerContext({ requestId: `upload-${id}`, actorId: upload.createdBy, tenantId: upload.tenantId });
    try {
      const { stream, mimeType } = await read(req);
      const version = await receiveUpload(em, upload, stream, mimeType);
      log.info({ uploadId: id, documentId: version.documentId, version: version.version, size: version.size }, 'document file received');
      res.status(201).json({ documentId: version.documentId, version: version.version, size: version.size, sha256: version.sha256 });
    } catch (error) {
      if (error instanceof UploadRefusedError) return void res.status(error.status).json({ error: error.message });
      if (error instanceof ConflictError) return void res.status(409).json({ error: error.message });
      throw error;
    }
  };
  router.put('/files/uploads/:id', receive(async (req) => ({ stream: req, mimeType: req.headers['content-type'] })));
  router.post('/files/uploads/:id', receive(firstFilePart));
}
