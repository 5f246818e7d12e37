import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { Invoice } from './entities/invoice.entity.js';
import { createFinanceLoaders, type FinanceLoaders } from './loaders/finance.loaders.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/** Invoices of a tenant, in whole minor units of their currency. */
export const finance: SubgraphModule<FinanceLoaders> = {
  name: 'finance',
  entities: [Invoice],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createFinanceLoaders,
};
