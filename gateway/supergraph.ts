import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * Reads a supergraph SDL file: ours (`schema/supergraph.graphql`) or any other composed by
 * rover or @apollo/composition, so the gateway can front subgraphs that are not ours.
 */
export async function loadSupergraphSdl(path: string): Promise<string> {
  const sdl = await readFile(resolve(path), 'utf8');
  if (!sdl.includes('@join__graph')) {
    throw new Error(`${path} is not a composed supergraph (no join__graph); run \`npm run compose\``);
  }
  return sdl;
}
