import { randomUUID } from 'node:crypto';
import { SearchLanguage } from '../entities/search-language.enum.js';
import type { EngineScope, IndexedThing, SearchEngine, SearchRequest } from './search-engine.js';

/**
 * What any search engine behind the search subgraph must do, as one suite: run it against an
 * adapter (`searchEngineContract('opensearch', …)`) before a tenant is moved to it. Each test
 * uses tenants of its own, so the suite may share one database.
 */
export interface ContractSetup {
  engine: SearchEngine;
  /** A fresh unit of work acting as `tenantId`. */
  scope(tenantId: string): EngineScope;
  close(): Promise<void>;
}

const DAY = 86_400_000;

export function searchEngineContract(name: string, setup: () => Promise<ContractSetup>): void {
  describe(`search engine contract: ${name}`, () => {
    let ctx: ContractSetup;

    beforeAll(async () => {
      ctx = await setup();
    });

    afterAll(async () => {
      await ctx?.close();
    });

    const request = (text: string | null, extra: Partial<SearchRequest> = {}): SearchRequest => ({
      text,
      filters: {},
      hiddenKinds: [],
      sort: 'RELEVANCE',
      size: 20,
      after: null,
      ...extra,
    });

    /** A new tenant with these things indexed; answers the tenant's id and the things' ids by title. */
    async function tenantWith(things: Omit<IndexedThing, 'refId'>[], language?: SearchLanguage) {
      const tenantId = randomUUID();
      if (language) await ctx.engine.setLanguage(ctx.scope(tenantId), language);
      const ids = new Map<string, string>();
      for (const thing of things) {
        const refId = randomUUID();
        ids.set(thing.title, refId);
        await ctx.engine.upsert(ctx.scope(tenantId), { ...thing, refId }, null);
      }
      return { tenantId, ids };
    }

    const titles = async (tenantId: string, req: SearchRequest) => (await ctx.engine.search(ctx.scope(tenantId), req)).hits.map((hit) => hit.entry.title);

    it('finds by words of the title and body, with highlighted snippets and a total', async () => {
      const { tenantId } = await tenantWith([
        { kind: 'document', title: 'Master services agreement', body: 'Payment terms are thirty days net' },
        { kind: 'document', title: 'Holiday rota', body: 'Who is away in August' },
      ]);
      const page = await ctx.engine.search(ctx.scope(tenantId), request('payment terms'));
      expect(page.hits.map((hit) => hit.entry.title)).toEqual(['Master services agreement']);
      expect(page.hits[0]!.snippet).toContain('**Payment** **terms**');
      expect(page.totalCount).toBe(1);
      expect(page.correctedText).toBeNull();
    });

    it('ranks a title match above a tag match above a body match', async () => {
      const { tenantId } = await tenantWith([
        { kind: 'note', title: 'Quarterly review', body: 'Mentions the budget once' },
        { kind: 'note', title: 'Budget 2027', body: 'Numbers for next year' },
        { kind: 'note', title: 'Team offsite', body: 'Plans', tags: ['budget'] },
      ]);
      expect(await titles(tenantId, request('budget'))).toEqual(['Budget 2027', 'Team offsite', 'Quarterly review']);
    });

    it('ranks the newer of two equal matches first', async () => {
      const now = Date.now();
      const { tenantId } = await tenantWith([
        { kind: 'note', title: 'Release notes', body: 'Version one', occurredAt: new Date(now - 400 * DAY) },
        { kind: 'note', title: 'Release notes', body: 'Version two', occurredAt: new Date(now - DAY) },
      ]);
      const page = await ctx.engine.search(ctx.scope(tenantId), request('release notes'));
      expect(page.hits.map((hit) => hit.entry.body)).toEqual(['Version two', 'Version one']);
      expect(page.hits[0]!.score).toBeGreaterThan(page.hits[1]!.score);
    });

    it('understands phrases, or and exclusion', async () => {
      const { tenantId } = await tenantWith([
        { kind: 'note', title: 'Red car', body: 'a fast red car' },
        { kind: 'note', title: 'Car red', body: 'the car is not red at all' },
        { kind: 'note', title: 'Blue boat', body: 'slow' },
      ]);
      expect(await titles(tenantId, request('"fast red car"'))).toEqual(['Red car']);
      expect((await titles(tenantId, request('boat or fast'))).sort()).toEqual(['Blue boat', 'Red car']);
      expect(await titles(tenantId, request('car -fast'))).toEqual(['Car red']);
    });

    it("parses entries and queries in the tenant's language, and re-parses when it changes", async () => {
      const { tenantId } = await tenantWith([{ kind: 'note', title: 'Morning runs', body: 'We were running by the river' }]);
      // In `simple`, "run" is not a word of the entry: found only by correcting it to one.
      const simple = await ctx.engine.search(ctx.scope(tenantId), request('run'));
      expect(simple.correctedText).toBe('runs');
      await ctx.engine.setLanguage(ctx.scope(tenantId), SearchLanguage.ENGLISH);
      expect(await ctx.engine.language(ctx.scope(tenantId))).toBe(SearchLanguage.ENGLISH);
      const english = await ctx.engine.search(ctx.scope(tenantId), request('run'));
      expect(english.hits.map((hit) => hit.entry.title)).toEqual(['Morning runs']);
      expect(english.correctedText).toBeNull();
      // Stop words no longer have to match.
      expect(await titles(tenantId, request('the runs'))).toEqual(['Morning runs']);

      const german = await tenantWith([{ kind: 'note', title: 'Häuser am See', body: 'Zwei Häuser' }], SearchLanguage.GERMAN);
      expect(await titles(german.tenantId, request('Haus'))).toEqual(['Häuser am See']);
      const french = await tenantWith([{ kind: 'note', title: 'Les chevaux', body: 'Des chevaux couraient' }], SearchLanguage.FRENCH);
      expect(await titles(french.tenantId, request('cheval'))).toEqual(['Les chevaux']);
      const spanish = await tenantWith([{ kind: 'note', title: 'Facturas pendientes', body: 'Dos facturas' }], SearchLanguage.SPANISH);
      expect(await titles(spanish.tenantId, request('factura'))).toEqual(['Facturas pendientes']);
    });

    it('searches the nearest known spelling when the typed words find nothing', async () => {
      const { tenantId } = await tenantWith([
        { kind: 'invoice', title: 'Invoice INV-000042 Acme', body: 'Consulting in March' },
        { kind: 'note', title: 'Lunch', body: 'Sandwiches' },
      ]);
      const page = await ctx.engine.search(ctx.scope(tenantId), request('invioce acmee'));
      expect(page.correctedText).toBe('invoice acme');
      expect(page.hits.map((hit) => hit.entry.title)).toEqual(['Invoice INV-000042 Acme']);
      // Nothing near: nothing found, nothing corrected.
      const none = await ctx.engine.search(ctx.scope(tenantId), request('zzyzx'));
      expect(none.hits).toEqual([]);
      expect(none.correctedText).toBeNull();
    });

    it('filters and counts facets, each facet under the other filters but not its own', async () => {
      const now = Date.now();
      const { tenantId } = await tenantWith([
        { kind: 'invoice', title: 'Acme invoice one', body: 'acme', status: 'ISSUED', tags: ['EUR'], amount: 50, occurredAt: new Date(now - 2 * DAY) },
        { kind: 'invoice', title: 'Acme invoice two', body: 'acme', status: 'PAID', tags: ['EUR'], amount: 500, occurredAt: new Date(now - 20 * DAY) },
        { kind: 'invoice', title: 'Acme invoice three', body: 'acme', status: 'PAID', tags: ['USD'], amount: 5000, occurredAt: new Date(now - 400 * DAY) },
        { kind: 'document', title: 'Acme contract', body: 'acme', status: 'FINAL', tags: ['legal'], occurredAt: new Date(now - 3 * DAY) },
        { kind: 'document', title: 'Unrelated', body: 'nothing here', status: 'FINAL' },
      ]);
      const req = request('acme', { filters: { kinds: ['invoice'], statuses: ['PAID'] } });
      expect((await titles(tenantId, req)).sort()).toEqual(['Acme invoice three', 'Acme invoice two']);
      const facets = await ctx.engine.facets(ctx.scope(tenantId), req, [100, 1000]);
      expect(facets.totalCount).toBe(2);
      // Kinds under the status filter only: documents are not PAID.
      expect(facets.kinds).toEqual([{ value: 'invoice', count: 2 }]);
      // Statuses under the kind filter only: every invoice status, not just PAID.
      expect(facets.statuses).toEqual([
        { value: 'PAID', count: 2 },
        { value: 'ISSUED', count: 1 },
      ]);
      expect(facets.tags).toEqual([
        { value: 'EUR', count: 1 },
        { value: 'USD', count: 1 },
      ]);
      expect(facets.amount.map((range) => [range.from, range.to, range.count])).toEqual([
        [null, 100, 0],
        [100, 1000, 1],
        [1000, null, 1],
      ]);
      expect(Object.fromEntries(facets.occurredAt.map((range) => [range.key, range.count]))).toEqual({ LAST_DAY: 0, LAST_WEEK: 0, LAST_MONTH: 1, LAST_YEAR: 1, OLDER: 1 });

      const ranged = request('acme', { filters: { tags: ['EUR', 'legal'], amountMin: 100, occurredFrom: new Date(now - 30 * DAY) } });
      expect(await titles(tenantId, ranged)).toEqual(['Acme invoice two']);
    });

    it('sorts and pages with cursors, every hit exactly once', async () => {
      const now = Date.now();
      const things = Array.from({ length: 23 }, (_, i) => ({
        kind: 'note',
        title: `Ticket ${String.fromCharCode(97 + ((i * 7) % 23))} printer`,
        body: i % 3 ? 'printer jammed' : 'printer jammed printer again printer',
        occurredAt: new Date(now - i * DAY),
      }));
      const { tenantId } = await tenantWith(things);
      for (const sort of ['RELEVANCE', 'NEWEST', 'OLDEST', 'TITLE'] as const) {
        const seen: string[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
          const page = await ctx.engine.search(ctx.scope(tenantId), request('printer', { sort, size: 5, after }));
          seen.push(...page.hits.map((hit) => hit.entry.title));
          after = page.hasNextPage ? page.endCursor : null;
          pages += 1;
        } while (after);
        expect(pages).toBe(5);
        expect(new Set(seen).size).toBe(23);
        if (sort === 'TITLE') expect(seen).toEqual([...seen].sort());
      }
      const newest = await titles(tenantId, request(null, { sort: 'NEWEST', size: 3 }));
      expect(newest).toEqual(things.slice(0, 3).map((thing) => thing.title));
      await expect(ctx.engine.search(ctx.scope(tenantId), request('printer', { sort: 'TITLE', after: 'bm90IGEgY3Vyc29y' }))).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it('suggests titles by word prefix, then near spellings', async () => {
      const { tenantId } = await tenantWith([
        { kind: 'record', title: 'Acme Corporation', body: '' },
        { kind: 'record', title: 'Globex', body: '' },
        { kind: 'record', title: 'The Acme Foundation', body: '' },
      ]);
      const typed = await ctx.engine.suggest(ctx.scope(tenantId), 'acm', 5, []);
      expect(typed.map((s) => s.entry.title).sort()).toEqual(['Acme Corporation', 'The Acme Foundation']);
      expect(typed.map((s) => s.highlighted)).toContain('The **Acm**e Foundation');
      const fuzzy = await ctx.engine.suggest(ctx.scope(tenantId), 'globx', 5, []);
      expect(fuzzy.map((s) => s.entry.title)).toEqual(['Globex']);
      expect(await ctx.engine.suggest(ctx.scope(tenantId), 'acm', 5, ['record'])).toEqual([]);
    });

    it("never answers another tenant's entries or hidden kinds", async () => {
      const acme = await tenantWith([
        { kind: 'invoice', title: 'Secret invoice', body: 'confidential' },
        { kind: 'note', title: 'Secret note', body: 'confidential' },
      ]);
      const globex = await tenantWith([{ kind: 'note', title: 'Other', body: 'nothing' }]);
      expect(await titles(globex.tenantId, request('confidential'))).toEqual([]);
      expect(await ctx.engine.suggest(ctx.scope(globex.tenantId), 'secr', 5, [])).toEqual([]);
      expect(await titles(acme.tenantId, request('confidential', { hiddenKinds: ['invoice'] }))).toEqual(['Secret note']);
      const facets = await ctx.engine.facets(ctx.scope(acme.tenantId), request('confidential', { hiddenKinds: ['invoice'] }), []);
      expect(facets.kinds).toEqual([{ value: 'note', count: 1 }]);
    });

    it('replaces an entry when indexed again and removes it', async () => {
      const { tenantId, ids } = await tenantWith([
        { kind: 'note', title: 'Draft plan', body: 'first words' },
        { kind: 'note', title: 'Other plan', body: 'kept' },
      ]);
      const refId = ids.get('Draft plan')!;
      await ctx.engine.upsert(ctx.scope(tenantId), { kind: 'note', refId, title: 'Final plan', body: 'second words' }, null);
      expect(await titles(tenantId, request('first'))).toEqual([]);
      expect(await titles(tenantId, request('second'))).toEqual(['Final plan']);
      expect(await ctx.engine.remove(ctx.scope(tenantId), 'note', refId)).toBe(true);
      expect(await ctx.engine.remove(ctx.scope(tenantId), 'note', refId)).toBe(false);
      expect(await titles(tenantId, request('plan'))).toEqual(['Other plan']);
      expect(await ctx.engine.removeAllBut(ctx.scope(tenantId), 'note', [])).toBe(1);
      expect(await titles(tenantId, request(null))).toEqual([]);
    });
  });
}
