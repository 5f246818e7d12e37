import { randomUUID } from 'node:crypto';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

/*
 * The search subgraph through the gateway: facets, typo tolerance, autocomplete, cursor pages and
 * sorting over things indexed from other subgraphs' events; users and a full reindex with
 * progress; the tenant's language; search analytics; tenant isolation of all of it.
 */

const SEARCH = `query ($q: String, $filter: SearchFilterInput, $sort: SearchSort, $first: Int, $after: String) {
  search(query: $q, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount correctedQuery searchId
    pageInfo { hasNextPage endCursor }
    items { rank snippet entry { kind refId title status tags amount } }
  }
}`;

const FACETS = `query ($q: String, $filter: SearchFilterInput) {
  search(query: $q, filter: $filter) {
    totalCount
    facets(amountBoundaries: [100, 1000]) {
      kinds { value count } statuses { value count } tags { value count }
      occurredAt { key count } amount { from to count }
    }
  }
}`;

interface Entry {
  kind: string;
  refId: string;
  title: string;
  status: string | null;
  tags: string[];
  amount: number | null;
}

interface SearchAnswer {
  search: {
    totalCount: number;
    correctedQuery: string | null;
    searchId: string | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    items: { rank: number; snippet: string; entry: Entry }[];
  };
}

describe('search: facets, typos, autocomplete, reindex, language and analytics through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const recordIds: string[] = [];

  const search = async (variables: Record<string, unknown>, as = acme) => (await sg.data<SearchAnswer>(SEARCH, variables, as.as)).search;
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const end = Date.now() + 15_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > end) throw new Error(`not reached in time: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const code = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    sg = await startTestSupergraph({ runWorkers: true });
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    const contacts = [
      { name: 'Grace Hopper', status: 'active', tags: ['vip', 'navy'], amount: 50 },
      { name: 'Grace Kelly', status: 'active', tags: ['film'], amount: 500 },
      { name: 'Alan Turing', status: 'archived', tags: ['vip'], amount: 5000 },
      { name: 'Ada Lovelace', status: 'active', tags: ['math'], amount: 700 },
    ];
    for (const data of contacts) {
      const { createRecord } = await sg.data<{ createRecord: { id: string } }>('mutation ($data: JSON!) { createRecord(input: { type: "contact", data: $data }) { id } }', { data }, acme.as);
      recordIds.push(createRecord.id);
    }
    // The indexer follows the records' events.
    await eventually(() => search({ q: null, filter: { kinds: ['record'] } }), (page) => page.totalCount === 4);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('indexes facet values from the owning subgraph and counts each facet under the other filters', async () => {
    const grace = await search({ q: 'grace' });
    expect(grace.items.map((item) => item.entry.title).sort()).toEqual(['Grace Hopper', 'Grace Kelly']);
    expect(grace.items.find((item) => item.entry.title === 'Grace Hopper')!.entry).toMatchObject({ status: 'active', tags: ['contact', 'vip', 'navy'], amount: 50 });

    const { search: faceted } = await sg.data<{
      search: {
        totalCount: number;
        facets: {
          kinds: { value: string; count: number }[];
          statuses: { value: string; count: number }[];
          tags: { value: string; count: number }[];
          occurredAt: { key: string; count: number }[];
          amount: { from: number | null; to: number | null; count: number }[];
        };
      };
    }>(FACETS, { q: null, filter: { kinds: ['record'], tags: ['vip'] } }, acme.as);
    expect(faceted.totalCount).toBe(2);
    // Tag counts ignore the tag filter (every record's tags), statuses apply it (the two vips).
    expect(faceted.facets.tags).toEqual(
      expect.arrayContaining([
        { value: 'contact', count: 4 },
        { value: 'vip', count: 2 },
        { value: 'navy', count: 1 },
        { value: 'film', count: 1 },
        { value: 'math', count: 1 },
      ]),
    );
    expect(faceted.facets.statuses).toEqual([
      { value: 'active', count: 1 },
      { value: 'archived', count: 1 },
    ]);
    expect(faceted.facets.amount).toEqual([
      { from: null, to: 100, count: 1 },
      { from: 100, to: 1000, count: 0 },
      { from: 1000, to: null, count: 1 },
    ]);
    expect(faceted.facets.occurredAt.find((range) => range.key === 'LAST_DAY')!.count).toBe(2);

    const filtered = await search({ q: null, filter: { statuses: ['active'], amountMin: 100, amountMax: 1000 }, sort: 'TITLE' });
    expect(filtered.items.map((item) => item.entry.title)).toEqual(['Ada Lovelace', 'Grace Kelly']);
  });

  it('corrects typos, completes prefixes and pages with cursors', async () => {
    const typo = await search({ q: 'grace hoper' });
    expect(typo.correctedQuery).toBe('grace hopper');
    expect(typo.items.map((item) => item.entry.title)).toEqual(['Grace Hopper']);

    const SUGGEST = 'query ($p: String!) { suggest(prefix: $p) { highlighted entry { title record { id data } } } }';
    type Suggested = { suggest: { highlighted: string; entry: { title: string; record: { id: string; data: { name: string } } | null } }[] };
    const suggested = (await sg.data<Suggested>(SUGGEST, { p: 'lov' }, acme.as)).suggest;
    expect(suggested).toEqual([{ highlighted: 'Ada **Lov**elace', entry: { title: 'Ada Lovelace', record: { id: recordIds[3], data: expect.objectContaining({ name: 'Ada Lovelace' }) } } }]);
    expect((await sg.data<Suggested>(SUGGEST, { p: 'lovlace' }, acme.as)).suggest.map((s) => s.entry.title)).toEqual(['Ada Lovelace']);
    expect((await sg.data<Suggested>(SUGGEST, { p: 'lov' }, globex.as)).suggest).toEqual([]);

    const titles: string[] = [];
    let after: string | null = null;
    do {
      const page: SearchAnswer['search'] = await search({ q: 'contact', sort: 'NEWEST', first: 3, after });
      titles.push(...page.items.map((item) => item.entry.title));
      expect(page.totalCount).toBe(4);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(titles).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Kelly', 'Grace Hopper']);

    const bad = await sg.graphql(SEARCH, { q: 'contact', sort: 'TITLE', after: 'bm9wZQ' }, { as: acme.as });
    expect(code(bad)).toBe('BAD_USER_INPUT');
    const badFilter = await sg.graphql(SEARCH, { q: 'x', filter: { amountMin: 10, amountMax: 5 } }, { as: acme.as });
    expect(code(badFilter)).toBe('BAD_USER_INPUT');
  });

  it('indexes users and rebuilds the index in the background with progress, removing what is gone', async () => {
    // An entry claiming a record that does not exist: a full reindex drops it.
    const ghost = randomUUID();
    await sg.data('mutation ($ref: ID!) { indexEntry(input: { kind: "record", refId: $ref, title: "Ghost record" }) { id } }', { ref: ghost }, acme.as);
    expect((await search({ q: 'ghost' })).totalCount).toBe(1);

    const { reindexSearch } = await sg.data<{ reindexSearch: { id: string; status: string } }>('mutation { reindexSearch { id status } }', {}, acme.as);
    expect(reindexSearch.status).toBe('QUEUED');
    const again = await sg.graphql('mutation { reindexSearch { id } }', {}, { as: acme.as });
    expect(code(again)).toBe('CONFLICT');
    type Reindex = { searchReindex: { status: string; processed: number; total: number | null; removed: number; error: string | null } };
    const done = await eventually(
      async () => (await sg.data<Reindex>('query ($id: ID!) { searchReindex(id: $id) { status processed total removed error } }', { id: reindexSearch.id }, acme.as)).searchReindex,
      (reindex) => reindex.status === 'COMPLETED' || reindex.status === 'FAILED',
    );
    // Four records and the owner (documents and invoices: none).
    expect(done).toEqual({ status: 'COMPLETED', processed: 5, total: 5, removed: 1, error: null });
    expect((await search({ q: 'ghost' })).totalCount).toBe(0);

    const USER = 'query { search(query: "owner acme", filter: { kinds: ["user"] }) { items { entry { title user { email } } } } }';
    const { search: users } = await sg.data<{ search: { items: { entry: { title: string; user: { email: string } } }[] } }>(USER, {}, acme.as);
    expect(users.items).toEqual([{ entry: { title: 'Owner of acme', user: { email: acme.email } } }]);
    const other = await sg.data<{ search: { items: unknown[] } }>(USER, {}, globex.as);
    expect(other.search.items).toEqual([]);

    // A key that may only search cannot rebuild the index nor change its language.
    const { createApiKey } = await sg.data<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(input: { name: "search only", scopes: ["search:entry:read"] }) { secret } }',
      {},
      acme.as,
    );
    const key = { apiKey: createApiKey.secret };
    expect(code(await sg.graphql('mutation { reindexSearch { id } }', {}, { as: key }))).toBe('FORBIDDEN');
    expect(code(await sg.graphql('mutation { setSearchLanguage(language: ENGLISH) { language } }', {}, { as: key }))).toBe('FORBIDDEN');
  });

  it("parses in the tenant's language once it is set, audited", async () => {
    await sg.data('mutation ($ref: ID!) { indexEntry(input: { kind: "note", refId: $ref, title: "Morning runs", body: "We were running by the river" }) { id } }', { ref: randomUUID() }, globex.as);
    const before = await search({ q: 'river run' }, globex);
    expect(before.correctedQuery).toBe('river runs');
    const { setSearchLanguage } = await sg.data<{ setSearchLanguage: { language: string } }>('mutation { setSearchLanguage(language: ENGLISH) { language } }', {}, globex.as);
    expect(setSearchLanguage.language).toBe('ENGLISH');
    const after = await search({ q: 'river run' }, globex);
    expect(after.correctedQuery).toBeNull();
    expect(after.items.map((item) => item.entry.title)).toEqual(['Morning runs']);
    // Acme is untouched.
    expect((await sg.data<{ searchSettings: { language: string } }>('{ searchSettings { language } }', {}, acme.as)).searchSettings.language).toBe('SIMPLE');
    const trail = await sg.data<{ searchAuditTrail: { items: { entityType: string; operation: string }[] } }>('{ searchAuditTrail { items { entityType operation } } }', {}, globex.as);
    expect(trail.searchAuditTrail.items).toContainEqual({ entityType: 'SearchSettings', operation: 'CREATE' });
  });

  it('logs searches and reports top and zero-result searches and click-through, per tenant', async () => {
    // Only this test's searches: the ones before were logged too.
    const from = new Date(Date.now() - 1).toISOString();
    const first = await search({ q: 'Lovelace' });
    await search({ q: 'lovelace' });
    await search({ q: 'qqxxzzyy' });
    expect(first.searchId).toEqual(expect.any(String));
    const hit = first.items[0]!;
    const { recordSearchClick } = await sg.data<{ recordSearchClick: { clickedPosition: number } }>(
      'mutation ($id: ID!, $kind: String!, $ref: ID!) { recordSearchClick(searchId: $id, kind: $kind, refId: $ref, position: 1) { clickedPosition } }',
      { id: first.searchId, kind: hit.entry.kind, ref: hit.entry.refId },
      acme.as,
    );
    expect(recordSearchClick.clickedPosition).toBe(1);
    // Another tenant cannot click on acme's search.
    const foreign = await sg.graphql(
      'mutation ($id: ID!, $ref: ID!) { recordSearchClick(searchId: $id, kind: "record", refId: $ref, position: 1) { id } }',
      { id: first.searchId, ref: hit.entry.refId },
      { as: globex.as },
    );
    expect(code(foreign)).toBe('NOT_FOUND');

    const to = new Date(Date.now() + 60_000).toISOString();
    const STATS = `query ($from: DateTimeISO!, $to: DateTimeISO!) {
      topSearches(from: $from, to: $to, first: 100) { text searches zeroResultSearches clickedSearches clickThroughRate averageResultCount }
      zeroResultSearches(from: $from, to: $to) { text searches }
      searchClickThrough(from: $from, to: $to) { searches clickedSearches rate }
    }`;
    type Stats = {
      topSearches: { text: string; searches: number; zeroResultSearches: number; clickedSearches: number; clickThroughRate: number; averageResultCount: number }[];
      zeroResultSearches: { text: string; searches: number }[];
      searchClickThrough: { searches: number; clickedSearches: number; rate: number };
    };
    const stats = await sg.data<Stats>(STATS, { from, to }, acme.as);
    expect(stats.topSearches[0]).toEqual({ text: 'lovelace', searches: 2, zeroResultSearches: 0, clickedSearches: 1, clickThroughRate: 0.5, averageResultCount: 1 });
    expect(stats.zeroResultSearches).toEqual([{ text: 'qqxxzzyy', searches: 1 }]);
    expect(stats.searchClickThrough.clickedSearches).toBe(1);
    expect(stats.searchClickThrough.searches).toBeGreaterThanOrEqual(3);
    expect(stats.searchClickThrough.rate).toBeCloseTo(1 / stats.searchClickThrough.searches, 10);

    const globexStats = await sg.data<Stats>(STATS, { from, to }, globex.as);
    expect(globexStats.topSearches.map((row) => row.text)).not.toContain('lovelace');
    expect(globexStats.zeroResultSearches).toEqual([]);

    const reversed = await sg.graphql(STATS, { from: to, to: from }, { as: acme.as });
    expect(code(reversed)).toBe('BAD_USER_INPUT');
  });
});
