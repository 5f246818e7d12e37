import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { EntityField } from './entities/entity-field.entity.js';
import { EntityRecord } from './entities/entity-record.entity.js';
import { EntityType } from './entities/entity-type.entity.js';
import { MatchRule } from './entities/match-rule.entity.js';
import { RecordExport } from './entities/record-export.entity.js';
import { RecordImport } from './entities/record-import.entity.js';
import { exportRecordsJob } from './jobs/export-records.job.js';
import { importRecordsJob } from './jobs/import-records.job.js';
import { recordFileRoutes } from './routes/record-files.route.js';
import { RecordLink } from './entities/record-link.entity.js';
import { RelationType } from './entities/relation-type.entity.js';
import { purgeBinJob } from './jobs/purge-bin.job.js';
import { createEntityLoaders, type EntityLoaders } from './loaders/entity.loaders.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/** Generic records of a tenant: JSON objects, validated against the tenant's entity type of the same name when it has one. */
export const entity: SubgraphModule<EntityLoaders> = {
  name: 'entity',
  entities: [EntityRecord, EntityType, EntityField, RelationType, RecordLink, MatchRule, RecordImport, RecordExport],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createEntityLoaders,
  jobs: [purgeBinJob, importRecordsJob, exportRecordsJob],
  routes: recordFileRoutes,
};
