import type { SubgraphName } from '../shared/config/config.js';
import type { EventConsumer } from '../shared/events/event-consumer.js';
import type { SubgraphModule } from '../shared/server/subgraph-module.js';
import { analytics } from './analytics/subgraph.js';
import { document } from './document/subgraph.js';
import { entity } from './entity/subgraph.js';
import { finance } from './finance/subgraph.js';
import { identity } from './identity/subgraph.js';
import { search } from './search/subgraph.js';

/** Every subgraph of the supergraph, in composition order. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule> = {
  identity,
  entity,
  document,
  finance,
  search,
  analytics,
} as Record<SubgraphName, SubgraphModule>;

/** Every event consumer of every subgraph: the outbox relays queue events for these. */
export function allEventConsumers(): EventConsumer[] {
  return Object.values(SUBGRAPHS).flatMap((module) => module.consumers ?? []);
}

export function subgraphByName(name: string): SubgraphModule {
  const module = SUBGRAPHS[name as SubgraphName];
  if (!module) throw new Error(`unknown subgraph "${name}"; one of: ${Object.keys(SUBGRAPHS).join(', ')}`);
  return module;
}
