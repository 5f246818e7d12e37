import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger/logger.js';
import type { Caller } from './caller.js';
import type { RequestContext } from './context.js';

/** The platform itself acting in one tenant (a scheduled run), with every permission of that tenant. */
export function serviceCaller(tenantId: string, scopes: readonly string[] = ['*']): Caller {
  return { kind: 'service', userId: null, tenantId, scopes, principalId: null, clientIp: null };
}

/**
 * A request context for background work of one tenant (a billing run), so it goes through the
 * same services as a request would: `em` should be scoped to the tenant (`forTenant`) or a
 * transaction of such an EntityManager.
 */
export function serviceContext<Loaders extends object>(
  em: EntityManager,
  tenantId: string,
  log: Logger,
  createLoaders: (ctx: Omit<RequestContext, 'loaders'>) => Loaders,
): RequestContext<Loaders> {
  const base = { requestId: `service-${randomUUID()}`, caller: serviceCaller(tenantId), em, log };
  return { ...base, loaders: createLoaders(base) };
}
