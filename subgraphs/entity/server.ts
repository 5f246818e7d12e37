import { runSubgraph } from '../../shared/server/run-subgraph.js';
import { allEventConsumers } from '../index.js';
import { entity } from './subgraph.js';

/** Runs the entity subgraph alone (one container of docker-compose), configured from the environment. */
await runSubgraph(entity, allEventConsumers());
