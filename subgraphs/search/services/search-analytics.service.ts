import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { NotFoundError } from '../../../shared/errors/errors.js';
import { SearchQuery } from '../entities/search-query.entity.js';
import type { SearchClickArgs } from '../inputs/search-click.input.js';
import type { SearchPeriodArgs } from '../inputs/search-period.input.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';

type Ctx = RequestContext<SearchLoaders>;

/** How often one text (compared lower-cased) was searched in a period, and what came of it. */
export interface SearchTextStats {
  text: string;
  searches: number;
  zeroResultSearches: number;
  clickedSearches: number;
  clickThroughRate: number;
  averageResultCount: number;
}

export interface ClickThrough {
  searches: number;
  clickedSearches: number;
  rate: number;
}

/**
 * Logs one search with a plain insert (see SearchQuery for why not through the unit of work);
 * the id it answers lets the client report which result was opened.
 */
export async function logSearch(ctx: Ctx, search: { text: string; filters: Record<string, unknown>; resultCount: number; latencyMs: number }): Promise<string> {
  const row = new SearchQuery();
  await ctx.em.getConnection().execute(
    `insert into "search"."search_query" ("id", "tenant_id", "user_id", "text", "filters", "result_count", "latency_ms", "created_at") values (?, ?, ?, ?, ?::jsonb, ?, ?, now())`,
    [row.id, requireTenant(ctx), ctx.caller.userId, search.text, JSON.stringify(search.filters), search.resultCount, search.latencyMs],
  );
  return row.id;
}

/** Records the result opened from a search of the caller's (the latest click counts). */
export async function recordSearchClick(ctx: Ctx, args: SearchClickArgs): Promise<SearchQuery> {
  const tenantId = requireTenant(ctx);
  const logged = await ctx.em.findOne(SearchQuery, { id: args.searchId, tenantId });
  // Someone else's search is as unknown as one that never was.
  if (!logged || (logged.userId ?? null) !== (ctx.caller.userId ?? null)) throw new NotFoundError('SearchQuery', args.searchId);
  ctx.em.assign(logged, { clickedKind: args.kind, clickedRefId: args.refId, clickedPosition: args.position, clickedAt: new Date() });
  await ctx.em.flush();
  return logged;
}

interface StatsRow {
  text: string;
  searches: number;
  zero: number;
  clicked: number;
  average: number;
}

const STATS_COLUMNS = `lower(q."text") as "text", count(*)::int as "searches", (count(*) filter (where q."result_count" = 0))::int as "zero",
  (count(*) filter (where q."clicked_at" is not null))::int as "clicked", avg(q."result_count")::float8 as "average"`;

const toStats = (row: StatsRow): SearchTextStats => ({
  text: row.text,
  searches: row.searches,
  zeroResultSearches: row.zero,
  clickedSearches: row.clicked,
  clickThroughRate: row.searches ? row.clicked / row.searches : 0,
  averageResultCount: row.average,
});

/** The most searched texts of the period (browses without text left out), most first. */
export async function topSearches(ctx: Ctx, { from, to, first }: SearchPeriodArgs): Promise<SearchTextStats[]> {
  const rows = await ctx.em.getConnection().execute<StatsRow[]>(
    `select ${STATS_COLUMNS} from "search"."search_query" q
     where q."tenant_id" = ? and q."created_at" >= ? and q."created_at" < ? and q."text" <> ''
     group by lower(q."text") order by "searches" desc, "text" limit ?`,
    [requireTenant(ctx), from, to, first],
  );
  return rows.map(toStats);
}

/** Texts searched in the period that found nothing, most searched first: content people miss. */
export async function zeroResultSearches(ctx: Ctx, { from, to, first }: SearchPeriodArgs): Promise<SearchTextStats[]> {
  const rows = await ctx.em.getConnection().execute<StatsRow[]>(
    `select ${STATS_COLUMNS} from "search"."search_query" q
     where q."tenant_id" = ? and q."created_at" >= ? and q."created_at" < ? and q."text" <> '' and q."result_count" = 0
     group by lower(q."text") order by "searches" desc, "text" limit ?`,
    [requireTenant(ctx), from, to, first],
  );
  return rows.map(toStats);
}

/** Share of the period's searches from which a result was opened. */
export async function clickThrough(ctx: Ctx, { from, to }: Pick<SearchPeriodArgs, 'from' | 'to'>): Promise<ClickThrough> {
  const [row] = await ctx.em.getConnection().execute<{ searches: number; clicked: number }[]>(
    `select count(*)::int as "searches", (count(*) filter (where q."clicked_at" is not null))::int as "clicked"
     from "search"."search_query" q where q."tenant_id" = ? and q."created_at" >= ? and q."created_at" < ?`,
    [requireTenant(ctx), from, to],
  );
  const searches = row?.searches ?? 0;
  const clicked = row?.clicked ?? 0;
  return { searches, clickedSearches: clicked, rate: searches ? clicked / searches : 0 };
}
