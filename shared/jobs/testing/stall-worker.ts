import { serviceLogger } from '../../logger/logger.js';
import { createBullmqBackend } from '../bullmq-backend.js';

/**
 * A BullMQ worker that takes a job, tells its parent which one, and never finishes it: the
 * stalled-job test runs it as a child process and kills it mid-job.
 *
 * node --import ./shared/runtime/register.js shared/jobs/testing/stall-worker.ts <redisUrl> <keyPrefix> <queue> <lockDurationMs> <stalledIntervalMs>
 */
const [redisUrl, keyPrefix, queueName, lockDurationMs, stalledIntervalMs] = process.argv.slice(2);
if (!redisUrl || !keyPrefix || !queueName || !lockDurationMs || !stalledIntervalMs || !process.send) {
  console.error(
    'usage (as a child process with an IPC channel): stall-worker.ts <redisUrl> <keyPrefix> <queue> <lockDurationMs> <stalledIntervalMs>',
  );
  process.exit(2);
}

const backend = createBullmqBackend(redisUrl, keyPrefix, serviceLogger('stall-worker'), {
  lockDurationMs: Number(lockDurationMs),
  // Its own stalled check also throttles everyone's for this long, so it must be short too.
  stalledIntervalMs: Number(stalledIntervalMs),
});
backend.queue(queueName).process(async (job) => {
  process.send!({ picked: job.id });
  // Never settles: the job stays active, its lock renewed, until the process is killed.
  await new Promise(() => undefined);
});
