import type { Logger } from '../logger/logger.js';
import { closePubSub } from '../events/pubsub.js';
import { closeJobBackend } from '../jobs/job-backend.js';
import { closeEmbeddedDatabases } from '../orm/embedded-database.js';
import { closeRedisClients } from '../redis/redis-client.js';
import { stopTracing } from '../telemetry/tracing.js';

/** Closes what the process shares between its servers: queues, pub/sub, Redis, PGlite; flushes spans. */
export async function closeSharedResources(): Promise<void> {
  await stopTracing();
  await closeJobBackend();
  await closePubSub();
  await closeRedisClients();
  await closeEmbeddedDatabases();
}

/**
 * Stops cleanly on SIGINT/SIGTERM: runs `stop` (servers drain in-flight requests), closes the
 * shared resources (the embedded database last, so PGlite flushes its files), then exits. A second signal exits at once.
 */
export function onShutdown(log: Logger, stop: () => Promise<void>, signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => closeSharedResources())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  for (const signal of signals) process.once(signal, handler);
}
