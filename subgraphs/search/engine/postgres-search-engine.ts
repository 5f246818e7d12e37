import { BadUserInputError } from '../../../shared/errors/errors.js';
import { decodeCursor, encodeCursor } from '../../../shared/graphql/connection.js';
import { joinSql, sql, type Sql } from '../../../shared/orm/sql.js';
import { SearchEntry } from '../entities/search-entry.entity.js';
import { SearchLanguage } from '../entities/search-language.enum.js';
import { SearchSettings } from '../entities/search-settings.entity.js';
import { correctWords, queryWords } from './query-words.js';
import type {
  EngineFacets,
  EngineHit,
  EnginePage,
  EngineScope,
  EngineSuggestion,
  FacetCount,
  IndexedThing,
  RangeCount,
  SearchEngine,
  SearchFilters,
  SearchRequest,
  SearchSort,
} from './search-engine.js';

/** Matched words come back between `**`: markup the caller renders, not HTML to inject. */
const HEADLINE_OPTIONS = 'StartSel=**, StopSel=**, MaxWords=35, MinWords=15, MaxFragments=2';

/**
 * Relevance: `ts_rank` with the title (A) counting 1.0, tags (B) 0.4, body (C) 0.2, scaled by
 * recency: a thing from today keeps its whole rank, one from 90 days ago ~80%, a very old one
 * 70%. Recency breaks near-ties between matches; it never lifts a weak match over a strong one.
 * The reference time is a parameter fixed by the first page, so later pages rank alike.
 */
const SCORE_SQL = `(ts_rank('{0.1, 0.2, 0.4, 1.0}', e."vector", q."query")::float8
  * (0.7 + 0.3 * exp(-greatest(0, extract(epoch from (?::timestamptz - e."occurred_at"))) / 7776000)))`;

/** How many of the newest matches relevance ranks (see `page`). */
const RANK_CANDIDATES = 5000;

/** The columns of an entry, as the ORM maps them (the vector stays in the database). */
const ENTRY_COLUMNS = ['id', 'created_at', 'updated_at', 'tenant_id', 'kind', 'ref_id', 'title', 'body', 'status', 'tags', 'occurred_at', 'amount', 'language', 'created_by_id']
  .map((column) => `e."${column}"`)
  .join(', ');

/** A JSON array parameter read as text[]; arrays never travel as bare parameters (they would be spread). */
const TEXT_ARRAY = `array(select jsonb_array_elements_text(?::jsonb))`;
const textArray = (values: readonly string[]) => JSON.stringify(values);

/** What each sort orders by, in SQL and in its cursor; ties always broken by id. */
const SORTS: Record<Exclude<SearchSort, 'RELEVANCE'>, { key: string; direction: 'asc' | 'desc' }> = {
  NEWEST: { key: 'e."occurred_at"', direction: 'desc' },
  OLDEST: { key: 'e."occurred_at"', direction: 'asc' },
  TITLE: { key: 'lower(e."title")', direction: 'asc' },
};

/** Date facet ranges, counted back from the search's time. */
const DATE_RANGES: { key: string; days: number | null }[] = [
  { key: 'LAST_DAY', days: 1 },
  { key: 'LAST_WEEK', days: 7 },
  { key: 'LAST_MONTH', days: 30 },
  { key: 'LAST_YEAR', days: 365 },
  { key: 'OLDER', days: null },
];

type FilterName = 'kind' | 'status' | 'tags' | 'occurred' | 'amount';

interface HitRow extends Record<string, unknown> {
  score: number;
  total_count?: number;
  snippet: string;
  sort_value: string | null;
}

