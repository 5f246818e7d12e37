import { runSubgraph } from '../../shared/server/run-subgraph.js';
import { allEventConsumers } from '../index.js';
import { document } from './subgraph.js';

/** Runs the document subgraph alone (one container of docker-compose), configured from the environment. */
await runSubgraph(document, allEventConsumers());
