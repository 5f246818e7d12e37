import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { grants } from '../../../shared/auth/permissions.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { SEARCH_DOCUMENT_SQL, SearchEntry } from '../entities/search-entry.entity.js';
import type { IndexEntryInput } from '../inputs/index-entry.input.js';
import type { RemoveEntryArgs } from '../inputs/remove-entry.input.js';
import type { SearchArgs } from '../inputs/search-entries.input.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';

type Ctx = RequestContext<SearchLoaders>;

/** One entry matching a search. */
export interface SearchHit {
  entry: SearchEntry;
  rank: number;
  snippet: string;
}

/** The best matches of a search and how many entries match in all. */
export interface SearchHits {
  items: SearchHit[];
  totalCount: number;
}

/** Matched words come back between `**`: markup the caller renders, not HTML to inject. */
const HEADLINE_OPTIONS = 'StartSel=**, StopSel=**, MaxWords=35, MinWords=15, MaxFragments=2';

export async function indexEntry(ctx: Ctx, input: IndexEntryInput): Promise<SearchEntry> {
  return upsertEntry(ctx.em, requireTenant(ctx), input, ctx.caller.userId);
}

/** Creates or updates the one entry of (tenant, kind, refId); used by the API and by the indexer. */
export async function upsertEntry(
  em: EntityManager,
  tenantId: string,
  input: Pick<IndexEntryInput, 'kind' | 'refId' | 'title' | 'body'> & { language?: string },
  createdById: string | null,
): Promise<SearchEntry> {
  const text = { title: input.title.trim(), body: input.body, ...(input.language && { language: input.language }) };
  const existing = await em.findOne(SearchEntry, { kind: input.kind, refId: input.refId });
  const entry = existing ? em.assign(existing, text) : em.create(SearchEntry, { tenantId, kind: input.kind, refId: input.refId, createdById, ...text });
  await em.flush();
  return entry;
}

/** Removes the entry of a thing, if there is one. */
export async function dropEntry(em: EntityManager, kind: string, refId: string): Promise<boolean> {
  const entry = await em.findOne(SearchEntry, { kind, refId });
  if (!entry) return false;
  em.remove(entry);
  await em.flush();
  return true;
}

/** Whether there was an entry to remove. */
export function removeEntry(ctx: Ctx, { kind, refId }: RemoveEntryArgs): Promise<boolean> {
  requireTenant(ctx);
  return dropEntry(ctx.em, kind, refId);
}

interface SearchRow extends Record<string, unknown> {
  rank: number;
  snippet: string;
  total_count: number;
}

/**
 * The best `first` matches, best first, in one statement: the inner query ranks and counts
 * every match (`count(*) over ()` is taken before the limit), the outer one makes snippets
 * for the page only, since `ts_headline` re-parses each body.
 */
/**
 * The permission reading each indexed kind needs in its own subgraph: the index never shows a
 * caller what they could not open there. Kinds indexed by hand need only search access.
 */
export const KIND_PERMISSIONS: Record<string, string> = {
  record: 'entity:record:read',
  document: 'document:document:read',
  invoice: 'finance:invoice:read',
};

export async function search(ctx: Ctx, { query, kind, first }: SearchArgs): Promise<SearchHits> {
  const tenantId = requireTenant(ctx);
  const hidden = Object.entries(KIND_PERMISSIONS)
    .filter(([, permission]) => !grants(ctx.caller.scopes, permission))
    .map(([name]) => name);
  // Raw SQL skips the ORM's tenant filter, so the tenant condition is spelled out here.
  const sql = `
    select page.*, ts_headline('simple', page."body", page."query", '${HEADLINE_OPTIONS}') as "snippet"
    from (
      select e.*, q."query", ts_rank(${SEARCH_DOCUMENT_SQL}, q."query") as "rank", (count(*) over ())::int as "total_count"
      from "search"."search_entry" e, websearch_to_tsquery('simple', ?) as q("query")
      where e."tenant_id" = ? ${kind ? 'and e."kind" = ?' : ''} ${hidden.length ? `and e."kind" not in (${hidden.map(() => '?').join(', ')})` : ''}
        and ${SEARCH_DOCUMENT_SQL} @@ q."query"
      order by "rank" desc, e."id" desc
      limit ?
    ) page
    order by page."rank" desc, page."id" desc`;
  const params = [query.trim(), tenantId, ...(kind ? [kind] : []), ...hidden, first];
  const rows = await ctx.em.getConnection().execute<SearchRow[]>(sql, params);
  const items = rows.map(({ rank, snippet, total_count: _count, query: _query, ...columns }) => ({
    entry: ctx.em.map(SearchEntry, columns),
    rank,
    snippet,
  }));
  return { items, totalCount: rows[0]?.total_count ?? 0 };
}
