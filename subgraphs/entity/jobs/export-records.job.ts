import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { runExport } from '../services/record-export.service.js';

export interface ExportRecordsData extends JobData {
  tenantId: string;
  exportId: string;
}

/** Writes one export's file; progress is rows written. */
export const exportRecordsJob: BackgroundJob<ExportRecordsData> = {
  queue: 'entity.export',
  handle: (job, { em }) => runExport(em, job.data.exportId, (rows) => job.progress(rows)),
};
