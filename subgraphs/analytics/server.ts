import { runSubgraph } from '../../shared/server/run-subgraph.js';
import { allEventConsumers } from '../index.js';
import { analytics } from './subgraph.js';

/** Runs the analytics subgraph alone (one container of docker-compose), configured from the environment. */
await runSubgraph(analytics, allEventConsumers());
