import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors/errors.js';
import { SigningRequest, SigningRequestStatus } from '../entities/signing-request.entity.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import { signDocument } from './document-signing.service.js';
import { getDocument } from './document.service.js';

type Ctx = RequestContext<DocumentLoaders>;

/** Asks each of `signerIds` to sign the document: one PENDING request each. */
export async function requestSignatures(ctx: Ctx, documentId: string, signerIds: string[], message: string): Promise<SigningRequest[]> {
  const tenantId = requireTenant(ctx);
  const requesterId = ctx.caller.userId;
  if (!requesterId) throw new BadUserInputError('only a signed-in user can ask for signatures', [{ field: 'caller', message: 'must be a user' }]);
  await getDocument(ctx, documentId);
  const requests = [...new Set(signerIds)].map((signerId) => ctx.em.create(SigningRequest, { tenantId, documentId, requesterId, signerId, message: message.trim() }));
  await ctx.em.flush();
  return requests;
}

/** The request, if it is the caller's to answer and still open. */
async function openRequestOf(ctx: Ctx, id: string): Promise<SigningRequest> {
  requireTenant(ctx);
  const request = await ctx.em.findOne(SigningRequest, id);
  if (!request) throw new NotFoundError('SigningRequest', id);
  if (request.signerId !== ctx.caller.userId) throw new ForbiddenError('only the user asked to sign can answer this request');
  if (request.status !== SigningRequestStatus.PENDING) throw new ConflictError(`the request is already ${request.status}`);
  return request;
}

export async function signRequest(ctx: Ctx, id: string, reason: string): Promise<SigningRequest> {
  const request = await openRequestOf(ctx, id);
  const signature = await signDocument(ctx, request.documentId, reason);
  request.status = SigningRequestStatus.SIGNED;
  request.signatureId = signature.id;
  request.answeredAt = new Date();
  await ctx.em.flush();
  return request;
}

export async function declineRequest(ctx: Ctx, id: string, reason: string): Promise<SigningRequest> {
  const request = await openRequestOf(ctx, id);
  request.status = SigningRequestStatus.DECLINED;
  request.declineReason = reason.trim();
  request.answeredAt = new Date();
  await ctx.em.flush();
  return request;
}

/** Requests waiting for the caller's signature, oldest first. */
export function myPendingRequests(ctx: Ctx): Promise<SigningRequest[]> {
  requireTenant(ctx);
  return ctx.em.find(SigningRequest, { signerId: ctx.caller.userId ?? '00000000-0000-0000-0000-000000000000', status: SigningRequestStatus.PENDING }, { orderBy: { id: 'asc' } });
}

export function requestsOf(ctx: Ctx, documentId: string): Promise<SigningRequest[]> {
  requireTenant(ctx);
  return ctx.em.find(SigningRequest, { documentId }, { orderBy: { id: 'asc' } });
}
