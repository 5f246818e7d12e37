import type { Logger } from '../logger/logger.js';
import { closeEmbeddedDatabases } from '../orm/embedded-database.js';

/**
 * Stops cleanly on SIGINT/SIGTERM: runs `stop` (servers drain in-flight requests), closes the
 * embedded database so PGlite flushes its files, then exits. A second signal exits at once.
 */
export function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => closeEmbeddedDatabases())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
