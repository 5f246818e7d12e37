import { queryEvents, type QueryEvent } from '../../shared/orm/query-log.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const RELATION = 'mutation ($input: CreateRelationTypeInput!) { createRelationType(input: $input) { id name cardinality } }';
const CREATE = 'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id } }';
const LINK = 'mutation ($input: LinkRecordsInput!) { linkRecords(input: $input) { id properties from { id } to { id } } }';
const TRAVERSE = 'query ($input: TraverseInput!) { traverse(input: $input) { depth path record { id data } } }';

describe('record links, related records and traversal through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const create = async (type: string, name: string, as = acme) => (await sg.data<{ createRecord: { id: string } }>(CREATE, { input: { type, data: { name } } }, as.as)).createRecord.id;
  const link = (relation: string, from: string, to: string, properties?: object, as = acme) => sg.graphql<{ linkRecords: { id: string } }>(LINK, { input: { relation, from, to, properties } }, { as: as.as });
  const linked = async (relation: string, from: string, to: string, properties?: object) => {
    const res = await link(relation, from, to, properties);
    expect(res.errors).toBeUndefined();
    return res.data!.linkRecords.id;
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    await sg.data(RELATION, { input: { name: 'employs', inverseName: 'employedBy', fromType: 'company', toType: 'contact', cardinality: 'ONE_TO_MANY' } }, acme.as);
    await sg.data(RELATION, { input: { name: 'knows', inverseName: 'knownBy', fromType: 'contact', toType: 'contact', cardinality: 'MANY_TO_MANY' } }, acme.as);
    await sg.data(RELATION, { input: { name: 'ceo', inverseName: 'ceoOf', fromType: 'company', toType: 'contact', cardinality: 'ONE_TO_ONE' } }, acme.as);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('links records with properties as the relation allows, and refuses what it does not', async () => {
    const [initech, hooli] = [await create('company', 'Initech'), await create('company', 'Hooli')];
    const [ann, bob] = [await create('contact', 'Ann'), await create('contact', 'Bob')];
    const res = await link('employs', initech, ann, { role: 'CTO' });
    expect(res.data?.linkRecords).toMatchObject({ properties: { role: 'CTO' }, from: { id: initech }, to: { id: ann } });
    await linked('employs', initech, bob);

    // ONE_TO_MANY: Ann already works at Initech.
    const second = await link('employs', hooli, ann);
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(second.errors?.[0]?.message).toContain(`already has a "employs" link from ${initech}`);
    expect((await link('employs', initech, ann)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // ONE_TO_ONE: one CEO a company, one company a CEO.
    await linked('ceo', hooli, bob);
    expect((await link('ceo', hooli, ann)).errors?.[0]?.message).toContain(`ONE_TO_ONE: record ${hooli} already has a "ceo" link`);
    // Wrong types, unknown relation, bad properties: refused, naming what is wrong.
    const wrong = await link('employs', ann, initech);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.message).toBe('invalid input: from: is a contact; "employs" links from company; to: is a company; "employs" links to contact');
    expect((await link('partners', initech, ann)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await sg.graphql(LINK, { input: { relation: 'knows', from: ann, to: bob, properties: [1] } }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Another tenant can neither link acme's records nor see acme's relation types.
    expect((await link('employs', initech, ann, undefined, globex)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const both = await sg.data<{ hooli: { related: { data: { name: string } }[] }; ann: { employer: { id: string }[]; ceoOf: unknown[] } }>(
      `query ($hooli: ID!, $ann: ID!) {
        hooli: record(id: $hooli) { related(relation: "ceo") { data } }
        ann: record(id: $ann) { employer: related(relation: "employs", direction: IN) { id } ceoOf: related(relation: "ceo", direction: IN) { id } }
      }`,
      { hooli, ann },
      acme.as,
    );
    expect(both).toEqual({ hooli: { related: [{ data: { name: 'Bob' } }] }, ann: { employer: [{ id: initech }], ceoOf: [] } });

    // A record in the bin is not related to anything while it is there.
    await sg.data('mutation ($id: ID!) { deleteRecord(id: $id) }', { id: bob }, acme.as);
    const after = await sg.data<{ record: { related: { id: string }[] } }>('query ($id: ID!) { record(id: $id) { related(relation: "employs") { id } } }', { id: initech }, acme.as);
    expect(after.record.related).toEqual([{ id: ann }]);

    // Changes to links are audited.
    const trail = await sg.data<{ entityAuditTrail: { items: { entityType: string; operation: string }[] } }>('{ entityAuditTrail { items { entityType operation } } }', {}, acme.as);
    expect(trail.entityAuditTrail.items.filter((i) => i.entityType === 'RecordLink').length).toBe(3);
  });

  it('resolves related records of a whole list in a constant number of statements', async () => {
    await sg.data(RELATION, { input: { name: 'staffs', inverseName: 'staffedBy', fromType: 'firm', toType: 'contact', cardinality: 'ONE_TO_MANY' } }, acme.as);
    for (let i = 0; i < 5; i += 1) {
      const firm = await create('firm', `Firm ${i}`);
      for (let j = 0; j < 2; j += 1) await linked('staffs', firm, await create('contact', `Staff ${i}.${j}`));
    }
    const statementsFor = async (first: number) => {
      const requestId = `links-${first}-${Date.now()}`;
      const seen: QueryEvent[] = [];
      const listener = (event: QueryEvent) => {
        if (event.requestId === requestId) seen.push(event);
      };
      queryEvents.on('query', listener);
      const res = await sg.graphql<{ records: { items: { related: { data: { name: string } }[] }[] } }>(
        'query ($first: Int) { records(type: "firm", first: $first) { items { related(relation: "staffs") { data } } } }',
        { first },
        { as: acme.as, headers: { 'x-request-id': requestId } },
      );
      queryEvents.off('query', listener);
      expect(res.errors).toBeUndefined();
      expect(res.data!.records.items).toHaveLength(first);
      expect(res.data!.records.items.every((item) => item.related.length === 2)).toBe(true);
      return seen.length;
    };
    expect(await statementsFor(5)).toBe(await statementsFor(2));
  });

  it('traverses within N hops in one query, nearest first, through cycles, without the bin', async () => {
    const [a, b, c, d, e] = [await create('contact', 'a'), await create('contact', 'b'), await create('contact', 'c'), await create('contact', 'd'), await create('contact', 'e')];
    const ab = await linked('knows', a, b);
    const bc = await linked('knows', b, c);
    await linked('knows', c, a); // a cycle back to the start
    const cd = await linked('knows', c, d);
    await linked('knows', d, e);
    const walk = async (maxDepth: number, direction = 'OUT', from = a) =>
      (await sg.data<{ traverse: { depth: number; path: string[]; record: { id: string } }[] }>(TRAVERSE, { input: { from, maxDepth, direction, relations: ['knows'] } }, acme.as)).traverse.map((hit) => [
        hit.record.id,
        hit.depth,
        hit.path,
      ]);
    expect(await walk(1)).toEqual([[b, 1, [ab]]]);
    expect(await walk(3)).toEqual([
      [b, 1, [ab]],
      [c, 2, [ab, bc]],
      [d, 3, [ab, bc, cd]],
    ]);
    expect((await walk(5, 'IN', e)).map(([id, depth]) => [id, depth])).toEqual([
      [d, 1],
      [c, 2],
      [b, 3],
      [a, 4],
    ]);
    // Through the bin: nothing beyond a deleted record.
    await sg.data('mutation ($id: ID!) { deleteRecord(id: $id) }', { id: c }, acme.as);
    expect(await walk(5)).toEqual([[b, 1, [ab]]]);
    const tooDeep = await sg.graphql(TRAVERSE, { input: { from: a, maxDepth: 9, direction: 'OUT' } }, { as: acme.as });
    expect(tooDeep.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await sg.graphql(TRAVERSE, { input: { from: a, maxDepth: 2, direction: 'OUT' } }, { as: globex.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
