/**
 * npm run migrate [-- <subgraph> ...]
 *
 * Applies pending migrations of every subgraph (or the named ones) to the configured database:
 * the production path, where servers start with MIGRATE_ON_START=false.
 */
import { getConfig } from '../shared/config/config.js';
import { serviceLogger } from '../shared/logger/logger.js';
import { databaseTargetFromConfig, describeTarget } from '../shared/orm/database-target.js';
import { closeEmbeddedDatabases } from '../shared/orm/embedded-database.js';
import { initOrm, migrateOrm } from '../shared/orm/init-orm.js';
import { SUBGRAPHS, subgraphByName } from '../subgraphs/index.js';

const names = process.argv.slice(2);
const modules = names.length ? names.map(subgraphByName) : Object.values(SUBGRAPHS);
const log = serviceLogger('migrate');
const target = await databaseTargetFromConfig(getConfig());
console.log(`migrating ${modules.map((m) => m.name).join(', ')} on ${describeTarget(target)}`);
for (const module of modules) {
  const orm = await initOrm(module, target, log, { migrate: false });
  const applied = await migrateOrm(orm, module, log);
  console.log(`${module.name}: ${applied.length ? applied.join(', ') : 'up to date'}`);
  await orm.close();
}
await closeEmbeddedDatabases();
