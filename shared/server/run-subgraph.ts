import { getConfig } from '../config/config.js';
import type { EventConsumer } from '../events/event-consumer.js';
import { serviceLogger } from '../logger/logger.js';
import { databaseTargetFromConfig } from '../orm/database-target.js';
import { startSubgraph, type RunningSubgraph } from './subgraph-server.js';
import type { SubgraphModule } from './subgraph-module.js';
import { onShutdown } from './shutdown.js';

/**
 * Starts one subgraph as its own process: port, database and migrations from the config;
 * `eventConsumers` are all the supergraph's, so its outbox relay can queue events for them.
 */
export async function runSubgraph(module: SubgraphModule, eventConsumers: readonly EventConsumer[]): Promise<RunningSubgraph> {
  const config = getConfig();
  const running = await startSubgraph(module, {
    port: config.subgraphPorts[module.name as keyof typeof config.subgraphPorts],
    host: config.host,
    database: await databaseTargetFromConfig(config),
    migrate: config.migrateOnStart,
    eventConsumers,
    runWorkers: config.runWorkers,
  });
  onShutdown(serviceLogger(module.name), () => running.stop());
  return running;
}
