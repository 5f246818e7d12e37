import type { MikroORM } from '@mikro-orm/postgresql';
import { forTenant } from '../../../shared/jobs/background-job.js';
import { serviceLogger } from '../../../shared/logger/logger.js';
import { initOrm } from '../../../shared/orm/init-orm.js';
import { createTestDatabase, type TestDatabase } from '../../../shared/testing/test-database.js';
import { search } from '../subgraph.js';
import { PostgresSearchEngine } from './postgres-search-engine.js';
import { searchEngineContract } from './search-engine.contract.js';

// The built-in engine on the search subgraph's own migrated schema (PGlite, or PostgreSQL with DATABASE_URL).
searchEngineContract('postgres', async () => {
  const database: TestDatabase = await createTestDatabase();
  const orm: MikroORM = await initOrm(search, database.target, serviceLogger('test'), { migrate: true });
  return {
    engine: new PostgresSearchEngine(),
    scope: (tenantId) => ({ em: forTenant(orm, tenantId), tenantId }),
    async close() {
      await orm.close();
      await database.drop();
    },
  };
});
