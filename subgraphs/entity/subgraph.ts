import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { EntityRecord } from './entities/entity-record.entity.js';
import { createEntityLoaders, type EntityLoaders } from './loaders/entity.loaders.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/** Generic records of a tenant: typed JSON objects, the seed of custom entity types. */
export const entity: SubgraphModule<EntityLoaders> = {
  name: 'entity',
  entities: [EntityRecord],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createEntityLoaders,
};
