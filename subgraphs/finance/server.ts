import { runSubgraph } from '../../shared/server/run-subgraph.js';
import { allEventConsumers } from '../index.js';
import { finance } from './subgraph.js';

/** Runs the finance subgraph alone (one container of docker-compose), configured from the environment. */
await runSubgraph(finance, allEventConsumers());
