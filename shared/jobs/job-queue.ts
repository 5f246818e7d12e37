import type { Logger } from '../logger/logger.js';

/**
 * Background work behind one interface: BullMQ on Redis when REDIS_URL is set, an in-process
 * queue otherwise. Code that enqueues or handles jobs never knows which one runs.
 */

/** What a job's data always may carry so failures can be shown to the right tenant only. */
export interface JobData {
  tenantId?: string | null;
  [key: string]: unknown;
}

export interface JobOptions {
  /** Deduplicates: a second add with the same id while the first exists is a no-op. */
  jobId?: string;
  /** Tries before the job is dead-lettered; default 5. */
  attempts?: number;
  /** First retry delay; doubles each attempt, with jitter; default 1000 ms. */
  backoffMs?: number;
  delayMs?: number;
}

export type JobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

/** A job as an admin inspects it. */
export interface JobInfo {
  id: string;
  queue: string;
  name: string;
  data: JobData;
  state: JobState;
  attemptsMade: number;
  maxAttempts: number;
  progress: number;
  failedReason: string | null;
  stacktrace: string[];
  createdAt: Date;
  finishedAt: Date | null;
}

/** What a handler gets: the job, a way to report progress, a logger bound to the job. */
export interface JobContext<T extends JobData = JobData> {
  id: string;
  queue: string;
  name: string;
  data: T;
  /** 1 on the first try. */
  attempt: number;
  /** Reports progress 0-100, visible to whoever inspects or waits on the job. */
  progress(percent: number): Promise<void>;
  log: Logger;
}

export type JobHandler<T extends JobData = JobData> = (job: JobContext<T>) => Promise<unknown>;

export interface JobWorker {
  close(): Promise<void>;
}

export interface JobQueue<T extends JobData = JobData> {
  readonly name: string;
  add(name: string, data: T, options?: JobOptions): Promise<string>;
  addBulk(jobs: { name: string; data: T; options?: JobOptions }[]): Promise<string[]>;
  /** Starts handling jobs in this process; several processes may each run a worker. */
  process(handler: JobHandler<T>, options?: { concurrency?: number }): JobWorker;
  getJob(id: string): Promise<JobInfo | null>;
  /** Jobs that used up their attempts, newest first, only a tenant's when `tenantId` is given. */
  deadLetters(filter?: { tenantId?: string | null; limit?: number }): Promise<JobInfo[]>;
  /** Puts a dead-lettered job back to run again with fresh attempts. */
  replay(id: string): Promise<void>;
  counts(): Promise<Record<JobState, number>>;
  /**
   * Adds a job named `name` every `everyMs`, once per period however many processes ask
   * (BullMQ: a job scheduler in Redis; in memory: a timer of this process). Asking again
   * with another period replaces the schedule.
   */
  schedule(name: string, everyMs: number, data: T): Promise<void>;
  close(): Promise<void>;
}

/** Makes and owns queues; one per process. */
export interface JobBackend {
  readonly kind: 'bullmq' | 'memory';
  queue<T extends JobData = JobData>(name: string): JobQueue<T>;
  close(): Promise<void>;
}
