import WebSocket from 'ws';
import { openEventStreams } from '../../shared/events/event-stream.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { subscribeSse, subscribeWs, wsClient } from '../../shared/testing/live-client.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { signAccessToken } from '../../subgraphs/identity/services/signing-key.service.js';

const RECORD_CHANGED = `subscription ($type: String) {
  recordChanged(type: $type) { action id changedFields actorId record { type data owner { email displayName } } }
}`;
const CREATE_RECORD = 'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id } }';

interface RecordChanged {
  recordChanged: {
    action: string;
    id: string;
    changedFields: string[];
    actorId: string | null;
    record: { type: string; data: Record<string, unknown>; owner: { email: string; displayName: string } | null } | null;
  };
}

const until = async (check: () => boolean, timeoutMs = 5_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('subscriptions through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const bearer = (t: TenantFixture) => ({ authorization: `Bearer ${t.accessToken}` });

  beforeAll(async () => {
    sg = await startTestSupergraph({ subscriptionCaps: { perConnection: 3, perTenant: 1_000 } });
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('delivers a change made by a mutation, with fields resolved by two subgraphs, to its own tenant only', async () => {
    const acmeClient = wsClient(sg.gateway.url, bearer(acme));
    const globexClient = wsClient(sg.gateway.url, bearer(globex));
    const mine = subscribeWs<RecordChanged>(acmeClient, RECORD_CHANGED);
    const theirs = subscribeWs<RecordChanged>(globexClient, RECORD_CHANGED);
    await until(() => openEventStreams() === 2);

    const { createRecord } = await sg.data<{ createRecord: { id: string } }>(
      CREATE_RECORD,
      { input: { type: 'contact', data: { name: 'Ada' }, ownerId: acme.userId } },
      acme.as,
    );
    const event = await mine.next();
    expect(event.errors).toBeUndefined();
    expect(event.data?.recordChanged).toEqual({
      action: 'CREATED',
      id: createRecord.id,
      changedFields: expect.arrayContaining(['type', 'data', 'ownerId']),
      actorId: acme.userId,
      // `data` and `type` from the entity subgraph, `owner` from identity.
      record: { type: 'contact', data: { name: 'Ada' }, owner: { email: acme.email, displayName: 'Owner of acme' } },
    });

    await sg.data('mutation ($id: ID!) { updateRecord(id: $id, input: { data: { city: "Paris" }, merge: true }) { id } }', { id: createRecord.id }, acme.as);
    const update = await mine.next();
    expect(update.data?.recordChanged).toMatchObject({ action: 'UPDATED', changedFields: ['data'], record: { data: { name: 'Ada', city: 'Paris' } } });

    // Globex heard nothing of acme's changes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(theirs.results).toHaveLength(0);
    mine.close();
    theirs.close();
    await acmeClient.dispose();
    await globexClient.dispose();
  });

  it('filters by argument, and serves the same over SSE', async () => {
    const contacts = subscribeSse<RecordChanged>(`${sg.gateway.url}/stream`, RECORD_CHANGED, { type: 'contact' }, bearer(acme));
    await until(() => openEventStreams() === 1);
    await sg.data(CREATE_RECORD, { input: { type: 'company', data: { name: 'Initech' } } }, acme.as);
    await sg.data(CREATE_RECORD, { input: { type: 'contact', data: { name: 'Grace' }, ownerId: acme.userId } }, acme.as);
    const event = await contacts.next();
    expect(event.data?.recordChanged.record).toMatchObject({ type: 'contact', data: { name: 'Grace' }, owner: { email: acme.email } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(contacts.results).toHaveLength(1);
    contacts.close();
  });

  it('frees the upstream subscription when the client leaves', async () => {
    await until(() => openEventStreams() === 0 && sg.gateway.activeSubscriptions() === 0);
    const client = wsClient(sg.gateway.url, bearer(acme));
    const subs = [subscribeWs(client, RECORD_CHANGED), subscribeWs(client, RECORD_CHANGED)];
    await until(() => openEventStreams() === 2 && sg.gateway.activeSubscriptions() === 2);
    subs[0].close();
    await until(() => openEventStreams() === 1 && sg.gateway.activeSubscriptions() === 1);
    // A client that drops its socket frees everything it held.
    await client.dispose();
    await until(() => openEventStreams() === 0 && sg.gateway.activeSubscriptions() === 0);
  });

  it('keeps delivering to others while one client stops reading', async () => {
    // A client that subscribes and then stops reading its socket altogether.
    const slow = new WebSocket(sg.gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve) => slow.once('open', resolve));
    slow.send(JSON.stringify({ type: 'connection_init', payload: bearer(acme) }));
    await new Promise((resolve) => slow.once('message', resolve));
    slow.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: RECORD_CHANGED } }));
    const fastClient = wsClient(sg.gateway.url, bearer(acme));
    const fast = subscribeWs<RecordChanged>(fastClient, RECORD_CHANGED);
    await until(() => openEventStreams() === 2);
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();

    for (let i = 0; i < 20; i += 1) await sg.data(CREATE_RECORD, { input: { type: 'bulk', data: { i, padding: 'x'.repeat(2_000) } } }, acme.as);
    for (let i = 0; i < 20; i += 1) expect((await fast.next()).data?.recordChanged.record?.data).toMatchObject({ i });
    fast.close();
    slow.terminate();
    await fastClient.dispose();
    await until(() => openEventStreams() === 0 && sg.gateway.activeSubscriptions() === 0);
  });

  it('caps subscriptions per connection with RATE_LIMITED', async () => {
    const client = wsClient(sg.gateway.url, bearer(acme));
    const subs = [1, 2, 3].map(() => subscribeWs(client, RECORD_CHANGED));
    await until(() => sg.gateway.activeSubscriptions() === 3);
    const fourth = subscribeWs(client, RECORD_CHANGED);
    const refused = await fourth.next();
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    subs.forEach((s) => s.close());
    await client.dispose();
  });

  it('announces invoice status changes and audit entries live, with the invoice owner from identity', async () => {
    const client = wsClient(sg.gateway.url, bearer(acme));
    const statuses = subscribeWs<{ invoiceStatusChanged: { from: string | null; to: string; invoice: { number: string; owner: { email: string } | null } } }>(
      client,
      'subscription { invoiceStatusChanged { from to invoice { number owner { email } } } }',
    );
    const audit = subscribeWs<{ financeAuditEntryAdded: { entityType: string; operation: string; actorId: string } }>(
      client,
      'subscription { financeAuditEntryAdded(entityType: "Invoice") { entityType operation actorId } }',
    );
    await until(() => openEventStreams() === 2);
    const { createInvoice } = await sg.data<{ createInvoice: { id: string } }>(
      'mutation { createInvoice(input: { customerName: "Initech", currency: "EUR", totalMinor: 1200 }) { id } }',
      {},
      acme.as,
    );
    await sg.data('mutation ($id: ID!) { issueInvoice(id: $id) { id } }', { id: createInvoice.id }, acme.as);
    const created = await statuses.next();
    const issued = await statuses.next();
    expect([created.data?.invoiceStatusChanged.from, created.data?.invoiceStatusChanged.to]).toEqual([null, 'DRAFT']);
    expect(issued.data?.invoiceStatusChanged).toMatchObject({ from: 'DRAFT', to: 'ISSUED', invoice: { owner: { email: acme.email } } });
    expect(issued.data?.invoiceStatusChanged.invoice.number).toMatch(/\d/);
    expect((await audit.next()).data?.financeAuditEntryAdded).toEqual({ entityType: 'Invoice', operation: 'CREATE', actorId: acme.userId });
    expect((await audit.next()).data?.financeAuditEntryAdded.operation).toBe('UPDATE');
    statuses.close();
    audit.close();
    await client.dispose();
  });

  it('refuses a subscription the caller has no permission for as FORBIDDEN', async () => {
    const { createApiKey } = await sg.data<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(input: { name: "live", scopes: ["finance:invoice:read"] }) { secret } }',
      {},
      acme.as,
    );
    const client = wsClient(sg.gateway.url, { 'x-api-key': createApiKey.secret });
    const denied = await subscribeWs(client, 'subscription { financeAuditEntryAdded { id } }').next();
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await until(() => openEventStreams() === 0);
    await client.dispose();
  });

  it('refuses a subscription without a tenant, and bad credentials at connection time', async () => {
    const anonymous = wsClient(sg.gateway.url);
    const denied = await subscribeWs(anonymous, RECORD_CHANGED).next();
    expect(denied.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    await anonymous.dispose();

    const forged = wsClient(sg.gateway.url, { authorization: 'Bearer not-a-token' });
    const sub = subscribeWs(forged, RECORD_CHANGED);
    await sub.completed;
    expect(forged.closeCodes).toContain(4403);
    await forged.dispose();
  });

  it('ends the subscription and closes the connection when the access token expires', async () => {
    const em = sg.subgraphs.identity.orm.em.fork();
    const token = await signAccessToken(em, { subject: acme.userId, kind: 'user', tenantId: acme.tenantId, scopes: ['*'], plan: 'free' }, 2);
    const client = wsClient(sg.gateway.url, { authorization: `Bearer ${token}` }, { lazy: false });
    const sub = subscribeWs(client, RECORD_CHANGED);
    const last = await sub.next(5_000);
    expect(last.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await until(() => client.closeCodes.includes(4401));
    await until(() => openEventStreams() === 0 && sg.gateway.activeSubscriptions() === 0);
    await client.dispose();
  });
});
