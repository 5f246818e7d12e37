import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from '../../../shared/config/config.js';
import { RateLimitedError } from '../../../shared/errors/errors.js';
import { redisClient } from '../../../shared/redis/redis-client.js';

/** Failed sign-ins allowed per account and per source address before a cool-down. */
const PER_ACCOUNT = { points: 5, duration: 15 * 60 };
const PER_SOURCE = { points: 30, duration: 15 * 60 };

let limiters: { account: RateLimiterAbstract; source: RateLimiterAbstract } | undefined;

function throttles() {
  if (limiters) return limiters;
  const { redisUrl, redisKeyPrefix } = getConfig();
  // In Redis, so every replica of identity counts the same failures.
  const make = (keyPrefix: string, opts: { points: number; duration: number }) =>
    redisUrl
      ? new RateLimiterRedis({ storeClient: redisClient(redisUrl), keyPrefix, ...opts })
      : new RateLimiterMemory({ keyPrefix, ...opts });
  limiters = {
    account: make(`${redisKeyPrefix}:login-fail:account`, PER_ACCOUNT),
    source: make(`${redisKeyPrefix}:login-fail:source`, PER_SOURCE),
  };
  return limiters;
}

const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Refuses the attempt up front when the account or the source has failed too often. */
export async function assertLoginAllowed(email: string, source: string | null): Promise<void> {
  const { account, source: bySource } = throttles();
  const [a, s] = await Promise.all([account.get(email), source ? bySource.get(source) : null]);
  for (const [res, limit] of [[a, PER_ACCOUNT], [s, PER_SOURCE]] as const) {
    if (res && res.consumedPoints >= limit.points) throw new RateLimitedError(retryAfter(res.msBeforeNext));
  }
}

export async function recordLoginFailure(email: string, source: string | null): Promise<void> {
  const { account, source: bySource } = throttles();
  await Promise.all([
    account.penalty(email, 1),
    source ? bySource.penalty(source, 1) : undefined,
  ]);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await throttles().account.delete(email);
}
