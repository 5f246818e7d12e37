import { runSubgraph } from '../../shared/server/run-subgraph.js';
import { allEventConsumers } from '../index.js';
import { identity } from './subgraph.js';

/** Runs the identity subgraph alone (one container of docker-compose), configured from the environment. */
await runSubgraph(identity, allEventConsumers());
