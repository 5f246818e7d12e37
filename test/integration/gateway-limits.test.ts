import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { metricValue } from '../../shared/testing/metrics-text.js';
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const WINDOW_SECONDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }';

/**
 * Rate limits and operation limits as a client meets them: through the real gateway, with
 * budgets small enough to spend in a test. Counters live in Redis when REDIS_URL is set.
 */
describe('gateway limits', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  const budget = (points: number) => ({ points, durationSeconds: WINDOW_SECONDS });

  beforeAll(async () => {
    sg = await startTestSupergraph({
      rateLimitPolicy: {
        anonymous: budget(4),
        plans: { free: { user: budget(5), tenant: budget(1_000), apiKey: budget(1_000) } },
        defaultPlan: 'free',
      },
      operationLimits: { maxDepth: 3, maxCost: 5_000, maxAliases: 30 },
    });
    acme = await createTenantWithUser(sg, 'acme');
  });

  afterAll(async () => {
    await sg?.stop();
  });

  /** Waits for a fresh window, so a test starts with a full budget. */
  const freshWindow = () => sleep(WINDOW_SECONDS * 1000 + 100);

  it('turns an anonymous caller away with 429 and Retry-After once its budget is spent, and lets it back after', async () => {
    await freshWindow();
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await sg.graphql('{ __typename }'));
    expect(answers.slice(0, 4).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const refused = answers[4];
    expect({ status: refused.status, code: code(refused), data: refused.data ?? null }).toEqual({ status: 429, code: 'RATE_LIMITED', data: null });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    const metrics = await (await fetch(sg.gateway.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metricValue(metrics, 'gateway_rate_limit_rejections_total', { caller: 'anonymous' })).toBeGreaterThanOrEqual(1);
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retryAfter);

    await sleep(retryAfter * 1000 + 100);
    expect((await sg.graphql('{ __typename }')).status).toBe(200);
  });

  it('gives a signed-in user a budget of their own, separate from anonymous callers', async () => {
    await freshWindow();
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await sg.graphql('{ me { id } }', {}, { as: acme.as })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // The same machine, anonymous, still has its own budget.
    expect((await sg.graphql('{ __typename }')).status).toBe(200);
  });

  it('rejects an operation deeper than the limit before running it, naming depth and limit', async () => {
    await freshWindow();
    const before = await sg.data<{ documents: { totalCount: number } }>('{ documents { totalCount } }', {}, acme.as);
    const res = await sg.graphql(
      'mutation { createDocument(input: { title: "deep", content: "x" }) { owner { role { id } } } }',
      {},
      { as: acme.as },
    );
    expect({ status: res.status, code: code(res), data: res.data ?? null }).toEqual({ status: 400, code: 'BAD_USER_INPUT', data: null });
    expect(res.errors?.[0]?.message).toBe('query depth 4 exceeds the limit of 3');
    const after = await sg.data<{ documents: { totalCount: number } }>('{ documents { totalCount } }', {}, acme.as);
    expect(after.documents.totalCount).toBe(before.documents.totalCount);
  });

  it('throttles sign-in to an account after repeated failures, even with the right password', async () => {
    await freshWindow();
    for (let i = 0; i < 5; i += 1) {
      const wrong = await sg.graphql(LOGIN, { input: { email: acme.email, password: `wrong-${i}` } });
      expect(code(wrong)).toBe('UNAUTHENTICATED');
      if (i === 2) await freshWindow(); // stay inside the anonymous request budget
    }
    await freshWindow();
    const throttled = await sg.graphql(LOGIN, { input: { email: acme.email, password: acme.password } });
    expect(code(throttled)).toBe('RATE_LIMITED');
    expect(throttled.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(60);
  });
});
