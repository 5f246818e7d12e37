/**
 * npm start
 *
 * The whole supergraph in one process: the six subgraphs on their own ports and the gateway
 * in front, on the embedded PostgreSQL (PGlite, under DATA_DIR) unless DATABASE_URL is set.
 * Each subgraph is the same server that runs alone in docker-compose.
 */
import open from 'open';
import { getConfig } from '../shared/config/config.js';
import { serviceLogger } from '../shared/logger/logger.js';
import { databaseTargetFromConfig, describeTarget } from '../shared/orm/database-target.js';
import { onShutdown } from '../shared/server/shutdown.js';
import { startSubgraph, stopSubgraphs } from '../shared/server/subgraph-server.js';
import { allEventConsumers, SUBGRAPHS } from '../subgraphs/index.js';
import { startGateway } from '../gateway/gateway-server.js';
import { loadSupergraphSdl } from '../gateway/supergraph.js';

const started = performance.now();
const config = getConfig();
const log = serviceLogger('supergraph');
const database = await databaseTargetFromConfig(config);
log.info({ database: describeTarget(database) }, 'starting the supergraph');

const subgraphs = await Promise.all(
  Object.values(SUBGRAPHS).map((module) =>
    startSubgraph(module, {
      port: config.subgraphPorts[module.name as keyof typeof config.subgraphPorts],
      host: config.host,
      database,
      migrate: config.migrateOnStart,
      eventConsumers: allEventConsumers(),
      runWorkers: config.runWorkers,
    }),
  ),
);
const gateway = await startGateway({
  supergraphSdl: await loadSupergraphSdl(config.supergraphPath),
  port: config.gatewayPort,
  host: config.host,
  subgraphUrls: { ...Object.fromEntries(subgraphs.map((s) => [s.name, s.url])), ...config.subgraphUrls },
  redisUrl: config.redisUrl,
});
onShutdown(log, async () => {
  await gateway.stop();
  await stopSubgraphs(subgraphs);
});

const seconds = ((performance.now() - started) / 1000).toFixed(1);
log.info({ url: gateway.url, startupSeconds: Number(seconds) }, 'supergraph ready');
process.stdout.write(`\n  Supergraph ready in ${seconds}s: ${gateway.url}  (Apollo Sandbox opens there)\n\n`);
if (config.openBrowser && process.stdout.isTTY) await open(gateway.url).catch(() => undefined);
