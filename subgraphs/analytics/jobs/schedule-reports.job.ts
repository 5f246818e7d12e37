import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { scheduleDueReports } from '../services/report.service.js';

/** Queues the runs of scheduled reports whose period has ended, every minute, across tenants. */
export const scheduleReportsJob: BackgroundJob<JobData & { tenantId: null }> = {
  queue: 'analytics.report-schedule',
  every: { ms: 60_000, data: { tenantId: null } },
  handle: async (job, { orm, log }) => {
    const queued = await scheduleDueReports(orm, new Date(), log);
    await job.progress(100);
    return { queued };
  },
};
