import { UnauthenticatedError } from '../errors/errors.js';
import type { RequestContext } from './context.js';

/** The caller's tenant, or UNAUTHENTICATED when the request acts in no tenant. */
export function requireTenant(ctx: Pick<RequestContext, 'caller'>): string {
  if (!ctx.caller.tenantId) throw new UnauthenticatedError('this operation needs a tenant: sign in to one');
  return ctx.caller.tenantId;
}
