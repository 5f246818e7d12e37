import type { RequestContext } from '../../../shared/context/context.js';
import { serviceLogger } from '../../../shared/logger/logger.js';
import { querySubgraph } from '../../../shared/server/subgraph-client.js';

const log = serviceLogger('analytics');

/**
 * The caller's role name in its tenant, asked of the identity subgraph (roles are its data),
 * once per request. Null for callers that are not users, or when identity cannot say: the
 * caller then sees only what is theirs, never more.
 */
export function callerRoleLoader(ctx: Omit<RequestContext, 'loaders'>): () => Promise<string | null> {
  let role: Promise<string | null> | undefined;
  return () =>
    (role ??= ctx.caller.userId
      ? querySubgraph<{ me: { role: { name: string } | null } | null }>('identity', '{ me { role { name } } }', {}, ctx.caller, { requestId: ctx.requestId })
          .then((answer) => answer.me?.role?.name ?? null)
          .catch((error: unknown) => {
            log.warn({ err: error, requestId: ctx.requestId }, 'could not learn the caller role; showing only their own dashboards');
            return null;
          })
      : Promise.resolve(null));
}
