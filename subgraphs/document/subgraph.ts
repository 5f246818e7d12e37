import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { Document } from './entities/document.entity.js';
import { createDocumentLoaders, type DocumentLoaders } from './loaders/document.loaders.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/** Documents of a tenant, owned by users. */
export const document: SubgraphModule<DocumentLoaders> = {
  name: 'document',
  entities: [Document],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createDocumentLoaders,
};
