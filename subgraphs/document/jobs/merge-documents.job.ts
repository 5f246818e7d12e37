import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { runMerge } from '../services/document-merge.service.js';

export interface MergeDocumentsData extends JobData {
  tenantId: string;
  documentId: string;
  sourceIds: string[];
}

/** Merges PDFs into one document (see runMerge); idempotent on redelivery. */
export const mergeDocumentsJob: BackgroundJob<MergeDocumentsData> = {
  queue: 'document.merge',
  handle: (job, { em }) => runMerge(em, job.data.documentId, job.data.sourceIds, (percent) => job.progress(percent)),
};
