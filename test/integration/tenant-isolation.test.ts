import { randomUUID } from 'node:crypto';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

/**
 * One tenant (acme) owns something in every subgraph; another (globex), with full rights in
 * its own tenant, tries every public operation on it. Each read must come back empty or
 * NOT_FOUND, each write must be refused, and afterwards acme's data must be as it was.
 */
describe('tenant isolation through every subgraph', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const acmeOwns = { documentId: '', recordId: '', invoiceId: '', searchRefId: randomUUID(), apiKeyId: '', inviteeId: '' };
  const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    const made = await sg.data<{
      createDocument: { id: string };
      createRecord: { id: string };
      createInvoice: { id: string };
      createApiKey: { apiKey: { id: string } };
    }>(
      `mutation ($ref: ID!) {
        createDocument(input: { title: "Acme secret plan", content: "launch" }) { id }
        createRecord(input: { type: "contact", data: { name: "Ada" } }) { id }
        createInvoice(input: { customerName: "Acme customer", currency: "EUR", totalMinor: 1000 }) { id }
        indexEntry(input: { kind: "note", refId: $ref, title: "Acme secret plan" }) { id }
        trackEvent(input: { name: "acme.secret" }) { id }
        createApiKey(input: { name: "acme-ci", scopes: ["document:document:read"] }) { apiKey { id } }
        createRole(input: { name: "acme-writer", permissions: ["document:*"] }) { id }
      }`,
      { ref: acmeOwns.searchRefId },
      acme.as,
    );
    acmeOwns.documentId = made.createDocument.id;
    acmeOwns.recordId = made.createRecord.id;
    acmeOwns.invoiceId = made.createInvoice.id;
    acmeOwns.apiKeyId = made.createApiKey.apiKey.id;
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('answers NOT_FOUND for another tenant’s rows fetched by id, in every subgraph', async () => {
    const byId: [string, string][] = [
      ['query ($id: ID!) { document(id: $id) { id } }', acmeOwns.documentId],
      ['query ($id: ID!) { record(id: $id) { id } }', acmeOwns.recordId],
      ['query ($id: ID!) { invoice(id: $id) { id } }', acmeOwns.invoiceId],
      ['query ($id: ID!) { user(id: $id) { id } }', acme.userId],
    ];
    for (const [query, id] of byId) {
      const res = await sg.graphql(query, { id }, { as: globex.as });
      expect({ query, code: code(res) }).toEqual({ query, code: 'NOT_FOUND' });
    }
  });

  it('lists none of another tenant’s rows, audit entries, search hits, events or credentials', async () => {
    const seen = await sg.data<Record<string, { totalCount?: number; items?: unknown[] } | unknown[]>>(
      `{
        documents { totalCount } records { totalCount } invoices { totalCount } users { totalCount }
        search(query: "secret") { totalCount }
        events(name: "acme.secret") { totalCount }
        apiKeys { id } roles { name }
        identityAuditTrail(filter: { actorId: "${acme.userId}" }) { totalCount }
        entityAuditTrail { totalCount } documentAuditTrail { totalCount } financeAuditTrail { totalCount }
        searchAuditTrail(filter: { actorId: "${acme.userId}" }) { totalCount } analyticsAuditTrail(filter: { actorId: "${acme.userId}" }) { totalCount }
      }`,
      {},
      globex.as,
    );
    const count = (key: string) => (seen[key] as { totalCount: number }).totalCount;
    expect({
      documents: count('documents'),
      records: count('records'),
      invoices: count('invoices'),
      search: count('search'),
      events: count('events'),
      apiKeys: seen.apiKeys,
      identityAudit: count('identityAuditTrail'),
      entityAudit: count('entityAuditTrail'),
      documentAudit: count('documentAuditTrail'),
      financeAudit: count('financeAuditTrail'),
      searchAudit: count('searchAuditTrail'),
      analyticsAudit: count('analyticsAuditTrail'),
    }).toEqual({
      documents: 0,
      records: 0,
      invoices: 0,
      search: 0,
      events: 0,
      apiKeys: [],
      identityAudit: 0,
      entityAudit: 0,
      documentAudit: 0,
      financeAudit: 0,
      searchAudit: 0,
      analyticsAudit: 0,
    });
    // Globex's own owner is its only user, and acme's custom role is not among its roles.
    expect(count('users')).toBe(1);
    expect((seen.roles as { name: string }[]).map((r) => r.name)).not.toContain('acme-writer');

    const { eventCounts } = await sg.data<{ eventCounts: { count: number }[] }>(
      'query ($from: DateTimeISO!, $to: DateTimeISO!) { eventCounts(name: "acme.secret", from: $from, to: $to) { count } }',
      { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() },
      globex.as,
    );
    expect(eventCounts.reduce((sum, b) => sum + b.count, 0)).toBe(0);
  });

  it('refuses every write to another tenant’s rows, and leaves them as they were', async () => {
    const writes: [string, Record<string, unknown>][] = [
      ['mutation ($id: ID!) { updateDocument(id: $id, input: { title: "pwned" }) { id } }', { id: acmeOwns.documentId }],
      ['mutation ($id: ID!) { updateRecord(id: $id, input: { data: { name: "pwned" } }) { id } }', { id: acmeOwns.recordId }],
      ['mutation ($id: ID!) { deleteRecord(id: $id) }', { id: acmeOwns.recordId }],
      ['mutation ($id: ID!) { updateInvoice(id: $id, input: { customerName: "pwned" }) { id } }', { id: acmeOwns.invoiceId }],
      ['mutation ($id: ID!) { issueInvoice(id: $id) { id } }', { id: acmeOwns.invoiceId }],
      ['mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: acmeOwns.apiKeyId }],
      ['mutation ($id: ID!) { updateUser(id: $id, input: { displayName: "pwned" }) { id } }', { id: acme.userId }],
      ['mutation ($id: ID!) { deactivateUser(id: $id) { id } }', { id: acme.userId }],
      ['mutation ($id: ID!) { assignRole(userId: $id, role: "viewer") { id } }', { id: acme.userId }],
      ['mutation { updateRole(name: "acme-writer", input: { description: "pwned" }) { id } }', {}],
      ['mutation { deleteRole(name: "acme-writer") }', {}],
    ];
    for (const [query, variables] of writes) {
      const res = await sg.graphql(query, variables, { as: globex.as });
      expect({ query, code: code(res) }).toEqual({ query, code: 'NOT_FOUND' });
    }
    // Removing an entry by acme's reference only ever looks in globex's own index.
    const removed = await sg.data<{ removeEntry: boolean }>(
      'mutation ($ref: ID!) { removeEntry(kind: "note", refId: $ref) }',
      { ref: acmeOwns.searchRefId },
      globex.as,
    );
    expect(removed.removeEntry).toBe(false);

    const acmeSees = await sg.data<{
      document: { title: string };
      record: { data: unknown };
      invoice: { customerName: string; status: string };
      search: { totalCount: number };
      me: { displayName: string; status: string };
      apiKeys: { revokedAt: string | null }[];
      roles: { name: string; description: string | null }[];
    }>(
      `query ($doc: ID!, $rec: ID!, $inv: ID!) {
        document(id: $doc) { title } record(id: $rec) { data } invoice(id: $inv) { customerName status }
        search(query: "secret", kind: "note") { totalCount }
        me { displayName status } apiKeys { revokedAt } roles { name description }
      }`,
      { doc: acmeOwns.documentId, rec: acmeOwns.recordId, inv: acmeOwns.invoiceId },
      acme.as,
    );
    expect(acmeSees).toMatchObject({
      document: { title: 'Acme secret plan' },
      record: { data: { name: 'Ada' } },
      invoice: { customerName: 'Acme customer', status: 'DRAFT' },
      search: { totalCount: 1 },
      me: { displayName: 'Owner of acme', status: 'ACTIVE' },
      apiKeys: [{ revokedAt: null }],
    });
    expect(acmeSees.roles.find((r) => r.name === 'acme-writer')).toEqual({ name: 'acme-writer', description: '' });
  });

  it('does not let a tenant point at another tenant’s user as an owner', async () => {
    const res = await sg.data<{ createDocument: { owner: { email: string } | null } }>(
      'mutation ($owner: ID!) { createDocument(input: { title: "mine", content: "x", ownerId: $owner }) { owner { email } } }',
      { owner: acme.userId },
      globex.as,
    ).catch((err: Error) => err);
    // Either refused outright or the owner resolves to nobody: acme's user is never revealed.
    if (res instanceof Error) expect(res.message).toMatch(/BAD_USER_INPUT|NOT_FOUND/);
    else expect(res.createDocument.owner).toBeNull();
  });
});
