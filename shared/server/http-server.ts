import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Creates an HTTP server (not yet listening). Idle keep-alive sockets stay
 * open longer than the clients' (undici keeps them 4 s, load balancers typically 60 s): when a
 * server closes first, a request already sent on the socket dies with ECONNRESET, which under
 * load failed gateway-to-subgraph fetches. Node's default of 5 s was that race.
 */
export function createHttpServer(listener?: RequestListener): Server {
  const server = createServer(listener);
  server.keepAliveTimeout = 65_000;
  // Must exceed keepAliveTimeout, or Node may drop a socket mid-request on its headers timer.
  server.headersTimeout = 66_000;
  return server;
}

/** Listens on `port` (0 picks a free one) and resolves with the port actually bound. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
