import { runSubgraph } from '../../shared/server/run-subgraph.js';
import { allEventConsumers } from '../index.js';
import { search } from './subgraph.js';

/** Runs the search subgraph alone (one container of docker-compose), configured from the environment. */
await runSubgraph(search, allEventConsumers());
