import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { domainEventFacts } from './consumers/domain-event-facts.consumer.js';
import { AnalyticsEvent } from './entities/analytics-event.entity.js';
import { Dashboard } from './entities/dashboard.entity.js';
import { Widget } from './entities/widget.entity.js';
import { FactBatch } from './entities/fact-batch.entity.js';
import { FactRollup, FactRollupDirty } from './entities/rollup.entity.js';
import { rollUpFactsJob } from './jobs/roll-up-facts.job.js';
import { runReportJob } from './jobs/run-report.job.js';
import { scheduleReportsJob } from './jobs/schedule-reports.job.js';
import { Report } from './entities/report.entity.js';
import { ReportRun } from './entities/report-run.entity.js';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './loaders/analytics.loaders.js';
import { migrations } from './migrations/index.js';
import { buildSchema } from './schema.js';

/** Events a tenant tracks (and every change elsewhere, as facts), and their counts over time. */
export const analytics: SubgraphModule<AnalyticsLoaders> = {
  name: 'analytics',
  entities: [AnalyticsEvent, Dashboard, Widget, FactBatch, FactRollup, FactRollupDirty, Report, ReportRun],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createAnalyticsLoaders,
  consumers: [domainEventFacts],
  jobs: [rollUpFactsJob, runReportJob, scheduleReportsJob],
};
