/** Tries a job gets when its options name none. */
export const DEFAULT_ATTEMPTS = 5;

/** First retry delay when a job's options name none; it doubles on each later retry. */
export const DEFAULT_BACKOFF_MS = 1000;

/**
 * Share of each retry delay that is random, so jobs that failed together (a dependency was
 * down) do not all retry in the same instant. Passed to BullMQ as `backoff.jitter`.
 */
export const BACKOFF_JITTER = 0.5;

/**
 * Delay before the next try after `attemptsMade` tries have failed: `baseMs * 2^(attemptsMade-1)`,
 * of which the last `jitter` share is random. The same formula as BullMQ's built-in `exponential`
 * strategy with `jitter` (bullmq/dist/esm/classes/backoffs.js), so the in-memory backend retries
 * on the same schedule as BullMQ does.
 */
export function retryDelayMs(attemptsMade: number, baseMs: number, jitter = BACKOFF_JITTER, random = Math.random): number {
  const maxDelay = Math.round(2 ** (attemptsMade - 1) * baseMs);
  if (jitter <= 0) return maxDelay;
  const minDelay = maxDelay * (1 - jitter);
  return Math.floor(random() * maxDelay * jitter + minDelay);
}
