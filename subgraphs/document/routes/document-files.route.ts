import type { MikroORM } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { signedFileUrl, verifyFileRequest } from '../../../shared/files/file-url.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { Document } from '../entities/document.entity.js';

export const downloadUrl = (document: Document) => (document.fileKey ? signedFileUrl('document', `documents/${document.id}`, 'GET') : null);

/** Document files under `/files/documents/:id`, reached through the gateway's `/files/document/…` by signed link. */
export function documentFileRoutes(router: Router, orm: MikroORM): void {
  router.get('/files/documents/:id', async (req, res) => {
    const id = String(req.params.id);
    const check = verifyFileRequest('document', 'GET', `documents/${id}`, req.query);
    if (!check.ok) return void res.status(403).json({ error: `this link is ${check.reason === 'expired' ? 'expired' : 'not valid'}` });
    const document = await orm.em.fork().findOne(Document, id, { filters: false });
    if (!document?.fileKey) return void res.status(404).json({ error: 'no such document file' });
    res.setHeader('content-type', document.mimeType);
    res.setHeader('content-disposition', `attachment; filename="${document.title.replace(/[^\w .-]/g, '_')}.pdf"`);
    await pipeline(await blobStore().get(document.fileKey), res);
  });
}