/** PostgreSQL full-text search with GIN indexes, pg_trgm typo tolerance and autocomplete. */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres';

  async upsert({ em, tenantId }: EngineScope, thing: IndexedThing, createdById: string | null): Promise<SearchEntry> {
    const language = await this.language({ em, tenantId });
    const values = {
      title: thing.title.trim(),
      body: thing.body,
      status: thing.status ?? null,
      tags: [...new Set(thing.tags ?? [])],
      amount: thing.amount ?? null,
      language,
      ...(thing.occurredAt && { occurredAt: thing.occurredAt }),
    };
    const existing = await em.findOne(SearchEntry, { tenantId, kind: thing.kind, refId: thing.refId });
    const entry = existing ? em.assign(existing, values) : em.create(SearchEntry, { tenantId, kind: thing.kind, refId: thing.refId, createdById, ...values });
    await em.flush();
    return entry;
  }

  async remove({ em, tenantId }: EngineScope, kind: string, refId: string): Promise<boolean> {
    const entry = await em.findOne(SearchEntry, { tenantId, kind, refId });
    if (!entry) return false;
    em.remove(entry);
    await em.flush();
    return true;
  }

  async removeAllBut({ em, tenantId }: EngineScope, kind: string, keep: readonly string[]): Promise<number> {
    const stale = await em.find(SearchEntry, { tenantId, kind, refId: { $nin: [...keep] } });
    stale.forEach((entry) => em.remove(entry));
    await em.flush();
    return stale.length;
  }

  async language({ em, tenantId }: EngineScope): Promise<SearchLanguage> {
    const settings = await em.findOne(SearchSettings, { tenantId });
    return settings?.language ?? SearchLanguage.SIMPLE;
  }

  async setLanguage({ em, tenantId }: EngineScope, language: SearchLanguage): Promise<void> {
    const settings = (await em.findOne(SearchSettings, { tenantId })) ?? em.create(SearchSettings, { tenantId });
    settings.language = language;
    await em.flush();
    // The trigger re-parses each entry whose language changes.
    await em.getConnection().execute(`update "search"."search_entry" set "language" = ? where "tenant_id" = ? and "language" <> ?`, [language, tenantId, language]);
  }

  async rebuildLexicon({ em, tenantId }: EngineScope): Promise<void> {
    const connection = em.getConnection();
    await connection.execute(`delete from "search"."search_term" where "tenant_id" = ?`, [tenantId]);
    await connection.execute(
      `insert into "search"."search_term" ("tenant_id", "term")
       select distinct e."tenant_id", w.word
       from "search"."search_entry" e,
            unnest(tsvector_to_array(to_tsvector('simple', e."title" || ' ' || array_to_string(e."tags", ' ') || ' ' || e."body"))) as w(word)
       where e."tenant_id" = ? and length(w.word) between 3 and 40
       on conflict do nothing`,
      [tenantId],
    );
  }

  async search(scope: EngineScope, request: SearchRequest): Promise<EnginePage> {
    const language = await this.language(scope);
    const page = await this.page(scope, request, language);
    if (page.hits.length || !request.text?.trim() || request.after) return page;
    // Nothing matched as typed: try the nearest known spelling of each unknown word.
    const corrected = await this.correct(scope, request.text);
    if (!corrected) return page;
    const retried = await this.page(scope, { ...request, text: corrected }, language);
    return retried.hits.length ? { ...retried, correctedText: corrected } : page;
  }

  async facets(scope: EngineScope, request: SearchRequest, amountBoundaries: number[]): Promise<EngineFacets> {
    const language = await this.language(scope);
    const now = new Date();
    const filters = filterSql(request.filters);
    const flags = (Object.keys(filters) as FilterName[]).map((name) => ({ text: `(${filters[name].text}) as "f_${name}"`, params: filters[name].params }));
    const others = (name: FilterName) => (Object.keys(filters) as FilterName[]).filter((other) => other !== name).map((other) => `m."f_${other}"`).join(' and ');
    const all = (Object.keys(filters) as FilterName[]).map((name) => `m."f_${name}"`).join(' and ');
    const base = baseWhere(scope.tenantId, request, language);
    const dateRanges = DATE_RANGES.map(({ key, days }) => ({
      key,
      from: days === null ? null : new Date(now.getTime() - days * 86_400_000),
      to: days === null ? new Date(now.getTime() - 365 * 86_400_000) : null,
    }));
    const bounds = [...new Set(amountBoundaries)].sort((a, b) => a - b);
    const amountRanges = [null, ...bounds].map((from, i) => ({ from, to: bounds[i] ?? null }));
    const dateCases = dateRanges.map((range) => sql(`(?::text, ?::timestamptz, ?::timestamptz)`, [range.key, range.from, range.to]));
    const amountCases = amountRanges.map((range, i) => sql(`(?::text, ?::float8, ?::float8)`, [String(i), range.from, range.to]));
    const query = joinSql(
      [
        sql(`with m as (select e."kind", e."status", e."tags", e."occurred_at", e."amount", `),
        joinSql(flags, ', '),
        sql(' from '),
        base.from,
        sql(' where '),
        base.where,
        sql(`) select 'total' as facet, null as value, count(*)::int as count from m where ${all}`),
        sql(`union all select 'kind', m."kind", count(*)::int from m where ${others('kind')} group by m."kind"`),
        sql(`union all select 'status', m."status", count(*)::int from m where ${others('status')} and m."status" is not null group by m."status"`),
        sql(`union all select * from (select 'tag', t.tag, count(*)::int from m, unnest(m."tags") as t(tag) where ${others('tags')} group by t.tag order by 3 desc, 2 limit 50) tags`),
        sql(`union all select 'occurred', r.key, count(*) filter (where (r.since is null or m."occurred_at" >= r.since) and (r.before is null or m."occurred_at" < r.before))::int from m, (values `),
        joinSql(dateCases, ', '),
        sql(`) as r(key, since, before) where ${others('occurred')} group by r.key`),
        sql(`union all select 'amount', r.key, count(*) filter (where (r.low is null or m."amount" >= r.low) and (r.high is null or m."amount" < r.high))::int from m, (values `),
        joinSql(amountCases, ', '),
        sql(`) as r(key, low, high) where ${others('amount')} group by r.key`),
      ],
      ' ',
    );
    const rows = await scope.em.getConnection().execute<{ facet: string; value: string | null; count: number }[]>(query.text, query.params);
    const counts = (facet: string): FacetCount[] =>
      rows
        .filter((row) => row.facet === facet)
        .map((row) => ({ value: row.value ?? '', count: row.count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const countOf = (facet: string, key: string) => rows.find((row) => row.facet === facet && row.value === key)?.count ?? 0;
    return {
      totalCount: rows.find((row) => row.facet === 'total')?.count ?? 0,
      kinds: counts('kind'),
      statuses: counts('status'),
      tags: counts('tag'),
      occurredAt: dateRanges.map((range): RangeCount => ({ key: range.key, from: range.from, to: range.to, count: countOf('occurred', range.key) })),
      amount: amountRanges.map((range, i): RangeCount => ({ key: String(i), from: range.from, to: range.to, count: countOf('amount', String(i)) })),
    };
  }

  async suggest(scope: EngineScope, prefix: string, size: number, hiddenKinds: string[]): Promise<EngineSuggestion[]> {
    const typed = prefix.trim().toLowerCase();
    if (!typed) return [];
    const found = await this.titlesStartingWith(scope, typed, size, hiddenKinds);
    if (found.length) return found;
    // No title has such words: complete the nearest known word instead (a typo in the last word
    // typed, e.g. "lovlace" for "lovelace").
    const words = typed.split(/\s+/);
    const nearest = await this.nearestTerm(scope, words.at(-1)!);
    if (!nearest) return [];
    return this.titlesStartingWith(scope, [...words.slice(0, -1), nearest].join(' '), size, hiddenKinds);
  }

  /**
   * The newest entries whose title has words starting with the typed ones (the last word a prefix),
   * from the GIN index: a prefix query (`ada:A & lov:*A`) restricted to title lexemes, parsed in
   * the tenant's language like the titles were.
   */
  private async titlesStartingWith(scope: EngineScope, typed: string, size: number, hiddenKinds: string[]): Promise<EngineSuggestion[]> {
    const words = typed.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!words.length) return [];
    const prefixQuery = words.map((word, i) => `${word}:${i === words.length - 1 ? '*' : ''}A`).join(' & ');
    const language = await this.language(scope);
    const rows = await scope.em.getConnection().execute<Record<string, unknown>[]>(
      `select ${ENTRY_COLUMNS}
       from "search"."search_entry" e
       where e."tenant_id" = ? and not (e."kind" = any(${TEXT_ARRAY})) and e."vector" @@ to_tsquery(?::regconfig, ?)
       order by e."occurred_at" desc, e."id" desc
       limit ?`,
      [scope.tenantId, textArray(hiddenKinds), language, prefixQuery, size],
    );
    return rows.map((columns) => {
      const entry = scope.em.map(SearchEntry, columns);
      return { entry, highlighted: highlightPrefix(entry.title, words.at(-1)!) };
    });
  }

  /** The known word of the tenant nearest to `word` (trigram similarity over the lexicon), if any is near. */
  private async nearestTerm({ em, tenantId }: EngineScope, word: string): Promise<string | null> {
    if (word.length < 3) return null;
    const [row] = await em.getConnection().execute<{ term: string }[]>(
      `select t."term" from "search"."search_term" t where t."tenant_id" = ? and t."term" % ?
       order by similarity(t."term", ?) desc, abs(length(t."term") - length(?)), t."term" limit 1`,
      [tenantId, word, word, word],
    );
    return row && row.term !== word ? row.term : null;
  }

  /** One page of hits, best (or first in the sort) first. */
  private async page({ em, tenantId }: EngineScope, request: SearchRequest, language: SearchLanguage): Promise<EnginePage> {
    const text = request.text?.trim() || null;
    const sort: SearchSort = request.sort === 'RELEVANCE' && !text ? 'NEWEST' : request.sort;
    const ordering = `${sort}:${text ?? ''}`;
    const cursor = request.after === null ? null : decodeCursor(request.after, ordering);
    if (request.after !== null && !cursor) throw new BadUserInputError('invalid page arguments', [{ field: 'after', message: 'is not a cursor of this search' }]);
    // The first page fixes the time recency is measured from; its cursors carry it on.
    const asOf = cursor ? new Date(String(cursor[2])) : new Date();
    const base = baseWhere(tenantId, { ...request, text }, language);
    const filters = Object.values(filterSql(request.filters));
    const where = joinSql([base.where, ...filters], ' and ');

    let order: string;
    let sortValue: Sql;
    let after: Sql | null = null;
    if (sort === 'RELEVANCE') {
      sortValue = sql(`${SCORE_SQL}::text`, [asOf]);
      order = `"score" desc, e."id" desc`;
      if (cursor) after = sql(`(${SCORE_SQL} < ?::float8 or (${SCORE_SQL} = ?::float8 and e."id" < ?))`, [asOf, cursor[0], asOf, cursor[0], cursor[1]]);
    } else {
      const { key, direction } = SORTS[sort];
      sortValue = sql(`${key}::text`);
      order = `${key} ${direction}, e."id" ${direction}`;
      const cast = key.includes('occurred_at') ? '::timestamptz' : '';
      if (cursor) after = sql(`(${key}, e."id") ${direction === 'desc' ? '<' : '>'} (?${cast}, ?)`, [cursor[0], cursor[1]]);
    }
    const score = text ? sql(SCORE_SQL, [asOf]) : sql('0::float8');
    // Ranking reads every candidate's vector: relevance ranks the newest RANK_CANDIDATES matches
    // (all of them unless a word is in a large share of the tenant's entries); the count is exact.
    const source =
      sort === 'RELEVANCE'
        ? joinSql(
            [
              sql('(select e.* from '),
              base.from,
              sql(' where '),
              where,
              sql(` order by e."occurred_at" desc, e."id" desc limit ${RANK_CANDIDATES}) e, websearch_to_tsquery(?::regconfig, ?) as q("query") where `, [language, text]),
              after ?? sql('true'),
            ],
            '',
          )
        : joinSql([base.from, sql(' where '), after ? joinSql([where, after], ' and ') : where], '');
    // Counted apart (once, uncorrelated) so the page itself can stop at its last row.
    const total = cursor ? sql('') : joinSql([sql(', (select count(*)::int from '), base.from, sql(' where '), where, sql(') as "total_count"')], '');
    const query = joinSql(
      [
        sql(`select page.*, `),
        text ? sql(`ts_headline(?::regconfig, page."body", websearch_to_tsquery(?::regconfig, ?), '${HEADLINE_OPTIONS}') as "snippet"`, [language, language, text]) : sql(`left(page."body", 240) as "snippet"`),
        sql(` from (select ${ENTRY_COLUMNS}, `),
        score,
        sql(` as "score", `),
        sortValue,
        sql(` as "sort_value"`),
        total,
        sql(' from '),
        source,
        sql(` order by ${order} limit ?) page order by ${order.replaceAll('e."', 'page."')}`, [request.size + 1]),
      ],
      '',
    );
    const rows = await em.getConnection().execute<HitRow[]>(query.text, query.params);
    const more = rows.length > request.size;
    const hits = rows.slice(0, request.size).map(({ score: rank, snippet, sort_value: value, total_count: _total, ...columns }): EngineHit => {
      const entry = em.map(SearchEntry, columns);
      return { entry, score: Number(rank), snippet, cursor: encodeCursor(ordering, [sort === 'RELEVANCE' ? Number(value) : value, entry.id, asOf.toISOString()]) };
    });
    const totalCount = cursor ? null : (rows[0]?.total_count ?? 0);
    return { hits, hasNextPage: more, endCursor: hits.at(-1)?.cursor ?? null, totalCount, correctedText: null };
  }

  /** The text with each word the lexicon does not know replaced by its nearest known word; null when none is. */
  private async correct({ em, tenantId }: EngineScope, text: string): Promise<string | null> {
    const words = queryWords(text);
    if (!words.length) return null;
    const rows = await em.getConnection().execute<{ word: string; known: boolean; nearest: string | null }[]>(
      `select w.word,
              exists (select 1 from "search"."search_term" t where t."tenant_id" = ? and t."term" = w.word) as "known",
              (select t."term" from "search"."search_term" t where t."tenant_id" = ? and t."term" % w.word
                order by similarity(t."term", w.word) desc, abs(length(t."term") - length(w.word)), t."term" limit 1) as "nearest"
       from unnest(${TEXT_ARRAY}) as w(word)`,
      [tenantId, tenantId, textArray(words)],
    );
    // Only called when the search found nothing: a word unknown to the lexicon (of words as
    // written) may still match in a stemming language, but then the search would have found it.
    const replacements = new Map(rows.filter((row) => !row.known && row.nearest && row.nearest !== row.word).map((row) => [row.word, row.nearest!]));
    return replacements.size ? correctWords(text, replacements) : null;
  }
}

/** The FROM list and the conditions every query of a search shares: tenant, hidden kinds, text. */
function baseWhere(tenantId: string, request: Pick<SearchRequest, 'text' | 'hiddenKinds'>, language: SearchLanguage): { from: Sql; where: Sql } {
  const text = request.text?.trim() || null;
  const conditions = [
    // Raw SQL skips the ORM's tenant filter, so the tenant condition is spelled out here.
    sql(`e."tenant_id" = ?`, [tenantId]),
    sql(`not (e."kind" = any(${TEXT_ARRAY}))`, [textArray(request.hiddenKinds)]),
  ];
  if (!text) return { from: sql(`"search"."search_entry" e`), where: joinSql(conditions, ' and ') };
  return {
    from: sql(`"search"."search_entry" e, websearch_to_tsquery(?::regconfig, ?) as q("query")`, [language, text]),
    where: joinSql([...conditions, sql(`e."vector" @@ q."query"`)], ' and '),
  };
}

/** One condition per filter (true when the filter is not set), in a fixed order. */
function filterSql(filters: SearchFilters): Record<FilterName, Sql> {
  const list = (values: string[] | null | undefined) => (values?.length ? values : null);
  const kinds = list(filters.kinds);
  const statuses = list(filters.statuses);
  const tags = list(filters.tags);
  return {
    kind: kinds ? sql(`e."kind" = any(${TEXT_ARRAY})`, [textArray(kinds)]) : sql('true'),
    status: statuses ? sql(`e."status" = any(${TEXT_ARRAY})`, [textArray(statuses)]) : sql('true'),
    tags: tags ? sql(`e."tags" && ${TEXT_ARRAY}`, [textArray(tags)]) : sql('true'),
    occurred: sql(`(?::timestamptz is null or e."occurred_at" >= ?::timestamptz) and (?::timestamptz is null or e."occurred_at" < ?::timestamptz)`, [
      filters.occurredFrom ?? null,
      filters.occurredFrom ?? null,
      filters.occurredTo ?? null,
      filters.occurredTo ?? null,
    ]),
    amount: sql(`(?::float8 is null or e."amount" >= ?::float8) and (?::float8 is null or e."amount" < ?::float8)`, [
      filters.amountMin ?? null,
      filters.amountMin ?? null,
      filters.amountMax ?? null,
      filters.amountMax ?? null,
    ]),
  };
}

function highlightPrefix(title: string, prefix: string): string {
  const at = title.toLowerCase().search(new RegExp(`(^|[^\\p{L}\\p{N}])${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u'));
  if (at < 0) return title;
  const start = at === 0 && title.toLowerCase().startsWith(prefix) ? 0 : at + 1;
  return `${title.slice(0, start)}**${title.slice(start, start + prefix.length)}**${title.slice(start + prefix.length)}`;
}
