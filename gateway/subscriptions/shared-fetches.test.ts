import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Caller } from '../../shared/context/caller.js';
import { rootLogger } from '../../shared/logger/logger.js';
import type { GatewayContext } from '../gateway-context.js';
import { SharedFetches } from './shared-fetches.js';

const ann: Caller = { kind: 'user', userId: 'u-ann', tenantId: 't1', scopes: ['*'], principalId: null, clientIp: '10.0.0.1' };
const bob: Caller = { ...ann, userId: 'u-bob' };

/** A subgraph that answers after `release()` and counts what it was asked. */
function slowSubgraph() {
  const calls: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const source: GraphQLDataSource<GatewayContext> = {
    async process({ request }) {
      calls.push(String(request.variables?.id));
      await gate;
      return { data: { user: { id: request.variables?.id, email: 'ann@acme.test' } } };
    },
  };
  return { calls, release, source };
}

const fetch = (caller: Caller, id: string, clientIp = caller.clientIp) =>
  ({
    kind: 0,
    request: { query: 'query($id: ID!) { user(id: $id) { email } }', variables: { id } },
    context: { requestId: 'r', caller: { ...caller, clientIp }, signCaller: async () => 'token', log: rootLogger },
  }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

describe('shared subscription fetches', () => {
  it('makes identical concurrent fetches one, and gives each caller its own copy', async () => {
    const subgraph = slowSubgraph();
    const shared = new SharedFetches('identity', subgraph.source);
    // Same caller from another address: the answer cannot differ, so it is shared too.
    const answers = Promise.all([fetch(ann, '1'), fetch(ann, '1'), fetch(ann, '1', '10.9.9.9')].map((f) => shared.process(f)));
    expect(shared.pending).toBe(1);
    subgraph.release();
    const [a, b, c] = await answers;
    expect(subgraph.calls).toEqual(['1']);
    expect(a).toEqual({ data: { user: { id: '1', email: 'ann@acme.test' } } });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a).not.toBe(b);
    expect(shared.pending).toBe(0);
  });

  it('never shares between callers or variables, nor after the answer came', async () => {
    const subgraph = slowSubgraph();
    const shared = new SharedFetches('identity', subgraph.source);
    const answers = Promise.all([fetch(ann, '1'), fetch(bob, '1'), fetch(ann, '2')].map((f) => shared.process(f)));
    subgraph.release();
    await answers;
    await shared.process(fetch(ann, '1'));
    expect(subgraph.calls).toEqual(['1', '1', '2', '1']);
  });

  it('shares a failure with the fetches that waited for it, then forgets it', async () => {
    let calls = 0;
    const failing: GraphQLDataSource<GatewayContext> = {
      async process() {
        calls += 1;
        throw new Error('ECONNREFUSED');
      },
    };
    const shared = new SharedFetches('identity', failing);
    await expect(Promise.all([shared.process(fetch(ann, '1')), shared.process(fetch(ann, '1'))])).rejects.toThrow('ECONNREFUSED');
    await expect(shared.process(fetch(ann, '1'))).rejects.toThrow('ECONNREFUSED');
    expect(calls).toBe(2);
  });
});
