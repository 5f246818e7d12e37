import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  createRateLimiter,
  DEFAULT_RATE_LIMIT_POLICY,
  type Budget,
  type PlanBudgets,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitPolicy,
  type RateLimitSubject,
} from './rate-limiter.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** Long windows unless a test waits one out, so no window ends in the middle of a test. */
const budget = (points: number, durationSeconds = 30): Budget => ({ points, durationSeconds });
const plan = (user: number, tenant: number, apiKey: number): PlanBudgets => ({
  user: budget(user),
  tenant: budget(tenant),
  apiKey: budget(apiKey),
});

const POLICY: RateLimitPolicy = {
  anonymous: budget(3),
  plans: { free: plan(3, 4, 3), pro: plan(6, 100, 6) },
  defaultPlan: 'free',
};

const anonymousFrom = (clientIp: string): RateLimitSubject => ({
  userId: null,
  tenantId: null,
  apiKeyId: null,
  plan: null,
  clientIp,
});
const user = (userId: string, tenantId: string | null, planName: string | null = 'free'): RateLimitSubject => ({
  userId,
  tenantId,
  apiKeyId: null,
  plan: planName,
  clientIp: '10.0.0.1',
});
const apiKey = (apiKeyId: string, tenantId: string): RateLimitSubject => ({
  userId: null,
  tenantId,
  apiKeyId,
  plan: 'free',
  clientIp: '10.0.0.2',
});

/** Runs `count` checks one after the other (as requests would arrive) and returns the decisions. */
async function checks(limiter: RateLimiter, subject: RateLimitSubject, count: number): Promise<RateLimitDecision[]> {
  const decisions: RateLimitDecision[] = [];
  for (let i = 0; i < count; i++) decisions.push(await limiter.check(subject));
  return decisions;
}

const allowed = (decisions: RateLimitDecision[]) => decisions.filter((d) => d.allowed).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connect(): Promise<Redis> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  return client;
}

describe('DEFAULT_RATE_LIMIT_POLICY', () => {
  it('scales the free plan five times for pro and twenty times for enterprise', () => {
    const { anonymous, plans, defaultPlan } = DEFAULT_RATE_LIMIT_POLICY;
    expect(anonymous).toEqual({ points: 60, durationSeconds: 60 });
    expect(defaultPlan).toBe('free');
    expect(plans.free).toEqual({
      user: { points: 300, durationSeconds: 60 },
      tenant: { points: 1000, durationSeconds: 60 },
      apiKey: { points: 600, durationSeconds: 60 },
    });
    expect([plans.pro.user.points, plans.pro.tenant.points, plans.pro.apiKey.points]).toEqual([1500, 5000, 3000]);
    expect([plans.enterprise.user.points, plans.enterprise.tenant.points, plans.enterprise.apiKey.points]).toEqual([
      6000, 20000, 12000,
    ]);
  });

  it('refuses a policy whose default plan has no budgets', () => {
    expect(() => createRateLimiter({ ...POLICY, defaultPlan: 'gold' })).toThrow('default plan "gold" has no budgets');
  });
});

