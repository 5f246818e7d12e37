import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const CREATE = 'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id } }';
const RULES = 'mutation ($type: String!, $rules: [MatchRuleInput!]!) { setMatchRules(type: $type, rules: $rules) { field kind threshold } }';
const FIND = 'query ($type: String!, $id: ID) { findDuplicates(type: $type, recordId: $id) { score matchedFields record { id } duplicate { id } } }';
const MERGE = 'mutation ($keep: ID!, $merge: ID!) { mergeRecords(keep: $keep, merge: $merge) { id data } }';
const RELATION = 'mutation ($input: CreateRelationTypeInput!) { createRelationType(input: $input) { id } }';
const LINK = 'mutation ($input: LinkRecordsInput!) { linkRecords(input: $input) { id } }';

interface Candidate {
  score: number;
  matchedFields: string[];
  record: { id: string };
  duplicate: { id: string };
}

describe('duplicate detection and merging through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const create = async (data: object, type = 'person', as = acme) => (await sg.data<{ createRecord: { id: string } }>(CREATE, { input: { type, data } }, as.as)).createRecord.id;
  const find = async (id?: string, as = acme) => (await sg.data<{ findDuplicates: Candidate[] }>(FIND, { type: 'person', id }, as.as)).findDuplicates;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    const rules = [
      { field: 'email', kind: 'EMAIL' },
      { field: 'phone', kind: 'PHONE' },
      { field: 'name', kind: 'FUZZY', threshold: 0.45 },
      { field: 'taxId', kind: 'EXACT' },
    ];
    const { setMatchRules } = await sg.data<{ setMatchRules: { threshold: number }[] }>(RULES, { type: 'person', rules }, acme.as);
    expect(setMatchRules.map((r) => r.threshold)).toEqual([1, 1, 0.45, 1]);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('finds pairs by each kind of rule, best first, in the tenant only', async () => {
    const ada = await create({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0001', taxId: 'A1' });
    const adaEmail = await create({ name: 'A. King', email: '  ADA@Example.com ' });
    const adaPhone = await create({ name: 'Countess', phone: '+44 (20) 7946-0001' });
    const adaTypo = await create({ name: 'Ada Lovelase' });
    const adaTax = await create({ name: 'Someone', taxId: 'A1' });
    await create({ name: 'Grace Hopper', email: 'grace@example.com', phone: '555', taxId: 'G1' });
    await create({ name: 'Ada Lovelace', email: 'ada@example.com' }, 'person', globex); // another tenant's twin

    const pairs = await find(ada);
    expect(pairs.every((p) => p.record.id === ada)).toBe(true);
    const byDuplicate = Object.fromEntries(pairs.map((p) => [p.duplicate.id, p]));
    expect(Object.keys(byDuplicate).sort()).toEqual([adaEmail, adaPhone, adaTax, adaTypo].sort());
    expect(byDuplicate[adaEmail]).toMatchObject({ score: 1, matchedFields: ['email'] });
    expect(byDuplicate[adaPhone]).toMatchObject({ score: 1, matchedFields: ['phone'] });
    expect(byDuplicate[adaTax]).toMatchObject({ score: 1, matchedFields: ['taxId'] });
    expect(byDuplicate[adaTypo]!.matchedFields).toEqual(['name']);
    expect(byDuplicate[adaTypo]!.score).toBeGreaterThan(0.45);
    expect(byDuplicate[adaTypo]!.score).toBeLessThan(1);
    // Best first: the fuzzy match ranks below the exact ones.
    expect(pairs.at(-1)!.duplicate.id).toBe(adaTypo);
    // Over the whole type, Grace (short phone, unlike names) pairs with nobody.
    expect((await find()).length).toBeGreaterThanOrEqual(4);
    expect((await find(undefined, globex)).length).toBe(0);
  });

  it('merges one record into another: values, links re-pointed, the merged one in the bin with its history', async () => {
    const keep = await create({ name: 'Bob Stone', email: 'bob@example.com' });
    const merge = await create({ name: 'Bob Stone', email: 'BOB@example.com', phone: '+1 555 0100 200' });
    const company = await create({ name: 'Initech' }, 'company');
    const friend = await create({ name: 'Carol' });
    await sg.data(RELATION, { input: { name: 'employs', inverseName: 'employedBy', fromType: 'company', toType: 'person', cardinality: 'ONE_TO_MANY' } }, acme.as);
    await sg.data(RELATION, { input: { name: 'knows', inverseName: 'knownBy', fromType: 'person', toType: 'person', cardinality: 'MANY_TO_MANY' } }, acme.as);
    await sg.data(LINK, { input: { relation: 'employs', from: company, to: merge } }, acme.as);
    await sg.data(LINK, { input: { relation: 'knows', from: merge, to: friend } }, acme.as);
    await sg.data(LINK, { input: { relation: 'knows', from: keep, to: friend } }, acme.as); // a duplicate once re-pointed
    await sg.data(LINK, { input: { relation: 'knows', from: keep, to: merge } }, acme.as); // would point at itself

    const { mergeRecords } = await sg.data<{ mergeRecords: { id: string; data: object } }>(MERGE, { keep, merge }, acme.as);
    // The kept record's values win; it takes the phone it lacked.
    expect(mergeRecords).toEqual({ id: keep, data: { name: 'Bob Stone', email: 'bob@example.com', phone: '+1 555 0100 200' } });
    const after = await sg.data<{ keep: { staffOf: { id: string }[]; knows: { id: string }[] }; company: { related: { id: string }[] } }>(
      `query ($keep: ID!, $company: ID!) {
        keep: record(id: $keep) { staffOf: related(relation: "employs", direction: IN) { id } knows: related(relation: "knows") { id } }
        company: record(id: $company) { related(relation: "employs") { id } }
      }`,
      { keep, company },
      acme.as,
    );
    expect(after).toEqual({ keep: { staffOf: [{ id: company }], knows: [{ id: friend }] }, company: { related: [{ id: keep }] } });
    const bin = await sg.data<{ deletedRecords: { items: { id: string; mergedInto: string | null }[] } }>('{ deletedRecords(type: "person") { items { id mergedInto } } }', {}, acme.as);
    expect(bin.deletedRecords.items).toEqual([{ id: merge, mergedInto: keep }]);
    // History kept: the merged record's trail is still readable.
    const trail = await sg.data<{ entityAuditTrail: { items: { operation: string }[] } }>(
      'query ($id: ID!) { entityAuditTrail(filter: { entityId: $id }) { items { operation } } }',
      { id: merge },
      acme.as,
    );
    expect(trail.entityAuditTrail.items.length).toBeGreaterThanOrEqual(2);
    // It is no longer a duplicate candidate.
    expect((await find(keep)).some((p) => p.duplicate.id === merge)).toBe(false);

    expect((await sg.graphql(MERGE, { keep, merge: keep }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await sg.graphql(MERGE, { keep, merge: company }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await sg.graphql(MERGE, { keep: friend, merge: keep }, { as: globex.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
