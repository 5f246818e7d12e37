import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger/logger.js';
import { TENANT_FILTER } from '../orm/init-orm.js';
import { observeJob } from '../telemetry/metrics.js';
import { traceCarrier, withJobSpan } from '../telemetry/tracing.js';

/** Where a job's data carries the trace context of whoever queued it. */
const TRACE_KEY = '_trace';
import { jobBackend } from './job-backend.js';
import type { JobBackend, JobContext, JobData, JobOptions, JobWorker } from './job-queue.js';

/**
 * A subgraph's own background work (an import, a purge, a billing run): a queue, a handler,
 * and optionally a period to run it on its own. Listed in the module's `jobs`, run by the
 * subgraph's process or by `npm run start:worker`, whichever runs its workers.
 */
export interface BackgroundJob<T extends JobData = JobData> {
  /** `<subgraph>.<job>`, e.g. `entity.import`. */
  queue: string;
  /**
   * Runs on a fresh EntityManager scoped to `data.tenantId` like a request of that tenant. A job
   * of no tenant (a scheduled sweep over all of them) gets one with no tenant set, on which any
   * read of tenant-owned rows fails: it finds its tenants first and forks per tenant
   * (`forTenant`), so what it changes is audited in each tenant's trail.
   */
  handle(job: JobContext<T>, deps: { em: EntityManager; orm: MikroORM; log: Logger }): Promise<unknown>;
  concurrency?: number;
  /** Queued on its own every `ms`, with `data`: once per period across all processes. */
  every?: { ms: number; data: T };
}

/** Queues a run of `job`; the id of the queued job, for progress (`jobBackend().queue(q).getJob(id)`). */
export function enqueue<T extends JobData>(job: BackgroundJob<T>, data: T, options?: JobOptions): Promise<string> {
  // The job continues the trace of whoever queued it (see withJobSpan).
  return jobBackend().queue<T>(job.queue).add(job.queue, { ...data, [TRACE_KEY]: traceCarrier() }, options);
}

/** Starts the workers of a subgraph's jobs in this process, and their schedules. */
export async function startBackgroundJobs(
  jobs: readonly BackgroundJob<JobData>[],
  orm: MikroORM,
  backend: JobBackend,
  log: Logger,
): Promise<JobWorker[]> {
  const workers = jobs.map((job) =>
    backend.queue(job.queue).process(
      (context) =>
        observeJob(job.queue, () =>
          withJobSpan(job.queue, context.data[TRACE_KEY] as Record<string, string> | undefined, () => {
            const tenantId = context.data.tenantId ?? null;
            const em = tenantId ? forTenant(orm, tenantId) : orm.em.fork();
            return job.handle(context, { em, orm, log: context.log });
          }),
        ),
      { concurrency: job.concurrency ?? 1 },
    ),
  );
  for (const job of jobs) {
    if (!job.every) continue;
    await backend.queue(job.queue).schedule(job.queue, job.every.ms, job.every.data);
    log.debug({ queue: job.queue, everyMs: job.every.ms }, 'job scheduled');
  }
  return workers;
}

/** A fresh EntityManager that reads and writes as `tenantId`, as a request of that tenant would. */
export function forTenant(orm: MikroORM, tenantId: string): EntityManager {
  const em = orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { tenantId });
  return em;
}
