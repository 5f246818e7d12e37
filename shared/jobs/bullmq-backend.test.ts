import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { getConfig } from '../config/config.js';
import { serviceLogger } from '../logger/logger.js';
import { createBullmqBackend } from './bullmq-backend.js';
import { describeJobBackendContract, waitForState } from './job-backend.contract.js';

const REDIS_URL = getConfig().redisUrl ?? 'redis://127.0.0.1:6379';
// The jest setup gives each test file its own prefix; the suffix keeps reruns in one process apart.
const KEY_PREFIX = `${getConfig().redisKeyPrefix}-jobs-${randomUUID().slice(0, 8)}`;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The tests fail jobs on purpose; their warnings would only bury real output.
const log = serviceLogger('jobs-test').child({}, { level: 'silent' });

afterAll(async () => {
  // Failed jobs are kept for ever by design; a test run removes what it wrote.
  const redis = new Redis(REDIS_URL);
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: `${KEY_PREFIX}:*`, count: 500 })) keys.push(...(batch as string[]));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describeJobBackendContract('BullMQ', () => createBullmqBackend(REDIS_URL, KEY_PREFIX, log));

describe('BullMQ job backend, a worker killed mid-job', () => {
  it('loses nothing: another worker runs the job once the dead worker’s lock lapses', async () => {
    const lockDurationMs = 1000;
    const stalledIntervalMs = 300;
    const backend = createBullmqBackend(REDIS_URL, KEY_PREFIX, log, { lockDurationMs, stalledIntervalMs });
    const queue = backend.queue(`stall-${randomUUID()}`);
    try {
      const child = spawn(
        process.execPath,
        ['--import', './shared/runtime/register.js', 'shared/jobs/testing/stall-worker.ts', REDIS_URL, KEY_PREFIX, queue.name, String(lockDurationMs), String(stalledIntervalMs)],
        { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
      );
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const picked = new Promise<string>((resolve, reject) => {
        child.once('message', (message) => resolve((message as { picked: string }).picked));
        child.once('exit', (code) => reject(new Error(`stall worker exited with ${code} before taking the job:\n${stderr}`)));
      });

      const id = await queue.add('import', { tenantId: 't1', file: 'customers.csv' }, { jobId: 'import-customers' });
      expect(await picked).toBe(id);
      expect((await queue.getJob(id))?.state).toBe('active');

      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;

      const seen: { id: string; attempt: number; data: unknown }[] = [];
      queue.process(async (job) => {
        seen.push({ id: job.id, attempt: job.attempt, data: job.data });
      });
      const done = await waitForState(queue, id, 'completed');

      // Recovered, not retried: a try cut short by a dead worker uses up no attempt.
      expect(seen).toEqual([{ id, attempt: 1, data: { tenantId: 't1', file: 'customers.csv' } }]);
      expect(done).toMatchObject({ attemptsMade: 1, failedReason: null });
      expect(await queue.deadLetters()).toEqual([]);
    } finally {
      await backend.close();
    }
  });
});
