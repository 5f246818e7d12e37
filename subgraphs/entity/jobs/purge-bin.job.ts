import { getConfig } from '../../../shared/config/config.js';
import { forTenant, type BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { purgeExpired, tenantsWithExpiredBins } from '../services/record-bin.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface PurgeBinData extends JobData {
  /** Records deleted longer ago than this are purged; the configured retention when absent. */
  retentionDays?: number;
}

/**
 * Empties every tenant's bin of records deleted longer ago than the retention period
 * (ENTITY_BIN_RETENTION_DAYS). Hourly, so a record outlives its retention by an hour at most.
 */
export const purgeBinJob: BackgroundJob<PurgeBinData> = {
  queue: 'entity.purge-bin',
  every: { ms: HOUR_MS, data: { tenantId: null } },
  async handle(job, { orm, log }) {
    const retentionDays = job.data.retentionDays ?? getConfig().entityBinRetentionDays;
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
    const tenants = await tenantsWithExpiredBins(orm.em.fork(), cutoff);
    let purged = 0;
    for (const [index, tenantId] of tenants.entries()) {
      purged += await purgeExpired(forTenant(orm, tenantId), cutoff);
      await job.progress(Math.round(((index + 1) / tenants.length) * 100));
    }
    log.info({ tenants: tenants.length, purged, cutoff }, 'bin purged');
    return { tenants: tenants.length, purged };
  },
};
