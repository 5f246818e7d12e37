/**
 * npm run compose
 *
 * Writes each subgraph's SDL (from code) to schema/<name>.graphql and the composed supergraph
 * to schema/supergraph.graphql. Commit the result: `npm run schema:check` compares against it.
 */
import { writeFile } from 'node:fs/promises';
import { composeSupergraph } from '../shared/schema/compose.js';
import { SUBGRAPHS } from '../subgraphs/index.js';

try {
  const composed = await composeSupergraph(Object.values(SUBGRAPHS));
  for (const { name, sdl } of composed.subgraphs) {
    await writeFile(`schema/${name}.graphql`, `${sdl.trim()}\n`);
    console.log(`schema/${name}.graphql`);
  }
  await writeFile('schema/supergraph.graphql', composed.supergraphSdl);
  console.log('schema/supergraph.graphql');
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
