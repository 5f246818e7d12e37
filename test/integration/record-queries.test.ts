import type { GraphQLFormattedError } from 'graphql';
import { queryEvents, type QueryEvent } from '../../shared/orm/query-log.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const CREATE_TYPE = 'mutation ($input: CreateEntityTypeInput!) { createEntityType(input: $input) { id } }';
const CREATE_RECORD = 'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id } }';
const RECORDS = `query ($type: String, $filter: RecordFilter, $orderBy: [RecordOrder!], $first: Int, $after: String, $last: Int, $before: String) {
  records(type: $type, filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    items { id data(fields: ["name"]) }
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Connection {
  totalCount: number;
  items: { id: string; data: { name?: string } }[];
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const ITEM_FIELDS = [
  { name: 'name', kind: 'TEXT' },
  { name: 'qty', kind: 'NUMBER' },
  { name: 'price', kind: 'DECIMAL' },
  { name: 'due', kind: 'DATE' },
  { name: 'seen', kind: 'DATETIME' },
  { name: 'active', kind: 'BOOLEAN' },
  { name: 'budget', kind: 'CURRENCY' },
  { name: 'tier', kind: 'ENUM', options: ['bronze', 'silver', 'gold'] },
];

/** The field problems of the first error, as { field: message }. */
function fieldProblems(errors: readonly GraphQLFormattedError[] | undefined): { [field: string]: string } {
  const fields = (errors?.[0]?.extensions?.fields ?? []) as { field: string; message: string }[];
  return Object.fromEntries(fields.map((f) => [f.field, f.message]));
}

describe('record queries: typed filters, sorting, Relay pagination and projection, through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;

  const create = async (as: TenantFixture, type: string, data: object) =>
    (await sg.data<{ createRecord: { id: string } }>(CREATE_RECORD, { input: { type, data } }, as.as)).createRecord.id;
  const query = (vars: object, as = acme) => sg.graphql<{ records: Connection }>(RECORDS, { type: 'item', ...vars }, { as: as.as });
  const list = async (vars: object, as = acme) => {
    const res = await query(vars, as);
    expect(res.errors).toBeUndefined();
    return res.data!.records;
  };
  /** Names of the matching records, sorted by name (order is another test's business). */
  const names = async (filter: object) =>
    (await list({ filter, first: 100 })).items.map((r) => r.data.name!).sort();
  const ordered = async (orderBy: object[]) => (await list({ orderBy, first: 100 })).items.map((r) => r.data.name);

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    for (const tenant of [acme, globex]) await sg.data(CREATE_TYPE, { input: { name: 'item', fields: ITEM_FIELDS } }, tenant.as);
    // Created one after another: ids (and so the default order) follow this order.
    await create(acme, 'item', {
      name: 'Alpha', qty: 9, price: '10.50', due: '2026-01-05', seen: '2026-01-05T10:00:00.000Z', active: true,
      budget: { amountMinor: 500, currency: 'EUR' }, tier: 'gold',
    });
    await create(acme, 'item', {
      name: 'beta', qty: 10, price: '9.99', due: '2026-02-01', seen: '2026-01-05T08:00:00.000Z', active: false,
      budget: { amountMinor: 1500, currency: 'EUR' }, tier: 'silver',
    });
    await create(acme, 'item', { name: 'Gamma', qty: 100, price: '100', due: '2025-12-31', active: true, tier: 'bronze' });
    await create(acme, 'item', { name: 'delta', tier: 'bronze' });
    await create(acme, 'item', { name: 'Alphabet', qty: 2, price: '10.49', due: '2026-01-05' });
    // Another tenant's row matches most filters below; it must never be seen or counted.
    await create(globex, 'item', { name: 'Alpha', qty: 50, price: '50', due: '2026-01-05', tier: 'gold' });
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('compares numbers as numbers, decimals exactly, dates and date-times as instants', async () => {
    // As text, '10' and '100' sort before '9', and '9.99' after '10.5'.
    expect(await names({ field: 'qty', gt: 9 })).toEqual(['Gamma', 'beta']);
    expect(await names({ field: 'qty', lte: 9 })).toEqual(['Alpha', 'Alphabet']);
    expect(await names({ field: 'qty', gte: 10, lt: 100 })).toEqual(['beta']);
    expect(await names({ field: 'price', gte: '10.5' })).toEqual(['Alpha', 'Gamma']);
    expect(await names({ field: 'price', eq: '10.5' })).toEqual(['Alpha']);
    expect(await names({ field: 'price', lt: 10.495 })).toEqual(['Alphabet', 'beta']);
    expect(await names({ field: 'due', lt: '2026-01-06' })).toEqual(['Alpha', 'Alphabet', 'Gamma']);
    expect(await names({ field: 'due', eq: '2026-01-05' })).toEqual(['Alpha', 'Alphabet']);
    // 11:00+02:00 is 09:00Z: after beta's 08:00Z, before Alpha's 10:00Z.
    expect(await names({ field: 'seen', gt: '2026-01-05T11:00:00+02:00' })).toEqual(['Alpha']);
    expect(await names({ field: 'active', eq: false })).toEqual(['beta']);
    expect(await names({ field: 'budget', gt: 1000 })).toEqual(['beta']);
    expect(await names({ field: 'createdAt', lt: '2000-01-01T00:00:00Z' })).toEqual([]);
  });

  it('supports eq, ne, in, notIn, contains, startsWith and isNull', async () => {
    expect(await names({ field: 'name', eq: 'beta' })).toEqual(['beta']);
    // Records without a value are "not equal" and "not in".
    expect(await names({ field: 'tier', ne: 'bronze' })).toEqual(['Alpha', 'Alphabet', 'beta']);
    expect(await names({ field: 'tier', in: ['gold', 'silver'] })).toEqual(['Alpha', 'beta']);
    expect(await names({ field: 'tier', notIn: ['bronze', 'gold'] })).toEqual(['Alphabet', 'beta']);
    expect(await names({ field: 'qty', in: [2, 100] })).toEqual(['Alphabet', 'Gamma']);
    expect(await names({ field: 'name', contains: 'ALPH' })).toEqual(['Alpha', 'Alphabet']);
    // LIKE wildcards in the value are literal.
    expect(await names({ field: 'name', contains: '%' })).toEqual([]);
    expect(await names({ field: 'name', startsWith: 'Alpha' })).toEqual(['Alpha', 'Alphabet']);
    expect(await names({ field: 'name', startsWith: 'alpha' })).toEqual([]);
    expect(await names({ field: 'qty', isNull: true })).toEqual(['delta']);
    expect(await names({ field: 'qty', isNull: false })).toEqual(['Alpha', 'Alphabet', 'Gamma', 'beta']);
  });

  it('nests and, or and not', async () => {
    const filter = {
      or: [
        { field: 'qty', gt: 50 },
        { and: [{ field: 'name', startsWith: 'Alpha' }, { not: { field: 'price', eq: '10.5' } }] },
      ],
    };
    expect(await names(filter)).toEqual(['Alphabet', 'Gamma']);
    // not of a condition on a missing value includes the record without it.
    expect(await names({ not: { field: 'qty', lt: 50 } })).toEqual(['Gamma', 'delta']);
    expect(await names({ and: [{ field: 'active', eq: true }, { not: { or: [{ field: 'tier', eq: 'gold' }, { field: 'qty', isNull: true }] } }] })).toEqual(['Gamma']);
  });

  it('refuses an unknown field, a value of the wrong kind or an operator that does not fit, naming it', async () => {
    const unknown = await query({ filter: { and: [{ field: 'qty', gt: 1 }, { field: 'colour', eq: 'red' }] } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldProblems(unknown.errors)['filter.and.1.field']).toMatch(/item has no field colour/);

    const wrongKind = await query({ filter: { field: 'qty', eq: '10' } });
    expect(wrongKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldProblems(wrongKind.errors)['filter.eq']).toMatch(/must be a number.*qty \(NUMBER\)/);
    expect(fieldProblems((await query({ filter: { field: 'due', gt: 'soon' } })).errors)['filter.gt']).toMatch(/YYYY-MM-DD/);

    const operator = await query({ filter: { not: { field: 'qty', contains: '1' } } });
    expect(operator.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldProblems(operator.errors)['filter.not.contains']).toMatch(/qty \(NUMBER\).*not text/);
    expect(fieldProblems((await query({ filter: { field: 'active', gt: true } })).errors)['filter.gt']).toMatch(/active \(BOOLEAN\).*no order/);

    const sort = await query({ orderBy: [{ field: 'colour' }] });
    expect(fieldProblems(sort.errors)['orderBy.0.field']).toMatch(/no field colour/);
  });

  it('sorts on a data field both ways with nulls first or last, the id breaking ties', async () => {
    expect(await ordered([{ field: 'qty', direction: 'ASC' }])).toEqual(['Alphabet', 'Alpha', 'beta', 'Gamma', 'delta']);
    expect(await ordered([{ field: 'qty', direction: 'DESC' }])).toEqual(['Gamma', 'beta', 'Alpha', 'Alphabet', 'delta']);
    expect(await ordered([{ field: 'qty', direction: 'DESC', nulls: 'FIRST' }])).toEqual(['delta', 'Gamma', 'beta', 'Alpha', 'Alphabet']);
    expect(await ordered([{ field: 'price', direction: 'ASC', nulls: 'FIRST' }])).toEqual(['delta', 'beta', 'Alphabet', 'Alpha', 'Gamma']);
    expect(await ordered([{ field: 'due', direction: 'DESC' }, { field: 'qty', direction: 'ASC' }])).toEqual(['beta', 'Alphabet', 'Alpha', 'Gamma', 'delta']);
    // Without orderBy: newest first, as before.
    expect(await ordered([])).toEqual(['Alphabet', 'delta', 'Gamma', 'beta', 'Alpha']);
  });

  it('pages forward and backward across pages with stable cursors and the total count', async () => {
    const orderBy = [{ field: 'tier', direction: 'ASC' }, { field: 'qty', direction: 'DESC' }];
    const expected = ['Gamma', 'delta', 'Alpha', 'beta', 'Alphabet'];
    const forward: string[] = [];
    let after: string | null = null;
    for (let page = 0; ; page++) {
      const res: Connection = await list({ orderBy, first: 2, after });
      expect(res.totalCount).toBe(5);
      expect(res.edges.map((e) => e.node.id)).toEqual(res.items.map((r) => r.id));
      expect(res.pageInfo.hasPreviousPage).toBe(page > 0);
      expect(res.pageInfo.startCursor).toBe(res.edges[0]?.cursor);
      forward.push(...res.items.map((r) => r.data.name!));
      if (!res.pageInfo.hasNextPage) break;
      after = res.pageInfo.endCursor;
    }
    expect(forward).toEqual(expected);

    const backward: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const res: Connection = await list({ orderBy, last: 2, before });
      expect(res.totalCount).toBe(5);
      backward.unshift(res.items.map((r) => r.data.name!));
      if (!res.pageInfo.hasPreviousPage) break;
      expect(res.pageInfo.hasNextPage).toBe(before !== null);
      before = res.pageInfo.startCursor;
    }
    expect(backward).toEqual([['Gamma'], ['delta', 'Alpha'], ['beta', 'Alphabet']]);

    // A cursor made in one order means nothing in another.
    const first = await list({ orderBy, first: 1 });
    const other = await query({ orderBy: [{ field: 'qty' }], after: first.pageInfo.endCursor });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldProblems(other.errors)).toHaveProperty('after');
    expect((await query({ after: 'bm90IGEgY3Vyc29y' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Nor does a cursor of this order whose values were tampered with reach the database.
    const decoded = JSON.parse(Buffer.from(first.pageInfo.endCursor!, 'base64url').toString()) as { v: unknown[] };
    decoded.v[decoded.v.length - 1] = 'not-an-id';
    const tampered = await query({ orderBy, after: Buffer.from(JSON.stringify(decoded)).toString('base64url') });
    expect(tampered.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldProblems((await query({ first: 2, last: 2 })).errors)).toHaveProperty('last');
  });

  it("never counts another tenant's rows nor soft-deleted ones; the bin queries the same way", async () => {
    const all = await list({ filter: { field: 'name', startsWith: 'Alpha' }, first: 100 });
    expect(all.totalCount).toBe(2);
    const theirs = await list({ filter: { field: 'name', startsWith: 'Alpha' } }, globex);
    expect(theirs.totalCount).toBe(1);
    expect(theirs.items[0]!.data.name).toBe('Alpha');

    const binned = await create(acme, 'item', { name: 'Alphonse', qty: 7 });
    expect((await list({ filter: { field: 'name', startsWith: 'Alph' } })).totalCount).toBe(3);
    await sg.data('mutation ($id: ID!) { deleteRecord(id: $id) }', { id: binned }, acme.as);
    const live = await list({ filter: { field: 'name', startsWith: 'Alph' }, orderBy: [{ field: 'qty' }] });
    expect(live.totalCount).toBe(2);
    expect(live.items.map((r) => r.id)).not.toContain(binned);

    const bin = await sg.data<{ deletedRecords: Connection }>(
      'query ($filter: RecordFilter) { deletedRecords(type: "item", filter: $filter) { totalCount items { id } } }',
      { filter: { field: 'qty', lt: 8 } },
      acme.as,
    );
    expect(bin.deletedRecords.items.map((r) => r.id)).toEqual([binned]);
    expect(bin.deletedRecords.totalCount).toBe(1);
  });

  it('filters records of a type without a definition by the JSON value given', async () => {
    for (const [n, size] of [['a', 5], ['b', 40], ['c', '40']] as const) await create(acme, 'loose', { n, size });
    const loose = async (filter: object) =>
      (await sg.data<{ records: { items: { data: { n: string } }[] } }>('query ($f: RecordFilter) { records(type: "loose", filter: $f) { items { data } } }', { f: filter }, acme.as))
        .records.items.map((r) => r.data.n).sort();
    expect(await loose({ field: 'size', gt: 10 })).toEqual(['b']);
    expect(await loose({ field: 'size', eq: '40' })).toEqual(['c']);
  });

  it('reads only the selected data keys, and owners in one batch whatever the page size', async () => {
    const statementsFor = async (first: number) => {
      const requestId = `rq-${first}-${Date.now()}`;
      const seen: QueryEvent[] = [];
      const listener = (event: QueryEvent) => {
        if (event.requestId === requestId) seen.push(event);
      };
      queryEvents.on('query', listener);
      const res = await sg.graphql<{ records: { edges: { node: { data: object; owner: { email: string } } }[] } }>(
        `query ($first: Int) { records(type: "item", first: $first, filter: { field: "name", contains: "a" }, orderBy: [{ field: "qty" }]) { totalCount edges { node { id data(fields: ["name", "qty"]) owner { email } } } } }`,
        { first },
        { as: acme.as, headers: { 'x-request-id': requestId } },
      );
      queryEvents.off('query', listener);
      expect(res.errors).toBeUndefined();
      const nodes = res.data!.records.edges.map((e) => e.node);
      expect(nodes).toHaveLength(first);
      expect(nodes.every((n) => n.owner.email === acme.email)).toBe(true);
      expect(nodes.every((n) => Object.keys(n.data).every((key) => key === 'name' || key === 'qty'))).toBe(true);
      return seen;
    };
    const few = await statementsFor(2);
    const many = await statementsFor(5);
    expect(many.map((e) => e.schema)).toEqual(few.map((e) => e.schema));
    expect(few.filter((e) => e.schema === 'identity')).toHaveLength(1);
    // The page statement projects data to the selected keys: the whole column is never selected.
    const page = few.find((e) => /"entity_record"/.test(e.sql) && /limit/i.test(e.sql))!;
    expect(page.sql).toMatch(/jsonb_each\("data"\)/);
    expect(page.sql).not.toMatch(/"data" as "data"/);
  });
});
