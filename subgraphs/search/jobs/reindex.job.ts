import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { runReindex } from '../services/search-reindex.service.js';

export interface ReindexData extends JobData {
  tenantId: string;
  reindexId: string;
}

/** Rebuilds a tenant's index from the owning subgraphs; progress is things read of the total. */
export const reindexJob: BackgroundJob<ReindexData> = {
  queue: 'search.reindex',
  handle: (job, { em, log }) => runReindex(em, job.data.reindexId, log, (percent) => job.progress(percent)),
};
