/**
 * npm run migration:create -- <subgraph> [name]
 *
 * Diffs the subgraph's entities against its migrated schema and writes a new migration.
 * It migrates a scratch in-memory PostgreSQL (PGlite), so it needs no database server and
 * never touches real data.
 */
import { serviceLogger } from '../shared/logger/logger.js';
import { closeEmbeddedDatabases, openEmbeddedDatabase } from '../shared/orm/embedded-database.js';
import { initOrm } from '../shared/orm/init-orm.js';
import { writeMigrationIndex } from '../shared/orm/migration-files.js';
import { subgraphByName } from '../subgraphs/index.js';

const [name, label] = process.argv.slice(2);
if (!name) {
  console.error('usage: npm run migration:create -- <subgraph> [name]');
  process.exit(2);
}
const module = subgraphByName(name);
const log = serviceLogger('migration-create');
const orm = await initOrm(module, { kind: 'embedded', db: await openEmbeddedDatabase('memory://') }, log, { migrate: true });
const result = await orm.migrator.create(module.migrationsPath, false, false, label);
await orm.close();
await closeEmbeddedDatabases();
if (!result.fileName) {
  console.log(`${name}: entities and migrations agree; nothing to generate`);
} else {
  writeMigrationIndex(module.migrationsPath, name);
  console.log(`${name}: wrote ${result.fileName} (${result.diff.up.length} statements)`);
}
