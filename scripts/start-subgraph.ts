/**
 * npm run start:subgraph -- <name>
 *
 * One subgraph alone, as a container runs it; port, database and migrations from the config.
 */
import { runSubgraph } from '../shared/server/run-subgraph.js';
import { allEventConsumers, subgraphByName } from '../subgraphs/index.js';

const [name] = process.argv.slice(2);
if (!name) {
  console.error('usage: npm run start:subgraph -- <name>');
  process.exit(2);
}
await runSubgraph(subgraphByName(name), allEventConsumers());
