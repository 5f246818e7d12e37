import { randomUUID } from 'node:crypto';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { queryEvents, type QueryEvent } from '../../shared/orm/query-log.js';

const CREATE_DOCUMENT = `mutation ($input: CreateDocumentInput!) {
  createDocument(input: $input) { id title owner { id } }
}`;

describe('the supergraph through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    globex = await createTenantWithUser(sg, 'globex');
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('answers health checks on the gateway and every subgraph', async () => {
    expect((await fetch(`http://127.0.0.1:${sg.gateway.port}/health`)).status).toBe(200);
    for (const subgraph of Object.values(sg.subgraphs)) {
      const res = await fetch(`http://127.0.0.1:${subgraph.port}/health/ready`);
      expect({ name: subgraph.name, status: res.status }).toEqual({ name: subgraph.name, status: 200 });
    }
  });

  it('resolves a document owner from the identity subgraph, read from the database', async () => {
    await sg.data(CREATE_DOCUMENT, { input: { title: 'Contract', content: 'Terms' } }, acme.as);
    const { documents } = await sg.data<{
      documents: { totalCount: number; items: { title: string; owner: { id: string; email: string; displayName: string } }[] };
    }>('{ documents { totalCount items { title owner { id email displayName } } } }', {}, acme.as);
    expect(documents.totalCount).toBe(1);
    expect(documents.items[0]).toEqual({
      title: 'Contract',
      owner: { id: acme.userId, email: acme.email, displayName: 'Owner of acme' },
    });
  });

  it('records an update in the audit trail with its diff, actor and request id', async () => {
    const { createDocument } = await sg.data<{ createDocument: { id: string } }>(
      CREATE_DOCUMENT,
      { input: { title: 'Draft plan', content: 'v1' } },
      acme.as,
    );
    const requestId = `test-${randomUUID()}`;
    const res = await sg.graphql(
      'mutation ($id: ID!) { updateDocument(id: $id, input: { title: "Final plan" }) { title } }',
      { id: createDocument.id },
      { as: acme.as, headers: { 'x-request-id': requestId } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.headers.get('x-request-id')).toBe(requestId);

    const { documentAuditTrail } = await sg.data<{
      documentAuditTrail: { items: { operation: string; actorId: string; requestId: string; changes: unknown[] }[] };
    }>(
      `query ($id: ID!) { documentAuditTrail(filter: { entityType: "Document", entityId: $id }) {
         items { operation actorId requestId changes { field oldValue newValue } } } }`,
      { id: createDocument.id },
      acme.as,
    );
    expect(documentAuditTrail.items.map((e) => e.operation)).toEqual(['UPDATE', 'CREATE']);
    expect(documentAuditTrail.items[0]).toEqual({
      operation: 'UPDATE',
      actorId: acme.userId,
      requestId,
      changes: [{ field: 'title', oldValue: 'Draft plan', newValue: 'Final plan' }],
    });
  });

  it('keeps tenants apart: another tenant sees neither the rows nor their audit', async () => {
    const { createDocument } = await sg.data<{ createDocument: { id: string } }>(
      CREATE_DOCUMENT,
      { input: { title: 'Acme secret', content: 'x' } },
      acme.as,
    );
    const read = await sg.graphql('query ($id: ID!) { document(id: $id) { title } }', { id: createDocument.id }, { as: globex.as });
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const write = await sg.graphql(
      'mutation ($id: ID!) { updateDocument(id: $id, input: { title: "pwned" }) { title } }',
      { id: createDocument.id },
      { as: globex.as },
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const lists = await sg.data<{ documents: { totalCount: number }; documentAuditTrail: { totalCount: number } }>(
      '{ documents { totalCount } documentAuditTrail { totalCount } }',
      {},
      globex.as,
    );
    expect(lists).toEqual({ documents: { totalCount: 0 }, documentAuditTrail: { totalCount: 0 } });
    const stillAcme = await sg.data<{ document: { title: string } }>(
      'query ($id: ID!) { document(id: $id) { title } }',
      { id: createDocument.id },
      acme.as,
    );
    expect(stillAcme.document.title).toBe('Acme secret');
  });

  it('refuses bad input with BAD_USER_INPUT naming each field, and writes nothing', async () => {
    const before = await sg.data<{ documents: { totalCount: number } }>('{ documents { totalCount } }', {}, globex.as);
    const res = await sg.graphql(CREATE_DOCUMENT, { input: { title: '  ', content: 'x', mimeType: 'not a type' } }, { as: globex.as });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'title', message: 'must not be empty' },
      { field: 'mimeType', message: 'is not a media type like text/plain' },
    ]);
    const after = await sg.data<{ documents: { totalCount: number } }>('{ documents { totalCount } }', {}, globex.as);
    expect(after.documents.totalCount).toBe(before.documents.totalCount);
  });

  it('refuses mutations without a tenant as UNAUTHENTICATED', async () => {
    const res = await sg.graphql(CREATE_DOCUMENT, { input: { title: 'x', content: 'y', ownerId: acme.userId } });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists with cross-subgraph fields in a constant number of SQL statements (no N+1)', async () => {
    const tenant = await createTenantWithUser(sg, 'counting');
    const statementsFor = async (documents: number) => {
      for (let i = 0; i < documents; i++) {
        await sg.data(CREATE_DOCUMENT, { input: { title: `doc ${i}`, content: 'c' } }, tenant.as);
      }
      const requestId = `count-${randomUUID()}`;
      const seen: QueryEvent[] = [];
      const listener = (event: QueryEvent) => {
        if (event.requestId === requestId) seen.push(event);
      };
      queryEvents.on('query', listener);
      const res = await sg.graphql<{ documents: { items: { owner: { email: string } }[] } }>(
        '{ documents(first: 100) { totalCount items { title owner { email } } } }',
        {},
        { as: tenant.as, headers: { 'x-request-id': requestId } },
      );
      queryEvents.off('query', listener);
      expect(res.data?.documents.items.every((d) => d.owner.email === tenant.email)).toBe(true);
      return seen.map((e) => `${e.schema}: ${e.sql.slice(0, 40)}`);
    };
    const few = await statementsFor(2);
    const many = await statementsFor(10);
    // document: one page query and one count; identity: one batched user lookup.
    expect(few).toHaveLength(3);
    expect(many).toHaveLength(3);
  });
});
