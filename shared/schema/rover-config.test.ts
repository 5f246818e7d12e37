import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '../config/config.js';
import { defaultRoutingUrl } from './compose.js';

// rover has no binary on our machines, so this pins rover.yaml to what `npm run compose` does:
// a user with rover composes the same supergraph from the same files.
describe('rover.yaml', () => {
  const config = parse(readFileSync('rover.yaml', 'utf8')) as {
    federation_version: string;
    subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
  };

  it('names the six subgraphs with our routing URLs and committed SDL files', () => {
    expect(Object.keys(config.subgraphs)).toEqual([...SUBGRAPH_NAMES]);
    for (const name of SUBGRAPH_NAMES) {
      expect(config.subgraphs[name]).toEqual({
        routing_url: defaultRoutingUrl(name),
        schema: { file: `./schema/${name}.graphql` },
      });
      expect(existsSync(`schema/${name}.graphql`)).toBe(true);
    }
  });

  it('pins the federation version of the composition library we use', () => {
    const composition = JSON.parse(readFileSync('node_modules/@apollo/composition/package.json', 'utf8')) as { version: string };
    expect(config.federation_version).toBe(`=${composition.version}`);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
    services: Record<string, { command?: string[]; environment?: Record<string, string>; healthcheck?: unknown; depends_on?: Record<string, unknown> }>;
  };

  it('runs every subgraph and the gateway with a health check', () => {
    for (const name of [...SUBGRAPH_NAMES, 'gateway', 'postgres', 'redis', 'jaeger']) {
      expect({ name, healthcheck: Boolean(compose.services[name]?.healthcheck) }).toEqual({ name, healthcheck: true });
    }
    for (const name of SUBGRAPH_NAMES) {
      expect(compose.services[name].command).toContain(`subgraphs/${name}/server.ts`);
      expect(existsSync(`subgraphs/${name}/server.ts`)).toBe(true);
    }
  });

  it('points the gateway at each subgraph container', () => {
    const env = compose.services.gateway.environment ?? {};
    for (const name of SUBGRAPH_NAMES) {
      expect(env[`SUBGRAPH_URL_${name.toUpperCase()}`]).toMatch(new RegExp(`^http://${name}:\\d+/graphql$`));
    }
    expect(Object.keys(compose.services.gateway.depends_on ?? {})).toEqual(expect.arrayContaining([...SUBGRAPH_NAMES]));
  });
});
