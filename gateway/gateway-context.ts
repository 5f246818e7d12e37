import type { Caller } from '../shared/context/caller.js';
import type { Logger } from '../shared/logger/logger.js';

/** What the gateway knows about one request. */
export interface GatewayContext {
  requestId: string;
  caller: Caller;
  /** The caller signed for subgraphs, made once per request. */
  callerToken: string;
  log: Logger;
}
