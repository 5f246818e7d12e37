import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { SearchEntry } from './entities/search-entry.entity.js';
import { SearchQuery } from './entities/search-query.entity.js';
import { SearchReindex } from './entities/search-reindex.entity.js';
import { SearchSettings } from './entities/search-settings.entity.js';
import { SearchTerm } from './entities/search-term.entity.js';
import { createSearchLoaders, type SearchLoaders } from './loaders/search.loaders.js';
import { domainEventIndex } from './consumers/domain-event-index.consumer.js';
import { reindexJob } from './jobs/reindex.job.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/** Full-text search over what the other subgraphs index, on PostgreSQL's own text search. */
export const search: SubgraphModule<SearchLoaders> = {
  name: 'search',
  entities: [SearchEntry, SearchTerm, SearchSettings, SearchQuery, SearchReindex],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createSearchLoaders,
  consumers: [domainEventIndex],
  jobs: [reindexJob],
};
