import { getConfig } from '../shared/config/config.js';
import { serviceLogger } from '../shared/logger/logger.js';
import { onShutdown } from '../shared/server/shutdown.js';
import { startGateway } from './gateway-server.js';
import { loadTrustedDocuments } from './limits/trusted-documents.js';
import { loadSupergraphSdl } from './supergraph.js';

/** Runs the gateway alone over the supergraph at SUPERGRAPH_PATH (docker-compose, production). */
const config = getConfig();
const gateway = await startGateway({
  supergraphSdl: await loadSupergraphSdl(config.supergraphPath),
  port: config.gatewayPort,
  host: config.host,
  subgraphUrls: config.subgraphUrls,
  redisUrl: config.redisUrl,
  rateLimitPolicy: config.rateLimitPolicy,
  trustedDocuments: config.trustedDocuments ? await loadTrustedDocuments(config.trustedDocuments.path, config.trustedDocuments.mode) : undefined,
});
onShutdown(serviceLogger('gateway'), () => gateway.stop());
