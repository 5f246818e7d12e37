import type { Redis } from 'ioredis';
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** How many requests (`points`) one key may make in a fixed window of `durationSeconds`. */
export interface Budget {
  points: number;
  durationSeconds: number;
}

/** The budgets a plan buys: per user, per tenant (shared by its users and keys), per API key. */
export interface PlanBudgets {
  user: Budget;
  tenant: Budget;
  apiKey: Budget;
}

/**
 * Budgets for every kind of caller. Anonymous callers have one budget whatever the plan, since
 * nobody pays for them; a caller whose plan is unknown (or missing) gets `defaultPlan`'s.
 */
export interface RateLimitPolicy {
  anonymous: Budget;
  plans: Record<string, PlanBudgets>;
  defaultPlan: string;
}

const perMinute = (points: number): Budget => ({ points, durationSeconds: 60 });

function planOf(user: number, tenant: number, apiKey: number): PlanBudgets {
  return { user: perMinute(user), tenant: perMinute(tenant), apiKey: perMinute(apiKey) };
}

/**
 * The budgets the gateway runs with unless told otherwise: paid plans scale the free one (pro
 * five times, enterprise twenty), so one table is all there is to tune.
 */
export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = {
  anonymous: perMinute(60),
  plans: {
    free: planOf(300, 1_000, 600),
    pro: planOf(300 * 5, 1_000 * 5, 600 * 5),
    enterprise: planOf(300 * 20, 1_000 * 20, 600 * 20),
  },
  defaultPlan: 'free',
};

/**
 * Who a request is charged to, as the gateway established it. `clientIp` only matters for
 * anonymous callers, who have nothing else to be told apart by.
 */
export interface RateLimitSubject {
  userId: string | null;
  tenantId: string | null;
  apiKeyId: string | null;
  plan: string | null;
  clientIp: string;
}

/** Whether the request may go on; when not, which budget ran out and when to come back. */
export type RateLimitDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; budget: 'anonymous' | 'user' | 'tenant' | 'apiKey' };

/**
 * Charges requests to budgets. `check` rejects (throws) when the budget store cannot be
 * reached rather than answering "allowed": whether to fail open is the caller's decision.
 */
export interface RateLimiter {
  check(subject: RateLimitSubject): Promise<RateLimitDecision>;
}

type BudgetKind = keyof PlanBudgets;

const ALLOWED: RateLimitDecision = Object.freeze({ allowed: true });

/** Where the counters live: in this process, in the cluster's primary (for its workers), or in Redis. */
export type BudgetStore = { kind: 'memory' } | { kind: 'cluster' } | { kind: 'redis'; redis: Redis };

/**
 * Builds the limiter for a policy. In Redis, counters live under `keyPrefix`, so every gateway
 * replica on that Redis spends the same budgets; in `cluster`, the primary process of a
 * multi-process gateway keeps them for all its workers (each check is one IPC round trip; see
 * gateway/main.ts); in memory they belong to this process (development, tests, one process).
 *
 * Each (budget kind, plan) pair gets its own counter namespace (`rl:user:pro:<userId>`), so a
 * plan's budget is really its own and changing plans starts a fresh window.
 */
export function createRateLimiter(policy: RateLimitPolicy, store: BudgetStore = { kind: 'memory' }, keyPrefix = 'rl'): RateLimiter {
  const limiterFor = (prefix: string, budget: Budget): RateLimiterAbstract => {
    const options = { keyPrefix: prefix, points: budget.points, duration: budget.durationSeconds };
    switch (store.kind) {
      case 'redis':
        // Not ready (down, reconnecting) fails the call at once instead of queueing it behind
        // ioredis's reconnect attempts: every request would otherwise wait on a dead Redis.
        return new RateLimiterRedis({ ...options, storeClient: store.redis, rejectIfRedisNotReady: true });
      case 'cluster':
        // A primary that does not answer within a second fails the check (the gateway lets the request through, logged).
        return new RateLimiterCluster({ ...options, timeoutMs: 1_000 });
      case 'memory':
        return new RateLimiterMemory(options);
    }
  };

  const anonymous = limiterFor(`${keyPrefix}:anonymous`, policy.anonymous);
  const byPlan = new Map<string, Record<BudgetKind, RateLimiterAbstract>>(
    Object.entries(policy.plans).map(([plan, budgets]) => [
      plan,
      {
        user: limiterFor(`${keyPrefix}:user:${plan}`, budgets.user),
        tenant: limiterFor(`${keyPrefix}:tenant:${plan}`, budgets.tenant),
        apiKey: limiterFor(`${keyPrefix}:apiKey:${plan}`, budgets.apiKey),
      },
    ]),
  );
  const defaultLimiters = byPlan.get(policy.defaultPlan);
  if (!defaultLimiters) throw new Error(`rate limit policy: default plan "${policy.defaultPlan}" has no budgets`);

  return {
    async check({ userId, tenantId, apiKeyId, plan, clientIp }) {
      const limiters = (plan !== null ? byPlan.get(plan) : undefined) ?? defaultLimiters;
      // The caller's own budget first: a caller already over it is turned away without also
      // spending its tenant's points, so one noisy user or key cannot starve the rest.
      let own: RateLimitDecision;
      if (apiKeyId) own = await consume(limiters.apiKey, apiKeyId, 'apiKey');
      else if (userId) own = await consume(limiters.user, userId, 'user');
      else return await consume(anonymous, clientIp, 'anonymous');
      if (!own.allowed || !tenantId) return own;
      return await consume(limiters.tenant, tenantId, 'tenant');
    },
  };
}

/**
 * Spends one point. The library rejects with a `RateLimiterRes` when the budget is spent and
 * with an `Error` when the store failed; only the first is a decision.
 */
async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  budget: 'anonymous' | BudgetKind,
): Promise<RateLimitDecision> {
  try {
    await limiter.consume(key);
    return ALLOWED;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    return { allowed: false, retryAfterSeconds, budget };
  }
}
