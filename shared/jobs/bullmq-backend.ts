import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger/logger.js';
import { BACKOFF_JITTER, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from './backoff.js';
import type {
  JobBackend,
  JobContext,
  JobData,
  JobHandler,
  JobInfo,
  JobOptions,
  JobQueue,
  JobState,
  JobWorker,
} from './job-queue.js';

/** Worker tuning; the defaults are BullMQ's, tests shorten them to see a killed worker's job recovered. */
export interface BullmqBackendOptions {
  /**
   * How long a worker's claim on a job lasts unless renewed (it renews at half this). A job
   * whose worker died goes back to waiting once the claim has lapsed. Default 30 000 ms.
   */
  lockDurationMs?: number;
  /**
   * How often workers look for jobs whose claim lapsed. Default 30 000 ms. A check by any
   * worker holds off every worker's next check for its own interval, so give all workers of a
   * queue the same one.
   */
  stalledIntervalMs?: number;
}

/** Completed jobs kept for inspection and dedupe by job id; failed ones are all kept: they are the dead letters. */
const KEEP_COMPLETED = 1000;
const DEFAULT_DEAD_LETTER_LIMIT = 100;
/** Failed jobs read per round trip while filtering dead letters by tenant. */
const DEAD_LETTER_PAGE = 200;

function toJobsOptions(options: JobOptions = {}): JobsOptions {
  return {
    jobId: options.jobId,
    attempts: options.attempts ?? DEFAULT_ATTEMPTS,
    backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS, jitter: BACKOFF_JITTER },
    delay: options.delayMs,
    removeOnComplete: { count: KEEP_COMPLETED },
    removeOnFail: false,
  };
}

/** BullMQ's finer states folded into ours: prioritized and waiting-for-children jobs are waiting. */
function toState(state: string): JobState {
  return state === 'active' || state === 'delayed' || state === 'completed' || state === 'failed' ? state : 'waiting';
}

