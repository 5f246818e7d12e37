import type { AuthCheckerFn } from 'type-graphql';
import type { RequestContext } from '../context/context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors.js';
import { grants, SIGNED_IN_USER } from './permissions.js';

/**
 * The one authorisation check of every subgraph, driven by `@Authorized(...)` on each root
 * field: `@Authorized()` needs a signed-in caller acting in a tenant, `@Authorized('x:y:z')`
 * also needs that permission, `@Authorized(SIGNED_IN_USER)` a user with or without a tenant.
 * A root field without `@Authorized` is public on purpose (the
 * permission snapshot test lists every root field so that shows up in review).
 */
export const authChecker: AuthCheckerFn<RequestContext> = ({ context }, required) => {
  const { caller } = context;
  if (required.includes(SIGNED_IN_USER)) {
    if (caller.kind !== 'user' || !caller.userId) throw new UnauthenticatedError('sign in to do this');
    return true;
  }
  if (caller.kind === 'anonymous' || !caller.tenantId) {
    throw new UnauthenticatedError('sign in to a tenant to do this');
  }
  const missing = required.filter((permission) => !grants(caller.scopes, permission));
  if (missing.length) throw new ForbiddenError(`missing permission: ${missing.join(', ')}`);
  return true;
};
