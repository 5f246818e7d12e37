import type { Logger } from '../logger/logger.js';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, retryDelayMs } from './backoff.js';
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

/** Completed jobs kept for inspection and dedupe, as the BullMQ backend keeps them. */
const KEEP_COMPLETED = 1000;
const DEFAULT_DEAD_LETTER_LIMIT = 100;

interface MemoryJob {
  id: string;
  name: string;
  data: JobData;
  state: JobState;
  attemptsMade: number;
  maxAttempts: number;
  backoffMs: number;
  progress: number;
  failedReason: string | null;
  stacktrace: string[];
  createdAt: Date;
  finishedAt: Date | null;
  timer?: NodeJS.Timeout;
}

interface MemoryWorker {
  handler: JobHandler<JobData>;
  concurrency: number;
  running: Set<Promise<void>>;
}

/**
 * BullMQ refuses these ids; refusing them here too keeps code that passes on the in-memory
 * backend from failing only in production.
 */
function assertJobId(id: string): void {
  if (`${parseInt(id, 10)}` === id) throw new Error(`job id "${id}" must not be an integer`);
  if (id.includes(':')) throw new Error(`job id "${id}" must not contain ":"`);
}

/** Data goes through JSON as it does on its way to Redis, so both backends hand handlers the same values. */
const copy = (data: JobData): JobData => JSON.parse(JSON.stringify(data)) as JobData;

class MemoryQueue implements JobQueue<JobData> {
  private readonly jobs = new Map<string, MemoryJob>();
  private readonly waiting: string[] = [];
  private readonly completed: string[] = [];
  private readonly workers = new Set<MemoryWorker>();
  private nextId = 1;
  private closed = false;
  private readonly schedules = new Map<string, NodeJS.Timeout>();

  constructor(
    readonly name: string,
    private readonly log: Logger,
    private readonly onClose: () => void,
  ) {}

  async add(name: string, data: JobData, options?: JobOptions): Promise<string> {
    return this.enqueue(name, data, options ?? {});
  }

  async addBulk(jobs: { name: string; data: JobData; options?: JobOptions }[]): Promise<string[]> {
    return jobs.map((job) => this.enqueue(job.name, job.data, job.options ?? {}));
  }

  process(handler: JobHandler<JobData>, options: { concurrency?: number } = {}): JobWorker {
    if (this.closed) throw new Error(`job queue ${this.name} is closed`);
    const worker: MemoryWorker = { handler, concurrency: Math.max(1, options.concurrency ?? 1), running: new Set() };
    this.workers.add(worker);
    this.schedulePump();
    return {
      close: async () => {
        // Like a BullMQ worker: take no new jobs, let the running ones finish.
        this.workers.delete(worker);
        await Promise.all(worker.running);
      },
    };
  }

  async getJob(id: string): Promise<JobInfo | null> {
    const job = this.jobs.get(id);
    return job ? this.info(job) : null;
  }

