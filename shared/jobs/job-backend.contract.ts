import { randomUUID } from 'node:crypto';
import type { JobBackend, JobContext, JobInfo, JobQueue, JobState } from './job-queue.js';

/** Polls `read` until `done` holds; jobs run on their own schedule, so tests wait for states, not times. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until job `id` is in `state` and returns it. */
export async function waitForState(queue: JobQueue, id: string, state: JobState): Promise<JobInfo> {
  const job = await waitFor(() => queue.getJob(id), (info) => info?.state === state, `job ${id} to be ${state}`);
  return job!;
}

/** A promise the test resolves by hand, to hold a handler mid-job. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * The behaviour every job backend must share, so code tested on the in-memory backend behaves
 * the same on BullMQ. Each test uses a queue of its own.
 */
export function describeJobBackendContract(label: string, makeBackend: () => JobBackend): void {
  describe(`${label} job backend`, () => {
    let backend: JobBackend;
    let queue: JobQueue;

    beforeAll(() => {
      backend = makeBackend();
    });
    afterAll(async () => {
      await backend.close();
    });
    beforeEach(() => {
      queue = backend.queue(`contract-${randomUUID()}`);
    });
    afterEach(async () => {
      await queue.close();
    });

    it('runs a job and shows its progress while it runs', async () => {
      const held = gate();
      const seen: JobContext[] = [];
      queue.process(async (job) => {
        seen.push(job);
        await job.progress(40);
        await held.opened;
        await job.progress(100);
        return 'done';
      });

      const id = await queue.add('render', { tenantId: 't1', documentId: 'd1' });
      const running = await waitFor(() => queue.getJob(id), (job) => job?.progress === 40, 'progress 40');
      expect(running).toMatchObject({ id, state: 'active', attemptsMade: 0 });
      held.open();

      const done = await waitForState(queue, id, 'completed');
      expect(done).toMatchObject({
        id,
        queue: queue.name,
        name: 'render',
        data: { tenantId: 't1', documentId: 'd1' },
        attemptsMade: 1,
        maxAttempts: 5,
        progress: 100,
        failedReason: null,
      });
      expect(done.finishedAt).toBeInstanceOf(Date);
      expect(seen.map((job) => [job.id, job.name, job.attempt, job.data])).toEqual([
        [id, 'render', 1, { tenantId: 't1', documentId: 'd1' }],
      ]);
    });

    it('dedupes by job id: a second add while the first exists is a no-op', async () => {
      const first = await queue.add('sync', { n: 1 }, { jobId: 'sync-tenant-7' });
      const second = await queue.add('sync', { n: 2 }, { jobId: 'sync-tenant-7' });
      const [third] = await queue.addBulk([{ name: 'sync', data: { n: 3 }, options: { jobId: 'sync-tenant-7' } }]);

      expect([first, second, third]).toEqual(['sync-tenant-7', 'sync-tenant-7', 'sync-tenant-7']);
      expect((await queue.getJob('sync-tenant-7'))?.data).toEqual({ n: 1 });
      expect((await queue.counts()).waiting).toBe(1);
    });

    it('refuses job ids BullMQ cannot store (integers)', async () => {
      await expect(queue.add('sync', {}, { jobId: '42' })).rejects.toThrow();
    });

    it('retries a failing job with backoff until it succeeds on attempt 3', async () => {
      const attempts: number[] = [];
      queue.process(async (job) => {
        attempts.push(job.attempt);
        if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
      });

      const id = await queue.add('flaky', {}, { attempts: 5, backoffMs: 10 });
      const done = await waitForState(queue, id, 'completed');

      expect(attempts).toEqual([1, 2, 3]);
      expect(done.attemptsMade).toBe(3);
      expect(done.stacktrace).toHaveLength(2);
      expect(done.stacktrace[0]).toContain('flaky 1');
      expect(await queue.deadLetters()).toEqual([]);
    });

    it('keeps a job that will be retried out of the dead letters', async () => {
      queue.process(async () => {
        throw new Error('down');
      });
      const id = await queue.add('retrying', {}, { attempts: 3, backoffMs: 60_000 });

      const waiting = await waitForState(queue, id, 'delayed');
      expect(waiting).toMatchObject({ attemptsMade: 1, failedReason: 'down' });
      expect(await queue.deadLetters()).toEqual([]);
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, delayed: 1, completed: 0, failed: 0 });
    });

    it('dead-letters a job after its last attempt, with the reason', async () => {
      const attempts: number[] = [];
      queue.process(async (job) => {
        attempts.push(job.attempt);
        throw new Error(`smtp refused (try ${job.attempt})`);
      });

      const id = await queue.add('email', { tenantId: 't1', to: 'ann@acme.test' }, { attempts: 2, backoffMs: 10 });
      await waitForState(queue, id, 'failed');

      expect(attempts).toEqual([1, 2]);
      const dead = await queue.deadLetters();
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({
        id,
        name: 'email',
        state: 'failed',
        data: { tenantId: 't1', to: 'ann@acme.test' },
        attemptsMade: 2,
        maxAttempts: 2,
        failedReason: 'smtp refused (try 2)',
      });
      expect(dead[0]!.finishedAt).toBeInstanceOf(Date);
      expect(dead[0]!.stacktrace).toHaveLength(2);
    });

    it("lists only a tenant's dead letters when given a tenant, the tenantless ones for null", async () => {
      queue.process(async () => {
        throw new Error('broken');
      });
      const [a, b, none] = await queue.addBulk([
        { name: 'export', data: { tenantId: 'tenant-a' }, options: { attempts: 1 } },
        { name: 'export', data: { tenantId: 'tenant-b' }, options: { attempts: 1 } },
        { name: 'export', data: {}, options: { attempts: 1 } },
      ]);
      await waitFor(() => queue.counts(), (counts) => counts.failed === 3, '3 failed jobs');

      const ids = async (filter?: { tenantId?: string | null; limit?: number }) =>
        (await queue.deadLetters(filter)).map((job) => job.id);
      expect(await ids({ tenantId: 'tenant-a' })).toEqual([a]);
      expect(await ids({ tenantId: 'tenant-b' })).toEqual([b]);
      expect(await ids({ tenantId: 'tenant-c' })).toEqual([]);
      expect(await ids({ tenantId: null })).toEqual([none]);
      expect((await ids()).sort()).toEqual([a, b, none].sort());
      expect(await ids({ limit: 2 })).toHaveLength(2);
    });

    it('replays a dead letter with fresh attempts, and refuses to replay a job that is not one', async () => {
      let broken = true;
      const attempts: number[] = [];
      queue.process(async (job) => {
        attempts.push(job.attempt);
        if (broken) throw new Error('dependency down');
      });
      const id = await queue.add('charge', { tenantId: 't1' }, { attempts: 2, backoffMs: 10 });
      await waitForState(queue, id, 'failed');

      broken = false;
      await queue.replay(id);
      const done = await waitForState(queue, id, 'completed');

      expect(attempts).toEqual([1, 2, 1]);
      expect(done).toMatchObject({ attemptsMade: 1, failedReason: null });
      expect(await queue.deadLetters()).toEqual([]);
      await expect(queue.replay(id)).rejects.toThrow('not dead-lettered');
      await expect(queue.replay('no-such-job')).rejects.toThrow('not dead-lettered');
    });

    it('counts jobs by state', async () => {
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
      await queue.add('a', {});
      await queue.add('b', {});
      await queue.add('later', {}, { delayMs: 60_000 });
      expect(await queue.counts()).toEqual({ waiting: 2, active: 0, delayed: 1, completed: 0, failed: 0 });

      queue.process(async () => undefined);
      await waitFor(() => queue.counts(), (counts) => counts.completed === 2, '2 completed jobs');
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, delayed: 1, completed: 2, failed: 0 });
    });

    it('runs no more jobs at once than the worker concurrency', async () => {
      const held = gate();
      let running = 0;
      let most = 0;
      queue.process(
        async () => {
          running += 1;
          most = Math.max(most, running);
          await held.opened;
          running -= 1;
        },
        { concurrency: 2 },
      );
      await queue.addBulk([1, 2, 3].map((n) => ({ name: 'n', data: { n } })));

      await waitFor(() => queue.counts(), (counts) => counts.active === 2, '2 active jobs');
      expect((await queue.counts()).waiting).toBe(1);
      held.open();
      await waitFor(() => queue.counts(), (counts) => counts.completed === 3, '3 completed jobs');
      expect(most).toBe(2);
    });

    it('runs a scheduled job every period with its data, once per period however often it is scheduled', async () => {
      const runs: JobContext[] = [];
      queue.process(async (job) => {
        runs.push(job);
      });
      // Two processes starting the same schedule: one schedule, not two.
      await queue.schedule('sweep', 300, { tenantId: null, olderThanDays: 30 });
      await queue.schedule('sweep', 300, { tenantId: null, olderThanDays: 30 });
      await waitFor(async () => runs.length, (n) => n >= 3, '3 scheduled runs', 5_000);
      const started = Date.now();
      await waitFor(async () => runs.length, (n) => n >= 5, '5 scheduled runs', 5_000);
      // Two more periods of 300 ms: about 600 ms; doubled runs would take half that.
      expect(Date.now() - started).toBeGreaterThan(400);
      expect(runs.every((job) => job.name === 'sweep' && job.data.olderThanDays === 30)).toBe(true);
    });
  });
}
