import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { SearchEntry } from './entities/search-entry.entity.js';
import { createSearchLoaders, type SearchLoaders } from './loaders/search.loaders.js';
import { domainEventIndex } from './consumers/domain-event-index.consumer.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/** Full-text search over what the other subgraphs index, on PostgreSQL's own text search. */
export const search: SubgraphModule<SearchLoaders> = {
  name: 'search',
  entities: [SearchEntry],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createSearchLoaders,
  consumers: [domainEventIndex],
};
