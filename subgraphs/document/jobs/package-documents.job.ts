import type { BackgroundJob } from '../../../shared/jobs/background-job.js';
import type { JobData } from '../../../shared/jobs/job-queue.js';
import { runPackage } from '../services/document-package.service.js';

export interface PackageDocumentsData extends JobData {
  tenantId: string;
  documentId: string;
  /** The versions fixed when the package was asked for. */
  versions: { documentId: string; version: number }[];
}

/** Builds a ZIP package with a manifest (see runPackage); idempotent on redelivery. */
export const packageDocumentsJob: BackgroundJob<PackageDocumentsData> = {
  queue: 'document.package',
  handle: (job, { em }) => runPackage(em, job.data.documentId, job.data.versions, (percent) => job.progress(percent)),
};
