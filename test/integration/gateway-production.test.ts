import { createHash } from 'node:crypto';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { subscribeWs, wsClient } from '../../shared/testing/live-client.js';
import { eventually } from '../../shared/testing/eventually.js';
import { metricValue } from '../../shared/testing/metrics-text.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

describe('health, readiness, metrics and resilience on every process', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  const base = () => sg.gateway.url.replace(/\/graphql$/, '');
  const subgraphBase = (name: string) => sg.subgraphs[name]!.url.replace(/\/graphql$/, '');
  const metrics = async (url = base()) => {
    const res = await fetch(`${url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('answers live and ready on the gateway and on each subgraph', async () => {
    expect(await (await fetch(`${base()}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok' }]);
    for (const name of Object.keys(sg.subgraphs)) expect((await fetch(`${subgraphBase(name)}/health/ready`)).status).toBe(200);
  });

  it('counts operations by name and errors by code, and times each subgraph fetch', async () => {
    const before = await metrics();
    await sg.data('query Whoami { me { email } }', {}, acme.as);
    const refused = await sg.graphql('mutation Sneaky { createDocument(input: { title: "x", content: "y" }) { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const after = await metrics();
    const delta = (name: string, labels: Record<string, string>) => metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(delta('graphql_requests_total', { service: 'gateway', operation: 'Whoami', type: 'query' })).toBe(1);
    expect(delta('graphql_errors_total', { service: 'gateway', code: 'UNAUTHENTICATED' })).toBeGreaterThanOrEqual(1);
    expect(delta('gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'identity', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(delta('graphql_request_duration_seconds_count', { service: 'gateway', operation: 'Whoami' })).toBe(1);
    // The subgraph that answered counts it too, under its own service.
    expect(metricValue(await metrics(subgraphBase('identity')), 'graphql_requests_total', { service: 'identity', type: 'query' })).toBeGreaterThanOrEqual(1);
    expect(after).toContain('process_resident_memory_bytes');
  });

  it('reports job outcomes, queue depth and live subscriptions', async () => {
    await sg.data('mutation { createDocument(input: { title: "Counted", content: "x" }) { id } }', {}, acme.as);
    // The analytics consumer turns the change into a fact: a completed job of its queue.
    await eventually(async () => metricValue(await metrics(), 'jobs_total', { queue: 'analytics.facts', outcome: 'completed' }) >= 1);
    expect(await metrics()).toMatch(/job_queue_jobs\{queue="analytics\.facts",state="\w+"\}/);

    const client = wsClient(sg.gateway.url, { authorization: `Bearer ${acme.accessToken}` });
    const live = subscribeWs(client, 'subscription { documentChanged { action } }');
    await eventually(async () => metricValue(await metrics(), 'subscriptions_active', { service: 'gateway' }) === 1);
    await eventually(async () => metricValue(await metrics(), 'subscriptions_active', { service: 'document' }) === 1);
    live.close();
    await client.dispose();
    await eventually(async () => metricValue(await metrics(), 'subscriptions_active', { service: 'gateway' }) === 0);
  });

  it('refuses simple cross-site requests (CSRF) and takes persisted queries by hash', async () => {
    const csrf = await fetch(sg.gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(csrf.status).toBe(400);
    expect(await csrf.text()).toMatch(/CSRF/);
    const query = 'query Persisted { me { email } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await sg.graphql('', {}, { as: acme.as, body: { extensions } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await sg.data(query, {}, acme.as);
    const registered = await sg.graphql(query, {}, { as: acme.as, body: { extensions } });
    expect(registered.data).toEqual({ me: { email: acme.email } });
    const byHash = await sg.graphql('', {}, { as: acme.as, body: { extensions } });
    expect(byHash.data).toEqual({ me: { email: acme.email } });
  });

  it('answers what it can while a subgraph is down, says which, and is not ready', async () => {
    await sg.data('mutation { createDashboard(input: { name: "Ops" }) { id } }', {}, acme.as);
    await sg.subgraphs.identity!.stop();
    const partial = await sg.graphql<{ me: unknown; dashboards: { name: string }[] }>('query Partial { me { email } dashboards { name } }', {}, { as: acme.as });
    expect(partial.data).toEqual({ me: null, dashboards: [{ name: 'Ops' }] });
    expect(partial.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(partial.errors?.[0]?.message).toMatch(/^the identity subgraph is unavailable: /);
    // After repeated failures the circuit opens: calls are refused at once, with when to retry.
    for (let i = 0; i < 5; i += 1) await sg.graphql('query Partial { me { email } dashboards { name } }', {}, { as: acme.as });
    const refused = await sg.graphql('query Partial { me { email } dashboards { name } }', {}, { as: acme.as });
    expect(refused.errors?.[0]?.message).toBe('the identity subgraph is unavailable: its circuit is open after repeated failures; retry in 10s');
    const res = await fetch(`${base()}/health/ready`);
    expect([res.status, await res.json()]).toEqual([503, { status: 'unavailable', unavailable: ['identity'] }]);
  });
});
