import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { runImport } from '../services/record-import.service.js';

export interface ImportRecordsData extends JobData {
  tenantId: string;
  importId: string;
}

/** Reads one uploaded file into records; progress is rows read. */
export const importRecordsJob: BackgroundJob<ImportRecordsData> = {
  queue: 'entity.import',
  handle: (job, { em, log }) => runImport(em, job.data.importId, log, (rows) => job.progress(rows)),
};
