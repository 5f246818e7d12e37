import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { executeRun } from '../services/report.service.js';

/** Computes and delivers one report run (see executeRun); idempotent on redelivery. */
export const runReportJob: BackgroundJob<JobData & { tenantId: string; runId: string }> = {
  queue: 'analytics.report',
  concurrency: 2,
  handle: (job, { em, log }) => executeRun(em, job.data.runId, log),
};