  async deadLetters(filter: { tenantId?: string | null; limit?: number } = {}): Promise<JobInfo[]> {
    return [...this.jobs.values()]
      .filter((job) => job.state === 'failed')
      .filter((job) => filter.tenantId === undefined || (job.data.tenantId ?? null) === filter.tenantId)
      .sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0))
      .slice(0, filter.limit ?? DEFAULT_DEAD_LETTER_LIMIT)
      .map((job) => this.info(job));
  }

  async replay(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (job?.state !== 'failed') throw new Error(`job ${id} of queue ${this.name} is not dead-lettered`);
    job.attemptsMade = 0;
    job.failedReason = null;
    job.finishedAt = null;
    this.makeWaiting(job);
  }

  async counts(): Promise<Record<JobState, number>> {
    const counts: Record<JobState, number> = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
    for (const job of this.jobs.values()) counts[job.state] += 1;
    return counts;
  }

  async schedule(name: string, everyMs: number, data: JobData): Promise<void> {
    if (this.closed) throw new Error(`job queue ${this.name} is closed`);
    clearInterval(this.schedules.get(name));
    // One job per period: the id names the period, as BullMQ's scheduler does.
    const timer = setInterval(() => this.enqueue(name, data, { jobId: `${name}-every-${Math.floor(Date.now() / everyMs)}` }), everyMs);
    timer.unref();
    this.schedules.set(name, timer);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.schedules.values()) clearInterval(timer);
    this.schedules.clear();
    // Pending retries and delays are dropped: an in-process queue does not outlive its process.
    for (const job of this.jobs.values()) clearTimeout(job.timer);
    const workers = [...this.workers];
    this.workers.clear();
    await Promise.all(workers.flatMap((worker) => [...worker.running]));
    this.onClose();
  }

  private enqueue(name: string, data: JobData, options: JobOptions): string {
    if (this.closed) throw new Error(`job queue ${this.name} is closed`);
    if (options.jobId !== undefined) assertJobId(options.jobId);
    const id = options.jobId ?? String(this.nextId++);
    if (this.jobs.has(id)) return id;
    const job: MemoryJob = {
      id,
      name,
      data: copy(data),
      state: 'waiting',
      attemptsMade: 0,
      maxAttempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      progress: 0,
      failedReason: null,
      stacktrace: [],
      createdAt: new Date(),
      finishedAt: null,
    };
    this.jobs.set(id, job);
    if (options.delayMs && options.delayMs > 0) this.delay(job, options.delayMs);
    else this.makeWaiting(job);
    return id;
  }

  private delay(job: MemoryJob, ms: number): void {
    job.state = 'delayed';
    if (!this.closed) job.timer = setTimeout(() => this.makeWaiting(job), ms);
  }

  private makeWaiting(job: MemoryJob): void {
    job.state = 'waiting';
    job.timer = undefined;
    this.waiting.push(job.id);
    this.schedulePump();
  }

  /** Handlers start on a later tick, never inside the caller's `add`, as they would with Redis between. */
  private schedulePump(): void {
    queueMicrotask(() => this.pump());
  }

  private pump(): void {
    for (const worker of this.workers) {
      while (worker.running.size < worker.concurrency && this.waiting.length > 0) {
        const job = this.jobs.get(this.waiting.shift()!);
        if (job?.state !== 'waiting') continue;
        const run: Promise<void> = this.run(worker, job).finally(() => {
          worker.running.delete(run);
          this.pump();
        });
        worker.running.add(run);
      }
    }
  }

  private async run(worker: MemoryWorker, job: MemoryJob): Promise<void> {
    job.state = 'active';
    const attempt = job.attemptsMade + 1;
    const log = this.log.child({ queue: this.name, jobId: job.id, jobName: job.name, attempt });
    const context: JobContext<JobData> = {
      id: job.id,
      queue: this.name,
      name: job.name,
      data: copy(job.data),
      attempt,
      log,
      progress: async (percent) => {
        job.progress = percent;
      },
    };
    try {
      await worker.handler(context);
      job.attemptsMade += 1;
      job.state = 'completed';
      job.finishedAt = new Date();
      this.trimCompleted(job.id);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      job.attemptsMade += 1;
      job.failedReason = error.message;
      job.stacktrace.push(error.stack ?? error.message);
      if (job.attemptsMade < job.maxAttempts) {
        const delayMs = retryDelayMs(job.attemptsMade, job.backoffMs);
        log.warn({ err: error, retryInMs: delayMs }, 'job failed, will retry');
        this.delay(job, delayMs);
      } else {
        job.state = 'failed';
        job.finishedAt = new Date();
        log.error({ err: error }, 'job failed on its last attempt, dead-lettered');
      }
    }
  }

  private trimCompleted(id: string): void {
    this.completed.push(id);
    while (this.completed.length > KEEP_COMPLETED) {
      const oldest = this.completed.shift()!;
      if (this.jobs.get(oldest)?.state === 'completed') this.jobs.delete(oldest);
    }
  }

  private info(job: MemoryJob): JobInfo {
    return {
      id: job.id,
      queue: this.name,
      name: job.name,
      data: copy(job.data),
      state: job.state,
      attemptsMade: job.attemptsMade,
      maxAttempts: job.maxAttempts,
      progress: job.progress,
      failedReason: job.failedReason,
      stacktrace: [...job.stacktrace],
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
    };
  }
}

/**
 * Jobs in this process only, for development and tests without Redis: the same semantics as
 * the BullMQ backend (dedupe by job id, attempts with exponential backoff and jitter, dead
 * letters, replay, progress, concurrency) but nothing survives a restart.
 */
export function createMemoryBackend(log: Logger): JobBackend {
  const queues = new Map<string, MemoryQueue>();
  return {
    kind: 'memory',
    queue<T extends JobData = JobData>(name: string): JobQueue<T> {
      let queue = queues.get(name);
      if (!queue) {
        const created = new MemoryQueue(name, log, () => {
          if (queues.get(name) === created) queues.delete(name);
        });
        queues.set(name, (queue = created));
      }
      // One queue object serves every data type its callers name; the type is theirs to keep.
      return queue as unknown as JobQueue<T>;
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
