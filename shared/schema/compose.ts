import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { DEFAULT_SUBGRAPH_PORTS, type SubgraphName } from '../config/config.js';
import type { SubgraphModule } from '../server/subgraph-module.js';

export interface ComposedSupergraph {
  /** Each subgraph's SDL as printed from its code, by name. */
  subgraphs: { name: string; url: string; sdl: string }[];
  supergraphSdl: string;
}

/** The routing URL a subgraph has in the committed supergraph and in rover.yaml. */
export function defaultRoutingUrl(name: string): string {
  return `http://localhost:${DEFAULT_SUBGRAPH_PORTS[name as SubgraphName]}/graphql`;
}

/** Thrown with every composition error, one a line. */
export class CompositionError extends Error {}

/**
 * Prints each subgraph's SDL from code and composes the supergraph in-process with
 * @apollo/composition (what `rover supergraph compose` does, without the binary).
 */
export async function composeSupergraph(modules: SubgraphModule[]): Promise<ComposedSupergraph> {
  const subgraphs = await Promise.all(
    modules.map(async (module) => ({
      name: module.name,
      url: defaultRoutingUrl(module.name),
      sdl: printSubgraphSchema(await module.buildSchema()),
    })),
  );
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new CompositionError(`composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  return { subgraphs, supergraphSdl: result.supergraphSdl };
}
