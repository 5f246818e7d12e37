import pg from 'pg';
import { getConfig } from '../config/config.js';
import type { DatabaseTarget } from '../orm/database-target.js';
import { openEmbeddedDatabase } from '../orm/embedded-database.js';

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

let sequence = 0;

/**
 * A database of its own for one test file: a fresh `supergraph_test_<pid>_<n>` on the server
 * when DATABASE_URL is set (dropped afterwards), otherwise a fresh in-memory PGlite. Runs
 * never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { databaseUrl } = getConfig();
  if (!databaseUrl) {
    const db = await openEmbeddedDatabase('memory://');
    return { target: { kind: 'embedded', db }, drop: () => db.close() };
  }
  const name = `supergraph_test_${process.pid}_${Date.now().toString(36)}_${sequence++}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString(), poolMax: 5 },
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