describe('createRateLimiter on Redis', () => {
  let redis: Redis;
  let replica: Redis;
  let keyPrefix: string;

  beforeAll(async () => {
    redis = await connect();
    replica = await connect();
  });

  afterAll(async () => {
    await redis.quit();
    await replica.quit();
  });

  beforeEach(() => {
    keyPrefix = `rl-test-${randomUUID()}`;
  });

  it('rejects an anonymous caller past its budget, naming the budget and when to retry', async () => {
    const limiter = createRateLimiter({ ...POLICY, anonymous: budget(3, 2) }, { kind: 'redis', redis: redis }, keyPrefix);

    const decisions = await checks(limiter, anonymousFrom('192.0.2.1'), 4);

    expect(decisions.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    const rejected = decisions[3];
    if (rejected.allowed) throw new Error('the fourth request should have been rejected');
    expect(rejected.budget).toBe('anonymous');
    expect(rejected.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(rejected.retryAfterSeconds).toBeLessThanOrEqual(2);
    // Another address has its own budget.
    await expect(limiter.check(anonymousFrom('192.0.2.2'))).resolves.toEqual({ allowed: true });
    // The counter is in Redis under the prefix, which is what replicas share.
    expect(await redis.get(`${keyPrefix}:anonymous:192.0.2.1`)).toBe('4');
  });

  it('lets the caller through again once the window has passed', async () => {
    const limiter = createRateLimiter({ ...POLICY, anonymous: budget(3, 2) }, { kind: 'redis', redis: redis }, keyPrefix);
    const decisions = await checks(limiter, anonymousFrom('192.0.2.3'), 4);
    const rejected = decisions[3];
    if (rejected.allowed) throw new Error('the fourth request should have been rejected');

    await sleep(rejected.retryAfterSeconds * 1000 + 100);

    expect(await checks(limiter, anonymousFrom('192.0.2.3'), 3)).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
  }, 10_000);

  it('shares one budget between two limiters on the same Redis (two gateway replicas)', async () => {
    const first = createRateLimiter(POLICY, { kind: 'redis', redis: redis }, keyPrefix);
    const second = createRateLimiter(POLICY, { kind: 'redis', redis: replica }, keyPrefix);
    const caller = anonymousFrom('192.0.2.4');

    expect(await checks(first, caller, 2)).toEqual([{ allowed: true }, { allowed: true }]);
    expect(await second.check(caller)).toEqual({ allowed: true });

    expect(await second.check(caller)).toMatchObject({ allowed: false, budget: 'anonymous' });
    expect(await first.check(caller)).toMatchObject({ allowed: false, budget: 'anonymous' });
  });

  it('rejects on the tenant budget when two users of one tenant spend it, while each still has points', async () => {
    const limiter = createRateLimiter(POLICY, { kind: 'redis', redis: redis }, keyPrefix);
    const tenant = randomUUID();
    const alice = user(randomUUID(), tenant);
    const bob = user(randomUUID(), tenant);

    expect(allowed(await checks(limiter, alice, 2))).toBe(2);
    expect(allowed(await checks(limiter, bob, 2))).toBe(2);

    // Each user has spent 2 of 3 points, the tenant 4 of 4: the tenant is what says no.
    expect(await limiter.check(bob)).toMatchObject({ allowed: false, budget: 'tenant' });
    expect(await limiter.check(alice)).toMatchObject({ allowed: false, budget: 'tenant' });
    // A user of another tenant is not affected.
    expect(await limiter.check(user(randomUUID(), randomUUID()))).toEqual({ allowed: true });
  });

  it('turns a user away on their own budget without spending the tenant budget', async () => {
    const limiter = createRateLimiter(POLICY, { kind: 'redis', redis: redis }, keyPrefix);
    const tenant = randomUUID();
    const noisy = user(randomUUID(), tenant);

    const decisions = await checks(limiter, noisy, 6);

    expect(allowed(decisions)).toBe(3);
    expect(decisions.slice(3)).toEqual(
      Array(3).fill(expect.objectContaining({ allowed: false, budget: 'user' }) as unknown),
    );
    // The three rejected requests did not count against the tenant: 1 of its 4 points is left.
    const colleague = user(randomUUID(), tenant);
    expect(await limiter.check(colleague)).toEqual({ allowed: true });
    expect(await limiter.check(colleague)).toMatchObject({ allowed: false, budget: 'tenant' });
  });

  it('charges a user without a tenant to the user budget only', async () => {
    const limiter = createRateLimiter(POLICY, { kind: 'redis', redis: redis }, keyPrefix);
    const decisions = await checks(limiter, user(randomUUID(), null), 5);
    expect(allowed(decisions)).toBe(3);
    expect(decisions[3]).toMatchObject({ allowed: false, budget: 'user' });
  });

  it('charges an API key to its own budget and to its tenant', async () => {
    const limiter = createRateLimiter({ ...POLICY, plans: { free: plan(3, 5, 3) } }, { kind: 'redis', redis: redis }, keyPrefix);
    const tenant = randomUUID();

    const decisions = await checks(limiter, apiKey(randomUUID(), tenant), 4);
    expect(allowed(decisions)).toBe(3);
    expect(decisions[3]).toMatchObject({ allowed: false, budget: 'apiKey' });

    // The key spent 3 of the tenant's 5 points; a user of that tenant gets the other 2.
    const member = await checks(limiter, user(randomUUID(), tenant), 3);
    expect(allowed(member)).toBe(2);
    expect(member[2]).toMatchObject({ allowed: false, budget: 'tenant' });
  });

  it('gives each plan its own budget, and unknown or missing plans the default one', async () => {
    const limiter = createRateLimiter(POLICY, { kind: 'redis', redis: redis }, keyPrefix);

    const free = await checks(limiter, user(randomUUID(), randomUUID(), 'free'), 7);
    const pro = await checks(limiter, user(randomUUID(), randomUUID(), 'pro'), 7);
    const unknown = await checks(limiter, user(randomUUID(), randomUUID(), 'gold'), 7);
    const none = await checks(limiter, user(randomUUID(), randomUUID(), null), 7);

    expect(allowed(free)).toBe(3);
    expect(allowed(pro)).toBe(6);
    expect(pro[6]).toMatchObject({ allowed: false, budget: 'user' });
    expect(allowed(unknown)).toBe(3);
    expect(allowed(none)).toBe(3);
  });

  it('keeps the same user on different plans in separate counters', async () => {
    const limiter = createRateLimiter(POLICY, { kind: 'redis', redis: redis }, keyPrefix);
    const id = randomUUID();

    expect(allowed(await checks(limiter, user(id, null, 'free'), 4))).toBe(3);
    expect(allowed(await checks(limiter, user(id, null, 'pro'), 4))).toBe(4);
  });

  it('throws when Redis cannot be reached instead of answering allowed', async () => {
    const down = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      const limiter = createRateLimiter(POLICY, { kind: 'redis', redis: down }, keyPrefix);
      await expect(limiter.check(anonymousFrom('192.0.2.5'))).rejects.toThrow('Redis connection is not ready');
      await expect(limiter.check(user(randomUUID(), randomUUID()))).rejects.toThrow('Redis connection is not ready');
    } finally {
      down.disconnect();
    }
  });
});

describe('createRateLimiter in memory (no Redis)', () => {
  it('rejects an anonymous caller past its budget like the Redis store does', async () => {
    const limiter = createRateLimiter({ ...POLICY, anonymous: budget(3, 2) });

    const decisions = await checks(limiter, anonymousFrom('192.0.2.9'), 4);

    expect(allowed(decisions.slice(0, 3))).toBe(3);
    const rejected = decisions[3];
    if (rejected.allowed) throw new Error('the fourth request should have been rejected');
    expect(rejected.budget).toBe('anonymous');
    expect(rejected.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(rejected.retryAfterSeconds).toBeLessThanOrEqual(2);
  });

  it('rejects on the user and tenant budgets like the Redis store does', async () => {
    const limiter = createRateLimiter(POLICY);
    const tenant = randomUUID();
    const alice = user(randomUUID(), tenant);

    const own = await checks(limiter, alice, 4);
    expect(allowed(own)).toBe(3);
    expect(own[3]).toMatchObject({ allowed: false, budget: 'user' });

    const bob = user(randomUUID(), tenant);
    expect(await limiter.check(bob)).toEqual({ allowed: true });
    expect(await limiter.check(bob)).toMatchObject({ allowed: false, budget: 'tenant' });
  });

  it('keeps separate limiters separate: memory is per process, not shared', async () => {
    const first = createRateLimiter(POLICY);
    const second = createRateLimiter(POLICY);
    const caller = anonymousFrom('192.0.2.10');

    expect(allowed(await checks(first, caller, 4))).toBe(3);
    expect(await second.check(caller)).toEqual({ allowed: true });
  });
});
