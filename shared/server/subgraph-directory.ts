import { getConfig } from '../config/config.js';

/**
 * Where each subgraph answers, for subgraph-to-subgraph calls (a document pulling a record to
 * render, search fetching what it indexes). A subgraph started in this process registers its
 * real address (tests and `npm start` pick free or configured ports); otherwise the
 * SUBGRAPH_URL_<NAME> override, else the configured port on HOST.
 */
const running = new Map<string, string>();

export function registerSubgraphUrl(name: string, url: string): void {
  running.set(name, url);
}

export function unregisterSubgraphUrl(name: string, url: string): void {
  if (running.get(name) === url) running.delete(name);
}

export function subgraphUrl(name: string): string {
  const config = getConfig();
  const here = running.get(name);
  if (here) return here;
  const configured = config.subgraphUrls[name as keyof typeof config.subgraphUrls];
  if (configured) return configured;
  const port = config.subgraphPorts[name as keyof typeof config.subgraphPorts];
  if (port === undefined) throw new Error(`no subgraph named ${name}`);
  return `http://${config.host}:${port}/graphql`;
}
