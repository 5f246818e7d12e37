import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { renderDocument } from '../services/generation.service.js';

export interface GenerateDocumentData extends JobData {
  tenantId: string;
  documentId: string;
  data: Record<string, unknown>;
}

/** Renders one generated document to PDF (see renderDocument); idempotent on redelivery. */
export const generateDocumentJob: BackgroundJob<GenerateDocumentData> = {
  queue: 'document.generate',
  concurrency: 2,
  handle: (job, { em, log }) => renderDocument(em, job.data.documentId, job.data.data, (percent) => job.progress(percent), log),
};
