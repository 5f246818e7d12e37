import type { PGlite } from '@electric-sql/pglite';
import { Mutex, withTimeout, type MutexInterface } from 'async-mutex';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * One lock per PGlite instance. PGlite is a single PostgreSQL session, so every MikroORM
 * instance that shares it (the six subgraphs of `npm start` share one) must take turns:
 * a connection is held from acquire to release, which makes a transaction exclusive for its
 * whole life instead of statement by statement. Kysely's own PGlite driver hands out one
 * shared connection without such a lock, so two concurrent transactions would interleave.
 */
const locks = new WeakMap<PGlite, MutexInterface>();

function lockFor(db: PGlite, timeoutMs: number): MutexInterface {
  let lock = locks.get(db);
  if (!lock) {
    lock = withTimeout(
      new Mutex(),
      timeoutMs,
      new Error(`embedded database busy for over ${timeoutMs} ms (a transaction waiting on itself?)`),
    );
    locks.set(db, lock);
  }
  return lock;
}

class PgliteSession implements DatabaseConnection {
  constructor(private readonly db: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Schema dumps and migrations send several statements at once, which only the simple
    // query protocol (exec) accepts; anything with parameters goes through the extended one.
    const result =
      query.parameters.length === 0
        ? ((await this.db.exec(query.sql, { rowMode: 'object' })).at(-1) ?? { rows: [], affectedRows: 0 })
        : await this.db.query<R>(query.sql, query.parameters as unknown[], { rowMode: 'object' });
    return {
      rows: result.rows as R[],
      numAffectedRows: result.affectedRows == null ? undefined : BigInt(result.affectedRows),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on the embedded database');
  }
}

class PgliteDriver implements Driver {
  private release: MutexInterface.Releaser | undefined;
  private readonly session: PgliteSession;
  private readonly lock: MutexInterface;

  constructor(private readonly db: PGlite, acquireTimeoutMs: number) {
    this.session = new PgliteSession(db);
    this.lock = lockFor(db, acquireTimeoutMs);
  }

  async init(): Promise<void> {
    await this.db.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.lock.acquire();
    this.release = release;
    return this.session;
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [
      settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '',
      settings.accessMode ?? '',
    ].filter(Boolean);
    await connection.executeQuery(CompiledQuery.raw(`start transaction ${modes.join(', ')}`.trim()));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
  }

  // The PGlite instance outlives any one ORM: the process owns it (see embedded-database.ts).
  async destroy(): Promise<void> {}
}

/** A Kysely dialect over an in-process PGlite, safe for concurrent transactions. */
export class PgliteDialect implements Dialect {
  constructor(private readonly db: PGlite, private readonly acquireTimeoutMs = 30_000) {}

  createDriver(): Driver {
    return new PgliteDriver(this.db, this.acquireTimeoutMs);
  }

  createQueryCompiler(): PostgresQueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): PostgresAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): PostgresIntrospector {
    return new PostgresIntrospector(db);
  }
}
