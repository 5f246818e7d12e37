import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { rollUpDirtyHours } from '../services/rollup.service.js';

/** How often the roll-ups catch up; between runs, metrics read the new facts raw. */
const EVERY_MS = 60_000;

/**
 * Keeps the hourly roll-ups current across all tenants: rolls up dirty hours batch by batch
 * until none is left (or a run has done `maxBatches`, leaving the rest to the next run).
 */
export const rollUpFactsJob: BackgroundJob<JobData & { tenantId: null; maxBatches: number }> = {
  queue: 'analytics.rollup',
  every: { ms: EVERY_MS, data: { tenantId: null, maxBatches: 100 } },
  async handle(job, { em, log }) {
    let hours = 0;
    for (let batch = 0; batch < job.data.maxBatches; batch += 1) {
      const done = await rollUpDirtyHours(em);
      hours += done;
      if (!done) break;
      await job.progress(Math.min(99, batch + 1));
    }
    await job.progress(100);
    if (hours) log.info({ hours }, 'fact roll-ups brought up to date');
    return { hours };
  },
};
