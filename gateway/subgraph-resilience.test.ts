import { SubgraphResilience } from './subgraph-resilience.js';

const refused = () => Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

describe('subgraph resilience', () => {
  it('retries a query once after a transient failure, and never a mutation', async () => {
    const policy = new SubgraphResilience('entity', { timeoutMs: 1_000, mutationTimeoutMs: 1_000, breakAfter: 10, halfOpenAfterMs: 1_000, queryRetries: 1 });
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw refused();
      return 'answer';
    };
    await expect(policy.execute(true, flaky)).resolves.toBe('answer');
    expect(calls).toBe(2);
    calls = 0;
    await expect(policy.execute(false, flaky)).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'entity' } });
    expect(calls).toBe(1);
  });

  it('does not retry or count an error that is not transient (a 4xx answer)', async () => {
    const policy = new SubgraphResilience('entity', { timeoutMs: 1_000, mutationTimeoutMs: 1_000, breakAfter: 1, halfOpenAfterMs: 60_000, queryRetries: 3 });
    let calls = 0;
    const badRequest = Object.assign(new Error('400: Bad Request'), { extensions: { response: { status: 400 } } });
    for (let i = 0; i < 3; i += 1) {
      await expect(
        policy.execute(true, async () => {
          calls += 1;
          throw badRequest;
        }),
      ).rejects.toBe(badRequest);
    }
    expect(calls).toBe(3);
    expect(policy.state).toBe('0'); // closed
  });

  it('gives up on a call that takes too long', async () => {
    const policy = new SubgraphResilience('search', { timeoutMs: 50, mutationTimeoutMs: 1_000, breakAfter: 10, halfOpenAfterMs: 1_000, queryRetries: 0 });
    const slow = () => new Promise((resolve) => setTimeout(resolve, 1_000, 'late'));
    await expect(policy.execute(true, slow)).rejects.toThrow('the search subgraph is unavailable: no answer within 50 ms');
  });

  it('opens the circuit after consecutive failures and refuses at once until it half-opens', async () => {
    const policy = new SubgraphResilience('finance', { timeoutMs: 1_000, mutationTimeoutMs: 1_000, breakAfter: 2, halfOpenAfterMs: 100, queryRetries: 0 });
    let calls = 0;
    const down = async () => {
      calls += 1;
      throw refused();
    };
    await expect(policy.execute(false, down)).rejects.toThrow(/ECONNREFUSED|fetch failed/);
    await expect(policy.execute(false, down)).rejects.toThrow(/fetch failed/);
    await expect(policy.execute(false, down)).rejects.toThrow('the finance subgraph is unavailable: its circuit is open after repeated failures; retry in 1s');
    expect(calls).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await expect(policy.execute(false, async () => 'back')).resolves.toBe('back');
  });
});
