import type { GraphQLFormattedError } from 'graphql';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const CREATE_TYPE = `mutation ($input: CreateEntityTypeInput!) {
  createEntityType(input: $input) { id name plural fields { name kind required unique defaultValue options referenceType deprecated } }
}`;
const ADD_FIELD = `mutation ($type: String!, $input: EntityFieldInput!) {
  addEntityField(type: $type, input: $input) { fields { name kind required } }
}`;
const CREATE_RECORD = 'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id data } }';
const UPDATE_RECORD = 'mutation ($id: ID!, $input: UpdateRecordInput!) { updateRecord(id: $id, input: $input) { id data } }';
const RECORD = 'query ($id: ID!) { record(id: $id) { data } }';

interface Record {
  id: string;
  data: { [key: string]: unknown };
}

/** The field problems of the first error, as { field: message }. */
function fieldProblems(errors: readonly GraphQLFormattedError[] | undefined): { [field: string]: string } {
  const fields = (errors?.[0]?.extensions?.fields ?? []) as { field: string; message: string }[];
  return Object.fromEntries(fields.map((f) => [f.field, f.message]));
}

describe('entity types: tenant-defined record types with typed fields, through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let companyId: string;
  let ada: Record;

  const count = async (as: TenantFixture, type: string) =>
    (await sg.data<{ records: { totalCount: number } }>('query ($type: String) { records(type: $type) { totalCount } }', { type }, as.as)).records.totalCount;
  const createRecord = (as: TenantFixture, type: string, data: object) => sg.graphql<{ createRecord: Record }>(CREATE_RECORD, { input: { type, data } }, { as: as.as });
  const updateRecord = (id: string, data: object, merge = true) => sg.graphql<{ updateRecord: Record }>(UPDATE_RECORD, { id, input: { data, merge } }, { as: acme.as });
  const dataOf = async (id: string) => (await sg.data<{ record: { data: { [key: string]: unknown } } }>(RECORD, { id }, acme.as)).record.data;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    globex = await createTenantWithUser(sg, 'globex');
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('defines types with fields of every kind, listed in order', async () => {
    await sg.data(CREATE_TYPE, { input: { name: 'company', fields: [{ name: 'name', kind: 'TEXT', required: true }] } }, acme.as);
    const { createEntityType } = await sg.data<{ createEntityType: { plural: string; fields: { name: string; kind: string; defaultValue: unknown }[] } }>(
      CREATE_TYPE,
      {
        input: {
          name: 'customer',
          description: 'People we sell to',
          fields: [
            { name: 'name', kind: 'TEXT', required: true, min: 1, max: 100 },
            { name: 'email', kind: 'EMAIL', unique: true },
            { name: 'phone', kind: 'PHONE' },
            { name: 'tier', kind: 'ENUM', options: ['bronze', 'silver', 'gold'], defaultValue: 'bronze' },
            { name: 'creditLimit', kind: 'DECIMAL', min: 0, max: 1000000 },
            { name: 'balance', kind: 'CURRENCY' },
            { name: 'age', kind: 'NUMBER', min: 0, max: 150 },
            { name: 'active', kind: 'BOOLEAN', defaultValue: true },
            { name: 'birthday', kind: 'DATE' },
            { name: 'lastSeen', kind: 'DATETIME' },
            { name: 'website', kind: 'URL' },
            { name: 'code', kind: 'TEXT', pattern: '^[A-Z]{3}-\\d{3}$' },
            { name: 'company', kind: 'RECORD_REFERENCE', referenceType: 'company' },
            { name: 'accountManager', kind: 'USER_REFERENCE' },
            { name: 'notes', kind: 'LONG_TEXT' },
            { name: 'meta', kind: 'JSON' },
          ],
        },
      },
      acme.as,
    );
    expect(createEntityType.plural).toBe('customers');
    expect(createEntityType.fields.map((f) => `${f.name}:${f.kind}`)).toEqual([
      'name:TEXT', 'email:EMAIL', 'phone:PHONE', 'tier:ENUM', 'creditLimit:DECIMAL', 'balance:CURRENCY', 'age:NUMBER', 'active:BOOLEAN',
      'birthday:DATE', 'lastSeen:DATETIME', 'website:URL', 'code:TEXT', 'company:RECORD_REFERENCE', 'accountManager:USER_REFERENCE',
      'notes:LONG_TEXT', 'meta:JSON',
    ]);

    const { entityType, entityTypes } = await sg.data<{ entityType: { name: string; fields: { name: string; defaultValue: unknown }[] }; entityTypes: { totalCount: number; items: { name: string }[] } }>(
      '{ entityType(name: "customer") { name fields { name defaultValue } } entityTypes { totalCount items { name } } }',
      {},
      acme.as,
    );
    expect(entityType.fields.find((f) => f.name === 'tier')?.defaultValue).toBe('bronze');
    expect(entityTypes).toEqual({ totalCount: 2, items: [{ name: 'customer' }, { name: 'company' }] });
  });

  it('refuses unsound definitions, naming each failing field', async () => {
    const res = await sg.graphql(
      CREATE_TYPE,
      {
        input: {
          name: 'broken',
          fields: [
            { name: 'code', kind: 'TEXT', pattern: '([a-z' },
            { name: 'size', kind: 'NUMBER', min: 10, max: 1, defaultValue: 'big' },
            { name: 'flag', kind: 'BOOLEAN', unique: true },
            { name: 'state', kind: 'ENUM' },
          ],
        },
      },
      { as: acme.as },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(fieldProblems(res.errors)).sort()).toEqual(
      ['fields.0.pattern', 'fields.1.defaultValue', 'fields.1.min', 'fields.2.unique', 'fields.3.options'].sort(),
    );
    const unknownRef = await sg.graphql(CREATE_TYPE, { input: { name: 'broken', fields: [{ name: 'x', kind: 'RECORD_REFERENCE', referenceType: 'nothing' }] } }, { as: acme.as });
    expect(fieldProblems(unknownRef.errors)).toEqual({ 'fields.0.referenceType': 'no entity type named nothing' });
    const taken = await sg.graphql(CREATE_TYPE, { input: { name: 'customer' } }, { as: acme.as });
    expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await sg.graphql('{ entityType(name: "broken") { id } }', {}, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('accepts a valid record, stores values in their normal form and applies defaults', async () => {
    const company = await createRecord(acme, 'company', { name: 'Analytical Engines Ltd' });
    companyId = company.data!.createRecord.id;
    const res = await createRecord(acme, 'customer', {
      name: 'Ada',
      email: 'ada@example.com',
      phone: '+44 20 7946 0958',
      creditLimit: '1500.50',
      balance: { amountMinor: 12345, currency: 'GBP' },
      age: 36,
      birthday: '1815-12-10',
      lastSeen: '2026-01-31T10:30:00+01:00',
      website: 'https://example.com/ada',
      code: 'ADA-001',
      company: companyId,
      accountManager: acme.userId,
      notes: 'First programmer.\nWrote notes on the engine.',
      meta: { source: ['import', 1] },
    });
    expect(res.errors).toBeUndefined();
    ada = res.data!.createRecord;
    expect(ada.data).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      phone: '+442079460958',
      tier: 'bronze',
      creditLimit: '1500.50',
      balance: { amountMinor: 12345, currency: 'GBP' },
      age: 36,
      active: true,
      birthday: '1815-12-10',
      lastSeen: '2026-01-31T09:30:00.000Z',
      website: 'https://example.com/ada',
      code: 'ADA-001',
      company: companyId,
      accountManager: acme.userId,
      notes: 'First programmer.\nWrote notes on the engine.',
      meta: { source: ['import', 1] },
    });
  });

  it('refuses an invalid record naming each failing field, and writes nothing', async () => {
    const before = await count(acme, 'customer');
    const res = await createRecord(acme, 'customer', {
      email: 'not-an-email',
      phone: '12',
      tier: 'platinum',
      creditLimit: 12.5,
      balance: { amountMinor: 1.5, currency: 'EURO' },
      age: 200,
      active: 'yes',
      birthday: '2026-02-30',
      lastSeen: 'yesterday',
      website: 'ftp://example.com',
      code: 'abc',
      company: '0190f2a4-0000-7000-8000-000000000000',
      accountManager: 'someone',
      nickname: 'Countess',
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldProblems(res.errors)).toEqual({
      'data.name': 'is required',
      'data.email': 'is not an email address',
      'data.phone': 'must be an international phone number, e.g. +44 20 7946 0958',
      'data.tier': 'must be one of: bronze, silver, gold',
      'data.creditLimit': 'must be a decimal written as a string, e.g. "12.50"',
      'data.balance': 'amountMinor must be a whole number of minor units',
      'data.age': 'must be at most 150',
      'data.active': 'must be true or false',
      'data.birthday': 'must be a date, YYYY-MM-DD',
      'data.lastSeen': 'must be an ISO 8601 date and time with an offset, e.g. 2026-01-31T09:30:00Z',
      'data.website': 'must be an http or https URL',
      'data.code': 'must match ^[A-Z]{3}-\\d{3}$',
      'data.company': 'is not the id of a company record',
      'data.accountManager': 'must be an id',
      'data.nickname': 'is not a field of customer',
    });
    expect(await count(acme, 'customer')).toBe(before);

    // Updates are checked too: a merge checks what it writes, a replace the whole record.
    const merge = await updateRecord(ada.id, { creditLimit: '-1', balance: { amountMinor: 100, currency: 'EURO' } });
    expect(fieldProblems(merge.errors)).toEqual({ 'data.creditLimit': 'must be at least 0', 'data.balance': 'currency must be an ISO 4217 code, e.g. EUR' });
    const replace = await updateRecord(ada.id, { email: 'ada@example.com' }, false);
    expect(fieldProblems(replace.errors)).toEqual({ 'data.name': 'is required' });
    expect((await dataOf(ada.id)).creditLimit).toBe('1500.50');
  });

  it('enforces unique fields with an index: CONFLICT naming the field', async () => {
    const before = await count(acme, 'customer');
    const duplicate = await createRecord(acme, 'customer', { name: 'Impostor', email: 'ADA@example.com' });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(fieldProblems(duplicate.errors)).toEqual({ 'data.email': 'another customer record has this email' });
    expect(await count(acme, 'customer')).toBe(before);

    const grace = (await createRecord(acme, 'customer', { name: 'Grace', email: 'grace@example.com' })).data!.createRecord;
    const clash = await updateRecord(grace.id, { email: 'ada@example.com' });
    expect(fieldProblems(clash.errors)).toEqual({ 'data.email': 'another customer record has this email' });

    // Another tenant's index is its own: the same email is free there.
    await sg.data(CREATE_TYPE, { input: { name: 'customer', fields: [{ name: 'email', kind: 'EMAIL', unique: true }] } }, globex.as);
    expect((await createRecord(globex, 'customer', { email: 'ada@example.com' })).errors).toBeUndefined();

    // A unique field added later gets its index at once.
    await sg.data(ADD_FIELD, { type: 'customer', input: { name: 'segmentKey', kind: 'TEXT', unique: true } }, acme.as);
    expect((await updateRecord(ada.id, { segmentKey: 'k1' })).errors).toBeUndefined();
    expect(fieldProblems((await updateRecord(grace.id, { segmentKey: 'k1' })).errors)).toEqual({ 'data.segmentKey': 'another customer record has this segmentKey' });

    // Defining a type over schemaless records that share a value: the unique field is refused, nothing is defined.
    await createRecord(acme, 'lead', { email: 'twin@example.com' });
    await createRecord(acme, 'lead', { email: 'twin@example.com' });
    const lead = await sg.graphql(CREATE_TYPE, { input: { name: 'lead', fields: [{ name: 'email', kind: 'EMAIL', unique: true }] } }, { as: acme.as });
    expect(lead.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(fieldProblems(lead.errors)).toEqual({ 'fields.0.unique': 'existing lead records share values of email, so it cannot be unique' });
    expect((await sg.graphql('{ entityType(name: "lead") { id } }', {}, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('adds a required field only with a default for existing records, which it fills', async () => {
    const records = await count(acme, 'customer');
    const refused = await sg.graphql(ADD_FIELD, { type: 'customer', input: { name: 'region', kind: 'TEXT', required: true } }, { as: acme.as });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toBe(`${records} customer records hold no region: give the required field a default, or add it optional`);
    expect(fieldProblems(refused.errors)).toHaveProperty('required');

    await sg.data(ADD_FIELD, { type: 'customer', input: { name: 'region', kind: 'TEXT', required: true, defaultValue: 'emea' } }, acme.as);
    expect((await dataOf(ada.id)).region).toBe('emea');
    const { records: list } = await sg.data<{ records: { items: { data: { region?: string } }[] } }>('{ records(type: "customer") { items { data } } }', {}, acme.as);
    expect(list.items.map((r) => r.data.region)).toEqual(Array(records).fill('emea'));
  });

  it('renames a field, moving the values of existing records, and keeps a unique index working', async () => {
    await sg.data('mutation { renameEntityField(type: "customer", name: "phone", newName: "mobile") { id } }', {}, acme.as);
    const data = await dataOf(ada.id);
    expect(data.mobile).toBe('+442079460958');
    expect(data).not.toHaveProperty('phone');
    expect(fieldProblems((await updateRecord(ada.id, { phone: '+4420' })).errors)).toEqual({ 'data.phone': 'is not a field of customer' });

    await sg.data('mutation { renameEntityField(type: "customer", name: "email", newName: "contactEmail") { id } }', {}, acme.as);
    expect((await dataOf(ada.id)).contactEmail).toBe('ada@example.com');
    const duplicate = await createRecord(acme, 'customer', { name: 'Impostor', contactEmail: 'ada@example.com' });
    expect(fieldProblems(duplicate.errors)).toEqual({ 'data.contactEmail': 'another customer record has this contactEmail' });

    const taken = await sg.graphql('mutation { renameEntityField(type: "customer", name: "mobile", newName: "name") { id } }', {}, { as: acme.as });
    expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const bad = await sg.graphql('mutation { renameEntityField(type: "customer", name: "mobile", newName: "Not OK") { id } }', {}, { as: acme.as });
    expect(Object.keys(fieldProblems(bad.errors))).toEqual(['newName']);
  });

  it('adopts values records held before their field existed: normalised when they fit, refused when they do not', async () => {
    const heavy = await createRecord(acme, 'gadget', { weight: 'heavy', phone: '+44 20 7946 0958' });
    const light = await createRecord(acme, 'gadget', { weight: 1.5 });
    const refused = await sg.graphql(CREATE_TYPE, { input: { name: 'gadget', fields: [{ name: 'weight', kind: 'NUMBER' }] } }, { as: acme.as });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toMatch(new RegExp(`^1 gadget record holds a weight that does not fit the field \\(record ${heavy.data!.createRecord.id}: `));
    expect(Object.keys(fieldProblems(refused.errors))).toEqual(['fields.0.kind']);

    await sg.data(CREATE_TYPE, { input: { name: 'gadget', fields: [{ name: 'phone', kind: 'PHONE' }] } }, acme.as);
    expect((await dataOf(heavy.data!.createRecord.id)).phone).toBe('+442079460958');
    // A text field refuses a number; a JSON field takes both values as they are.
    const asText = await sg.graphql(ADD_FIELD, { type: 'gadget', input: { name: 'weight', kind: 'TEXT' } }, { as: acme.as });
    expect(asText.errors?.[0]?.message).toMatch(/^1 gadget record holds a weight that does not fit the field/);
    await sg.data(ADD_FIELD, { type: 'gadget', input: { name: 'weight', kind: 'JSON' } }, acme.as);
    expect((await dataOf(light.data!.createRecord.id)).weight).toBe(1.5);
    expect((await dataOf(heavy.data!.createRecord.id)).weight).toBe('heavy');
  });

  it('deprecates a field: still readable, refused in new writes', async () => {
    await sg.data('mutation { deprecateEntityField(type: "customer", name: "notes", reason: "use documents") { id } }', {}, acme.as);
    expect((await dataOf(ada.id)).notes).toBe('First programmer.\nWrote notes on the engine.');
    const created = await createRecord(acme, 'customer', { name: 'Charles', notes: 'x' });
    expect(fieldProblems(created.errors)).toEqual({ 'data.notes': 'is deprecated and takes no new values: use documents' });
    expect(fieldProblems((await updateRecord(ada.id, { notes: 'changed' })).errors)).toEqual({ 'data.notes': 'is deprecated and takes no new values: use documents' });
    // Writing back what was read is not a new value.
    const current = await dataOf(ada.id);
    const rewrite = await updateRecord(ada.id, { ...current, age: 37 }, false);
    expect(rewrite.errors).toBeUndefined();
    expect(rewrite.data!.updateRecord.data.age).toBe(37);
  });

  it('removes a field and its values from existing records', async () => {
    await sg.data('mutation { removeEntityField(type: "customer", name: "meta") { id } }', {}, acme.as);
    expect(await dataOf(ada.id)).not.toHaveProperty('meta');
    expect(fieldProblems((await updateRecord(ada.id, { meta: {} })).errors)).toEqual({ 'data.meta': 'is not a field of customer' });
    // A removed unique field takes its index along: defined again, not unique, its values may repeat.
    await sg.data('mutation { removeEntityField(type: "customer", name: "segmentKey") { id } }', {}, acme.as);
    expect(await dataOf(ada.id)).not.toHaveProperty('segmentKey');
    await sg.data(ADD_FIELD, { type: 'customer', input: { name: 'segmentKey', kind: 'TEXT' } }, acme.as);
    const { records } = await sg.data<{ records: { items: { id: string }[] } }>('{ records(type: "customer", first: 2) { items { id } } }', {}, acme.as);
    for (const { id } of records.items) expect((await updateRecord(id, { segmentKey: 'same' })).errors).toBeUndefined();
    const { entityType } = await sg.data<{ entityType: { fields: { name: string }[] } }>('{ entityType(name: "customer") { fields { name } } }', {}, acme.as);
    expect(entityType.fields.map((f) => f.name)).not.toContain('meta');
  });

  it("keeps a tenant's types to itself; records of undefined types stay schemaless", async () => {
    const { entityTypes } = await sg.data<{ entityTypes: { items: { name: string; fields: { name: string }[] }[] } }>(
      '{ entityTypes { items { name fields { name } } } }',
      {},
      globex.as,
    );
    expect(entityTypes.items).toEqual([{ name: 'customer', fields: [{ name: 'email' }] }]);
    const foreign = await sg.graphql('{ entityType(name: "company") { id } }', {}, { as: globex.as });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const change = await sg.graphql('mutation { removeEntityField(type: "company", name: "name") { id } }', {}, { as: globex.as });
    expect(change.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // acme's company type does not apply to globex's records, and acme's records cannot be referenced.
    expect((await createRecord(globex, 'company', { anything: [1, 2] })).errors).toBeUndefined();
    const refToForeign = await sg.graphql(ADD_FIELD, { type: 'customer', input: { name: 'company', kind: 'RECORD_REFERENCE', referenceType: 'company' } }, { as: globex.as });
    expect(fieldProblems(refToForeign.errors)).toEqual({ referenceType: 'no entity type named company' });
    expect((await createRecord(acme, 'note', { free: 'form', n: 1 })).errors).toBeUndefined();
    expect((await updateRecord(ada.id, { company: companyId })).errors).toBeUndefined();
  });

  it('audits every change to a definition', async () => {
    type Entry = { entityType: string; operation: string; changes: { field: string; oldValue: unknown; newValue: unknown }[] };
    const { entityAuditTrail } = await sg.data<{ entityAuditTrail: { items: Entry[] } }>(
      '{ entityAuditTrail(first: 100) { items { entityType operation changes { field oldValue newValue } } } }',
      {},
      acme.as,
    );
    const of = (entityType: string, operation: string) => entityAuditTrail.items.filter((e) => e.entityType === entityType && e.operation === operation);
    const change = (entry: Entry, field: string) => entry.changes.find((c) => c.field === field);
    expect(of('EntityType', 'CREATE').map((e) => change(e, 'name')?.newValue).sort()).toEqual(['company', 'customer', 'gadget']);
    expect(of('EntityField', 'CREATE').map((e) => change(e, 'name')?.newValue)).toEqual(expect.arrayContaining(['email', 'region', 'segmentKey']));
    expect(of('EntityField', 'UPDATE').map((e) => change(e, 'name')).filter(Boolean)).toEqual(
      expect.arrayContaining([
        { field: 'name', oldValue: 'phone', newValue: 'mobile' },
        { field: 'name', oldValue: 'email', newValue: 'contactEmail' },
      ]),
    );
    expect(of('EntityField', 'UPDATE').map((e) => change(e, 'deprecated'))).toContainEqual({ field: 'deprecated', oldValue: false, newValue: true });
    expect(of('EntityField', 'DELETE').map((e) => change(e, 'name')?.oldValue).sort()).toEqual(['meta', 'segmentKey']);
    // Nothing of globex's definitions in acme's trail.
    expect(of('EntityType', 'CREATE')).toHaveLength(3);
  });
});
