import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuditSubscriber } from '../audit/audit.subscriber.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { OutboxSubscriber } from '../events/outbox.subscriber.js';
import { ProcessedEvent } from '../events/processed-event.entity.js';
import type { Logger } from '../logger/logger.js';
import { TenantOwnedEntity } from './base.entity.js';
import type { DatabaseTarget } from './database-target.js';
import type { OrmModule } from './orm-module.js';
import { PgliteDialect } from './pglite-dialect.js';
import { OrmLogBridge } from './query-log.js';

export const TENANT_FILTER = 'tenant';

function connectionOptions(target: DatabaseTarget): Partial<Options> {
  if (target.kind === 'postgres') return { clientUrl: target.url, pool: { min: 0, max: target.poolMax } };
  // The same PostgreSqlDriver and platform as for a real server: only the Kysely dialect differs.
  return { dbName: 'postgres', driverOptions: new PgliteDialect(target.db) };
}

export interface OrmHooks {
  /** Called after a transaction commits, so the outbox relay can send its events at once. */
  onCommit?: () => void;
}

/** The MikroORM options of one subgraph; exported for the migration tooling. */
export function ormOptions(module: OrmModule, target: DatabaseTarget, log: Logger, hooks: OrmHooks = {}): Options {
  const tenantOwned = module.entities.filter((entity) => entity.prototype instanceof TenantOwnedEntity);
  return {
    ...connectionOptions(target),
    entities: [...module.entities, AuditEntry, OutboxEvent, ProcessedEvent],
    schema: module.name,
    // Each subgraph's own name for MikroORM's async-local transaction context. With the shared
    // default, work started inside one subgraph's transaction (an in-process job queued by its
    // outbox relay) would join that transaction from another subgraph's EntityManager.
    contextName: module.name,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // Order matters: the outbox turns the audit entries of a flush into events.
    subscribers: [new AuditSubscriber([OutboxEvent, ProcessedEvent]), new OutboxSubscriber(hooks.onCommit)],
    filters: {
      [TENANT_FILTER]: {
        cond: (args: { tenantId: string | null }) => ({ tenantId: args.tenantId }),
        entity: [...tenantOwned.map((entity) => entity.name), AuditEntry.name],
        default: true,
      },
    },
    migrations: {
      tableName: 'mikro_orm_migrations',
      schema: module.name,
      migrationsList: module.migrations,
      path: module.migrationsPath,
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
    },
    loggerFactory: () => new OrmLogBridge(log, module.name),
    debug: ['query'],
    forceUtcTimezone: true,
    // Every request works on its own fork; touching the global EntityManager is a bug.
    allowGlobalContext: false,
  };
}

/**
 * Connects a subgraph's ORM, makes sure its schema exists and, when asked, applies its pending
 * migrations (development start-up and tests; production runs `npm run migrate`).
 */
export async function initOrm(
  module: OrmModule,
  target: DatabaseTarget,
  log: Logger,
  { migrate, hooks }: { migrate: boolean; hooks?: OrmHooks },
): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(module, target, log, hooks));
  if (migrate) await migrateOrm(orm, module, log);
  return orm;
}

/** Applies pending migrations, all or nothing, and logs what ran. */
export async function migrateOrm(orm: MikroORM, module: OrmModule, log: Logger): Promise<string[]> {
  await orm.em.getConnection().execute(`create schema if not exists "${module.name}"`);
  const applied = await orm.migrator.up();
  if (applied.length) log.info({ schema: module.name, migrations: applied.map((m) => m.name) }, 'migrations applied');
  return applied.map((m) => m.name);
}
