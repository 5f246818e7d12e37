import { request } from 'node:http';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { subscribeWs, wsClient } from '../../shared/testing/live-client.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const RECORD_CHANGED = 'subscription { recordChanged { action id } }';

const until = async (check: () => boolean, timeoutMs = 5_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Health, readiness and graceful shutdown of the gateway and the subgraph processes. */
describe('gateway health and shutdown', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  const origin = () => `http://127.0.0.1:${sg.gateway.port}`;
  const getJson = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('is live and ready on the gateway and on every subgraph while all answer', async () => {
    expect(await getJson(`${origin()}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await getJson(`${origin()}/ready`)).toEqual({ status: 200, body: { status: 'ok' } });
    for (const subgraph of Object.values(sg.subgraphs)) {
      const base = new URL(subgraph.url).origin;
      expect([subgraph.name, await getJson(`${base}/health`)]).toEqual([subgraph.name, { status: 200, body: { status: 'ok' } }]);
      expect([subgraph.name, await getJson(`${base}/ready`)]).toEqual([subgraph.name, { status: 200, body: { status: 'ok' } }]);
    }
  });

  it('reports not ready, naming the subgraph, once one subgraph stops; stays live', async () => {
    await sg.subgraphs.analytics.stop();
    expect(await getJson(`${origin()}/ready`)).toEqual({ status: 503, body: { status: 'unavailable', unavailable: ['analytics'] } });
    expect((await getJson(`${origin()}/health`)).status).toBe(200);
  });

  it('on stop: finishes a request already in flight, closes subscriptions with 1001, and refuses new connections', async () => {
    const client = wsClient(sg.gateway.url, { authorization: `Bearer ${acme.accessToken}` });
    const sub = subscribeWs(client, RECORD_CHANGED);
    await until(() => sg.gateway.activeSubscriptions() === 1);

    // A request whose body is still arriving when shutdown starts is in flight, not idle.
    const body = JSON.stringify({ query: '{ me { email } }' });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        sg.gateway.url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${acme.accessToken}` } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = sg.gateway.stop();
    const inFlight = await answer;
    await stopped;

    expect(inFlight.status).toBe(200);
    expect(JSON.parse(inFlight.body)).toEqual({ data: { me: { email: acme.email } } });
    await sub.completed;
    expect(client.closeCodes).toEqual([1001]);
    await expect(fetch(`${origin()}/health`)).rejects.toThrow();
    await client.dispose();
  });
});
