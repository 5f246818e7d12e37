import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGlite } from '@electric-sql/pglite';
import { createPostgreSqlTypeParsers } from '@mikro-orm/sql';
import parseArray from 'postgres-array';

const open = new Map<string, Promise<PGlite>>();

/**
 * The embedded PostgreSQL (PGlite) of this process, persisted under `dataDir`, or kept in
 * memory when `dataDir` is `memory://` (tests). One instance per directory: PGlite owns its
 * files, so two instances over one folder would corrupt it.
 *
 * Type parsers match what MikroORM installs on `pg` for a real server, so entities see the
 * same values in both modes.
 */
export function openEmbeddedDatabase(dataDir: string): Promise<PGlite> {
  const key = dataDir === 'memory://' ? `memory://${open.size}` : resolve(dataDir);
  if (dataDir !== 'memory://') {
    const existing = open.get(key);
    if (existing) return existing;
    mkdirSync(key, { recursive: true });
  }
  const parsers = createPostgreSqlTypeParsers((value: string) => parseArray.parse(value));
  // pg_trgm (trigram similarity) ships with PGlite as a loadable module: the same fuzzy matching as on a server.
  const db = PGlite.create({ dataDir: dataDir === 'memory://' ? undefined : key, parsers, extensions: { pg_trgm } });
  open.set(key, db);
  return db;
}

/** Closes every embedded database this process opened. */
export async function closeEmbeddedDatabases(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.all(all.map(async (db) => (await db).close()));
}
