import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const SEARCH = 'query ($q: String!) { search(query: $q) { totalCount items { entry { kind refId title } } } }';

describe('search indexing from the other subgraphs’ domain events', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;

  type Hits = { search: { totalCount: number; items: { entry: { kind: string; refId: string; title: string } }[] } };
  const hits = async (q: string, as = acme) => (await sg.data<Hits>(SEARCH, { q }, as.as)).search.items.map((i) => i.entry);
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const end = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > end) throw new Error(`not reached in time: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('indexes records, documents and invoices as they are created, updated and deleted, per tenant', async () => {
    const { createRecord } = await sg.data<{ createRecord: { id: string } }>(
      'mutation { createRecord(input: { type: "contact", data: { name: "Grace Hopper", city: "Arlington" } }) { id } }',
      {},
      acme.as,
    );
    const { createDocument } = await sg.data<{ createDocument: { id: string } }>('mutation { createDocument(input: { title: "Compiler manual", content: "Notes on the A-0 system" }) { id } }', {}, acme.as);
    const { createInvoice } = await sg.data<{ createInvoice: { id: string; number: string } }>(
      'mutation { createInvoice(input: { customerName: "Remington Rand", currency: "USD", totalMinor: 5000 }) { id number } }',
      {},
      acme.as,
    );
    expect(await eventually(() => hits('hopper'), (h) => h.length === 1)).toEqual([{ kind: 'record', refId: createRecord.id, title: 'Grace Hopper' }]);
    expect(await eventually(() => hits('a-0'), (h) => h.length === 1)).toEqual([{ kind: 'document', refId: createDocument.id, title: 'Compiler manual' }]);
    expect((await eventually(() => hits('remington'), (h) => h.length === 1))[0]).toMatchObject({ kind: 'invoice', refId: createInvoice.id });
    expect(await hits('hopper', globex)).toEqual([]);

    // An update is indexed with the thing's current text; a deletion removes it.
    await sg.data('mutation ($id: ID!) { updateDocument(id: $id, input: { title: "COBOL manual" }) { id } }', { id: createDocument.id }, acme.as);
    await eventually(() => hits('cobol'), (h) => h.length === 1);
    expect(await hits('compiler')).toEqual([]);
    await sg.data('mutation ($id: ID!) { deleteRecord(id: $id) }', { id: createRecord.id }, acme.as);
    await eventually(() => hits('hopper'), (h) => h.length === 0);
  });

  it('returns the real things as federation references, and only kinds the caller may read', async () => {
    await sg.data('mutation { createDocument(input: { title: "Harvard Mark I log", content: "first actual bug found" }) { id } }', {}, acme.as);
    await sg.data('mutation { createRecord(input: { type: "contact", data: { name: "Howard Aiken", note: "Mark I designer" } }) { id } }', {}, acme.as);
    const FULL = `query ($q: String!) { search(query: $q) { items { entry { kind
      record { id type data owner { email } } document { title owner { email } } invoice { number } } } } }`;
    type Full = { search: { items: { entry: { kind: string; record: { type: string; owner: { email: string } } | null; document: { title: string; owner: { email: string } } | null } }[] } };
    const found = await eventually(
      async () => (await sg.data<Full>(FULL, { q: 'mark' }, acme.as)).search.items.map((i) => i.entry),
      (h) => h.length === 2,
    );
    expect(found.find((e) => e.kind === 'document')!.document).toEqual({ title: 'Harvard Mark I log', owner: { email: acme.email } });
    expect(found.find((e) => e.kind === 'record')!.record).toMatchObject({ type: 'contact', owner: { email: acme.email } });

    // A key that may search and read documents, but not records, never sees a record hit.
    const { createApiKey } = await sg.data<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(input: { name: "docs search", scopes: ["search:entry:read", "document:document:read"] }) { secret } }',
      {},
      acme.as,
    );
    const asKey = { apiKey: createApiKey.secret };
    const kinds = (await sg.data<Hits>(SEARCH, { q: 'mark' }, asKey)).search.items.map((i) => i.entry.kind);
    expect(kinds).toEqual(['document']);
  });
});
