import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config/config.js';
import { openEmbeddedDatabase } from './embedded-database.js';

/** Where a subgraph's ORM connects: a real PostgreSQL server, or the in-process PGlite. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolMax: number }
  | { kind: 'embedded'; db: PGlite };

/** `DATABASE_URL` selects the real server; without it, the embedded database under DATA_DIR. */
export async function databaseTargetFromConfig(config: Config): Promise<DatabaseTarget> {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl, poolMax: config.databasePoolMax };
  return { kind: 'embedded', db: await openEmbeddedDatabase(join(config.dataDir, 'pglite')) };
}

/** A short description for logs, never including credentials. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'embedded') return `embedded PGlite (${target.db.dataDir ?? 'memory'})`;
  const url = new URL(target.url);
  return `postgres ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
