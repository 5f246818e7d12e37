import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signCallerToken } from '../../shared/auth/caller-token.js';
import { ANONYMOUS } from '../../shared/context/caller.js';
import type { Logger } from '../../shared/logger/logger.js';
import type { UpstreamConnectionParams } from '../../shared/server/subscription-server.js';

/**
 * One graphql-ws connection per subgraph, shared by every client subscription this gateway
 * forwards there (each operation carries its own signed caller). Lazy: opened with the first
 * subscription, closed a moment after the last; re-signed on every reconnect.
 */
export class UpstreamClients {
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly urls: Record<string, string>,
    private readonly internalTokenSecret: string,
    private readonly log: Logger,
  ) {}

  for(subgraph: string): Client {
    let client = this.clients.get(subgraph);
    if (client) return client;
    const url = this.urls[subgraph];
    if (!url) throw new Error(`no routing URL for subgraph "${subgraph}"`);
    client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 1_000,
      keepAlive: 15_000,
      retryAttempts: 5,
      connectionParams: async (): Promise<UpstreamConnectionParams> => ({
        gatewayToken: await signCallerToken(ANONYMOUS, this.internalTokenSecret),
      }),
      on: {
        closed: (event) => this.log.debug({ subgraph, code: (event as { code?: number }).code }, 'upstream subscription connection closed'),
      },
    });
    this.clients.set(subgraph, client);
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.dispose()));
    this.clients.clear();
  }
}
