import type { Constructor, EntityClass, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';

/** What a subgraph hands the kernel to get its ORM: its schema name, entities and migrations. */
export interface OrmModule {
  /** Also the PostgreSQL schema that holds this subgraph's tables. */
  name: string;
  entities: EntityClass<object>[];
  migrations: (MigrationObject | Constructor<Migration>)[];
  /** Folder where `npm run migration:create` writes new migrations for this module. */
  migrationsPath: string;
}
