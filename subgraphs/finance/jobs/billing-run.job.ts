import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { runBillingForAll } from '../services/billing-run.service.js';

/** Every minute: bills every subscription period that has ended, in every tenant (exactly once each). */
export const billingRunJob: BackgroundJob<JobData> = {
  queue: 'finance.billing-run',
  every: { ms: 60_000, data: {} },
  handle: (_job, { orm, log }) => runBillingForAll(orm, new Date(), log),
};