function toInfo(job: Job<JobData>, queue: string, state: JobState): JobInfo {
  return {
    id: job.id!,
    queue,
    name: job.name,
    data: job.data,
    state,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    progress: typeof job.progress === 'number' ? job.progress : 0,
    failedReason: job.failedReason || null,
    stacktrace: job.stacktrace ?? [],
    createdAt: new Date(job.timestamp),
    finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}

class BullmqQueue implements JobQueue<JobData> {
  private readonly queue: Queue<JobData>;
  private readonly workers = new Set<Worker<JobData>>();

  constructor(
    readonly name: string,
    private readonly prefix: string,
    connection: Redis,
    private readonly workerConnection: Redis,
    private readonly options: BullmqBackendOptions,
    private readonly log: Logger,
    private readonly onClose: () => void,
  ) {
    this.queue = new Queue<JobData>(name, { connection, prefix });
    this.queue.on('error', (err) => log.error({ err, queue: name }, 'job queue error'));
  }

  async add(name: string, data: JobData, options?: JobOptions): Promise<string> {
    const job = await this.queue.add(name, data, toJobsOptions(options));
    return job.id!;
  }

  async addBulk(jobs: { name: string; data: JobData; options?: JobOptions }[]): Promise<string[]> {
    const added = await this.queue.addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: toJobsOptions(job.options) })));
    return added.map((job) => job.id!);
  }

  process(handler: JobHandler<JobData>, options: { concurrency?: number } = {}): JobWorker {
    const worker = new Worker<JobData>(
      this.name,
      async (job) => {
        const context: JobContext<JobData> = {
          id: job.id!,
          queue: this.name,
          name: job.name,
          data: job.data,
          // attemptsMade counts finished tries; a try cut short by a dead worker does not count.
          attempt: job.attemptsMade + 1,
          log: this.log.child({ queue: this.name, jobId: job.id, jobName: job.name, attempt: job.attemptsMade + 1 }),
          progress: (percent) => job.updateProgress(percent),
        };
        return await handler(context);
      },
      {
        // BullMQ duplicates this connection for the worker's own (blocking) connections.
        connection: this.workerConnection,
        prefix: this.prefix,
        concurrency: options.concurrency ?? 1,
        // Set only when given: an explicit undefined would override BullMQ's defaults.
        ...(this.options.lockDurationMs !== undefined && { lockDuration: this.options.lockDurationMs }),
        ...(this.options.stalledIntervalMs !== undefined && { stalledInterval: this.options.stalledIntervalMs }),
      },
    );
    worker.on('error', (err) => this.log.error({ err, queue: this.name }, 'job worker error'));
    worker.on('failed', (job, err) => {
      const dead = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
      const fields = { err, queue: this.name, jobId: job?.id, jobName: job?.name, attemptsMade: job?.attemptsMade };
      if (dead) this.log.error(fields, 'job failed on its last attempt, dead-lettered');
      else this.log.warn(fields, 'job failed, will retry');
    });
    this.workers.add(worker);
    return {
      close: async () => {
        this.workers.delete(worker);
        await worker.close();
      },
    };
  }

  async getJob(id: string): Promise<JobInfo | null> {
    // The job's fields and its state are two reads; a job that moved in between (its fields
    // read while active, its state read as completed) is read again so the two agree; a job
    // that keeps moving (retries with no backoff) is shown as last read.
    for (let tries = 1; ; tries++) {
      const before = await this.queue.getJobState(id);
      const job = await this.queue.getJob(id);
      if (!job) return null;
      const after = await job.getState();
      if (before === after || tries === 5) return toInfo(job, this.name, toState(after));
    }
  }

  /**
   * BullMQ's failed set is the dead-letter list: a job is only moved there when it has no tries
   * left (attempts used up, or it stalled more often than allowed); a job that will be retried
   * waits in the delayed set instead.
   */
  async deadLetters(filter: { tenantId?: string | null; limit?: number } = {}): Promise<JobInfo[]> {
    const limit = filter.limit ?? DEFAULT_DEAD_LETTER_LIMIT;
    const page = filter.tenantId === undefined ? limit : DEAD_LETTER_PAGE;
    const found: JobInfo[] = [];
    for (let start = 0; found.length < limit; start += page) {
      // Newest first: the failed set is ordered by the time each job failed.
      const jobs = await this.queue.getFailed(start, start + page - 1);
      for (const job of jobs) {
        // A job trimmed between the range read and the fetch comes back undefined.
        if (!job) continue;
        if (filter.tenantId === undefined || (job.data.tenantId ?? null) === filter.tenantId) {
          found.push(toInfo(job, this.name, 'failed'));
        }
      }
      if (jobs.length < page) break;
    }
    return found.slice(0, limit);
  }

  async replay(id: string): Promise<void> {
    const job = await this.queue.getJob(id);
    if (!job || (await job.getState()) !== 'failed') throw new Error(`job ${id} of queue ${this.name} is not dead-lettered`);
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  }

  async counts(): Promise<Record<JobState, number>> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'completed', 'failed');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async schedule(name: string, everyMs: number, data: JobData): Promise<void> {
    // Upserting is idempotent: every process that runs the job's workers may call it at start.
    const { jobId: _scheduledIdsAreBullmqs, delay: _noDelay, ...opts } = toJobsOptions({});
    await this.queue.upsertJobScheduler(name, { every: everyMs }, { name, data, opts });
  }

  async close(): Promise<void> {
    const workers = [...this.workers];
    this.workers.clear();
    // Workers first: each lets its running jobs finish before it lets go.
    await Promise.all(workers.map((worker) => worker.close()));
    await this.queue.close();
    this.onClose();
  }
}

/**
 * Jobs on Redis through BullMQ: they survive restarts, and any number of processes may add
 * jobs and run workers. Every key starts with `keyPrefix`, so deployments and test runs sharing
 * one Redis never see each other's jobs.
 */
export function createBullmqBackend(redisUrl: string, keyPrefix: string, log: Logger, options: BullmqBackendOptions = {}): JobBackend {
  // Queues share one connection; its commands give up after ioredis' usual retries, so an add
  // while Redis is down fails back to its caller instead of hanging.
  const connection = new Redis(redisUrl);
  // Workers wait on Redis for jobs and must retry for ever (BullMQ refuses a worker connection
  // that does not). BullMQ only duplicates this one per worker, so it never connects itself.
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  const queues = new Map<string, BullmqQueue>();

  return {
    kind: 'bullmq',
    queue<T extends JobData = JobData>(name: string): JobQueue<T> {
      let queue = queues.get(name);
      if (!queue) {
        const created = new BullmqQueue(name, keyPrefix, connection, workerConnection, options, log, () => {
          if (queues.get(name) === created) queues.delete(name);
        });
        queues.set(name, (queue = created));
      }
      // One queue object serves every data type its callers name; the type is theirs to keep.
      return queue as unknown as JobQueue<T>;
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await connection.quit().catch(() => connection.disconnect());
      workerConnection.disconnect();
    },
  };
}
