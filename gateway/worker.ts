import cluster from 'node:cluster';
import { getConfig } from '../shared/config/config.js';
import { serviceLogger } from '../shared/logger/logger.js';
import { onShutdown } from '../shared/server/shutdown.js';
import { reportMetricsToPrimary } from '../shared/telemetry/metrics.js';
import { startGateway } from './gateway-server.js';
import { loadTrustedDocuments } from './limits/trusted-documents.js';
import { loadSupergraphSdl } from './supergraph.js';

/**
 * One worker process of the gateway, started by gateway/main.ts: the gateway over the supergraph
 * at SUPERGRAPH_PATH, on the port all the workers share.
 */
const config = getConfig();
const log = serviceLogger('gateway').child({ worker: cluster.worker?.id });
const shared = cluster.isWorker && config.gatewayWorkers > 1;
if (shared) reportMetricsToPrimary();
const gateway = await startGateway({
  supergraphSdl: await loadSupergraphSdl(config.supergraphPath),
  port: config.gatewayPort,
  host: config.host,
  subgraphUrls: config.subgraphUrls,
  redisUrl: config.redisUrl,
  sharedWithWorkers: shared,
  rateLimitPolicy: config.rateLimitPolicy,
  trustedDocuments: config.trustedDocuments ? await loadTrustedDocuments(config.trustedDocuments.path, config.trustedDocuments.mode) : undefined,
});
if (cluster.isWorker) {
  // The primary decides when workers stop (SIGTERM, see main.ts): a Ctrl-C in a terminal reaches
  // every process of the group, and a worker must not exit before the primary tells it to drain.
  process.on('SIGINT', () => undefined);
  onShutdown(log, () => gateway.stop(), ['SIGTERM']);
  // A primary that is gone cannot restart or stop this worker: drain and leave with it.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
} else {
  onShutdown(log, () => gateway.stop());
}
