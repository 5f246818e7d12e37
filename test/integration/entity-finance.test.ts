import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

describe('entity and finance subgraphs through the gateway', () => {
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

  describe('entity records', () => {
    it('creates, lists, merges, audits and deletes a record, with its owner from identity', async () => {
      const { createRecord } = await sg.data<{ createRecord: { id: string; data: unknown } }>(
        'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id data } }',
        { input: { type: 'contact', data: { name: 'Ada', city: 'London' } } },
        acme.as,
      );
      expect(createRecord.data).toEqual({ name: 'Ada', city: 'London' });

      const { updateRecord } = await sg.data<{ updateRecord: { data: unknown } }>(
        'mutation ($id: ID!) { updateRecord(id: $id, input: { data: { city: "Paris" }, merge: true }) { data } }',
        { id: createRecord.id },
        acme.as,
      );
      expect(updateRecord.data).toEqual({ name: 'Ada', city: 'Paris' });

      const { records } = await sg.data<{ records: { totalCount: number; items: { type: string; owner: { email: string } }[] } }>(
        '{ records(type: "contact") { totalCount items { type owner { email } } } }',
        {},
        acme.as,
      );
      expect(records).toEqual({ totalCount: 1, items: [{ type: 'contact', owner: { email: acme.email } }] });

      const { entityAuditTrail } = await sg.data<{ entityAuditTrail: { items: { operation: string; changes: { field: string; oldValue: unknown; newValue: unknown }[] }[] } }>(
        'query ($id: ID!) { entityAuditTrail(filter: { entityId: $id }) { items { operation changes { field oldValue newValue } } } }',
        { id: createRecord.id },
        acme.as,
      );
      expect(entityAuditTrail.items[0]).toEqual({
        operation: 'UPDATE',
        changes: [{ field: 'data', oldValue: { name: 'Ada', city: 'London' }, newValue: { name: 'Ada', city: 'Paris' } }],
      });

      const foreign = await sg.graphql('mutation ($id: ID!) { deleteRecord(id: $id) }', { id: createRecord.id }, { as: globex.as });
      expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await sg.data('mutation ($id: ID!) { deleteRecord(id: $id) }', { id: createRecord.id }, acme.as)).toEqual({ deleteRecord: true });
      const gone = await sg.graphql('query ($id: ID!) { record(id: $id) { id } }', { id: createRecord.id }, { as: acme.as });
      expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses a malformed type name and writes nothing', async () => {
      const count = async () => (await sg.data<{ records: { totalCount: number } }>('{ records { totalCount } }', {}, acme.as)).records.totalCount;
      const before = await count();
      const res = await sg.graphql(
        'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id } }',
        { input: { type: 'Bad Type!', data: {} } },
        { as: acme.as },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors?.[0]?.extensions?.fields)).toContain('type');
      expect(await count()).toBe(before);
    });
  });

  describe('invoices', () => {
    const CREATE = `mutation ($input: CreateInvoiceInput!) {
      createInvoice(input: $input) { id number status totalMinor currency owner { email } }
    }`;

    it('creates a draft with a tenant-scoped number and issues it once', async () => {
      const { createInvoice } = await sg.data<{ createInvoice: { id: string; number: string; status: string; totalMinor: number; currency: string; owner: { email: string } } }>(
        CREATE,
        { input: { customerName: 'Initech', currency: 'EUR', totalMinor: 1_234_567 } },
        acme.as,
      );
      expect(createInvoice).toMatchObject({ status: 'DRAFT', totalMinor: 1_234_567, currency: 'EUR', owner: { email: acme.email } });
      // A draft has no legal number yet; issuing gives the first of the tenant's series.
      expect(createInvoice.number).toBe(`DRAFT-${createInvoice.id}`);

      const issued = await sg.data<{ issueInvoice: { status: string; number: string } }>(
        'mutation ($id: ID!) { issueInvoice(id: $id) { status number } }',
        { id: createInvoice.id },
        acme.as,
      );
      expect(issued.issueInvoice).toEqual({ status: 'ISSUED', number: 'INV-000001' });
      const again = await sg.graphql('mutation ($id: ID!) { issueInvoice(id: $id) { status } }', { id: createInvoice.id }, { as: acme.as });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const edit = await sg.graphql(
        'mutation ($id: ID!) { updateInvoice(id: $id, input: { totalMinor: 1 }) { totalMinor } }',
        { id: createInvoice.id },
        { as: acme.as },
      );
      expect(edit.errors?.[0]?.extensions?.code).toBe('CONFLICT');

      const { financeAuditTrail } = await sg.data<{ financeAuditTrail: { items: { operation: string; changes: { field: string; newValue: unknown }[] }[] } }>(
        'query ($id: ID!) { financeAuditTrail(filter: { entityId: $id }) { items { operation changes { field newValue } } } }',
        { id: createInvoice.id },
        acme.as,
      );
      expect(financeAuditTrail.items.map((e) => e.operation)).toEqual(['UPDATE', 'CREATE']);
      expect(financeAuditTrail.items[0].changes).toEqual(
        expect.arrayContaining([{ field: 'status', newValue: 'issued' }, { field: 'number', newValue: 'INV-000001' }]),
      );
    });

    it('refuses a float amount and an unknown currency format', async () => {
      const float = await sg.graphql(CREATE, { input: { customerName: 'X', currency: 'EUR', totalMinor: 10.5 } }, { as: acme.as });
      expect(float.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
      const currency = await sg.graphql(CREATE, { input: { customerName: 'X', currency: 'euro', totalMinor: 10 } }, { as: acme.as });
      expect(currency.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it("never shows one tenant's invoices to another", async () => {
      const { invoices } = await sg.data<{ invoices: { totalCount: number } }>('{ invoices { totalCount } }', {}, globex.as);
      expect(invoices.totalCount).toBe(0);
    });
  });
});
