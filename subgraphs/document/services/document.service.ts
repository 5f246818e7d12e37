import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, NotFoundError } from '../../../shared/errors/errors.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { Document } from '../entities/document.entity.js';
import type { CreateDocumentInput } from '../inputs/create-document.input.js';
import type { UpdateDocumentInput } from '../inputs/update-document.input.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';

type Ctx = RequestContext<DocumentLoaders>;

export async function createDocument(ctx: Ctx, input: CreateDocumentInput): Promise<Document> {
  const tenantId = requireTenant(ctx);
  const ownerId = input.ownerId ?? ctx.caller.userId;
  if (!ownerId) {
    throw new BadUserInputError('ownerId is required when no user is signed in', [
      { field: 'ownerId', message: 'is required when no user is signed in' },
    ]);
  }
  const document = ctx.em.create(Document, {
    tenantId,
    title: input.title.trim(),
    content: input.content,
    mimeType: input.mimeType,
    ownerId,
  });
  await ctx.em.flush();
  return document;
}

export async function getDocument(ctx: Ctx, id: string): Promise<Document> {
  const document = await ctx.loaders.documentById.load(id);
  if (!document) throw new NotFoundError('Document', id);
  return document;
}

export async function updateDocument(ctx: Ctx, id: string, input: UpdateDocumentInput): Promise<Document> {
  requireTenant(ctx);
  const document = await getDocument(ctx, id);
  if (input.title !== undefined) document.title = input.title.trim();
  if (input.content !== undefined) document.content = input.content;
  if (input.status) document.status = input.status;
  await ctx.em.flush();
  return document;
}

export function listDocuments(ctx: Ctx, page: PageArgs): Promise<Page<Document>> {
  requireTenant(ctx);
  return findPage(ctx.em, Document, {}, page);
}
