import { getConfig } from '../config/config.js';
import { serviceLogger } from '../logger/logger.js';
import { createBullmqBackend } from './bullmq-backend.js';
import type { JobBackend } from './job-queue.js';
import { createMemoryBackend } from './memory-backend.js';

let backend: JobBackend | undefined;

/**
 * The process's job backend, made on first use: BullMQ on Redis when REDIS_URL is set (keys
 * under REDIS_KEY_PREFIX), the in-process queue otherwise.
 */
export function jobBackend(): JobBackend {
  if (!backend) {
    const { redisUrl, redisKeyPrefix } = getConfig();
    const log = serviceLogger('jobs');
    backend = redisUrl ? createBullmqBackend(redisUrl, redisKeyPrefix, log) : createMemoryBackend(log);
  }
  return backend;
}

/** Closes the process's job backend if one was made: workers finish their running jobs first. */
export async function closeJobBackend(): Promise<void> {
  const closing = backend;
  backend = undefined;
  await closing?.close();
}
