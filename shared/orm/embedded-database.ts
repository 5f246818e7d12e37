import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
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
  const db = PGlite.create({ dataDir: dataDir === 'memory://' ? undefined : key, parsers });
  open.set(key, db);
  return db;
}

/** Closes every embedded database this process opened. */
export async function closeEmbeddedDatabases(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.all(all.map(async (db) => (await db).close()));
}
