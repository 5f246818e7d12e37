import type { Caller } from '../shared/context/caller.js';
import type { Logger } from '../shared/logger/logger.js';

/** What the gateway knows about one request. */
export interface GatewayContext {
  requestId: string;
  caller: Caller;
  /**
   * The caller signed for subgraphs: a token valid now, signed at most every half token life
   * (see callerTokenSigner), asked for as each fetch leaves.
   */
  signCaller: () => Promise<string>;
  log: Logger;
}
