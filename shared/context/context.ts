import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from './caller.js';
import type { Logger } from '../logger/logger.js';

/**
 * Everything a resolver and a service need about the request, built once per request by
 * the subgraph server and passed explicitly (services take it as their first argument).
 */
export interface RequestContext<Loaders extends object = object> {
  requestId: string;
  caller: Caller;
  /** A fork of the subgraph's EntityManager for this request only, tenant filter applied. */
  em: EntityManager;
  log: Logger;
  loaders: Loaders;
}

/** What the audit trail and the query log need to know about the request behind a flush. */
export interface ActorContext {
  requestId: string;
  actorId: string | null;
  tenantId: string | null;
}
