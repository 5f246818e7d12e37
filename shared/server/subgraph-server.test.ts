import { identity } from '../../subgraphs/identity/subgraph.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { gatewaySigned, postGraphQL } from '../testing/test-supergraph.js';
import { startSubgraph, type RunningSubgraph } from './subgraph-server.js';

describe('startSubgraph', () => {
  let database: TestDatabase;
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    database = await createTestDatabase();
    subgraph = await startSubgraph(identity, { port: 0, host: '127.0.0.1', database: database.target, migrate: true });
  });

  afterAll(async () => {
    await subgraph.stop().catch(() => undefined);
    await database.drop().catch(() => undefined);
  });

  it('serves the federated schema on /graphql', async () => {
    const res = await postGraphQL<{ _service: { sdl: string } }>(subgraph.url, '{ _service { sdl } }', {}, await gatewaySigned());
    expect(res.data?._service.sdl).toContain('type User');
    expect(res.data?._service.sdl).toContain('@key(fields: "id")');
  });

  it('echoes the request id it was given, or makes one', async () => {
    const given = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'abc-123', ...(await gatewaySigned()) },
      body: JSON.stringify({ query: '{ currentTenant { id } }' }),
    });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await postGraphQL(subgraph.url, '{ currentTenant { id } }', {}, await gatewaySigned());
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses requests that did not come through the gateway', async () => {
    const unsigned = await postGraphQL(subgraph.url, '{ currentTenant { id } }', {}, {
      'x-caller-tenant-id': '01900000-0000-7000-8000-000000000001',
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await postGraphQL(subgraph.url, '{ currentTenant { id } }', {}, await gatewaySigned(undefined, 'f'.repeat(40)));
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.message).toBe('invalid caller token');
  });

  it('is live, and ready only while its database answers', async () => {
    const base = `http://127.0.0.1:${subgraph.port}`;
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    await database.drop(); // the server's database goes away under it
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
});
