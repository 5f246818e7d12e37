import type { RequestContext } from '../../../shared/context/context.js';
import { grants } from '../../../shared/auth/permissions.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { engineFor } from '../engine/engine-for.js';
import type { EngineFacets, EngineHit, EngineScope, EngineSuggestion, SearchRequest } from '../engine/search-engine.js';
import type { SearchEntry } from '../entities/search-entry.entity.js';
import type { IndexEntryInput } from '../inputs/index-entry.input.js';
import type { RemoveEntryArgs } from '../inputs/remove-entry.input.js';
import type { SearchArgs, SuggestArgs } from '../inputs/search-entries.input.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';
import { KIND_PERMISSIONS } from './index-sources.js';
import { logSearch } from './search-analytics.service.js';

type Ctx = RequestContext<SearchLoaders>;

/** The hits of one page of a search; totals and facets are counted only when asked for. */
export interface SearchPage {
  items: EngineHit[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  correctedQuery: string | null;
  /** The logged search (first pages only): pass it to `recordSearchClick`. */
  searchId: string | null;
  /** Known when the page says it (the first page counts all matches with its hits). */
  knownTotal: number | null;
  scope: EngineScope;
  request: SearchRequest;
}

/** Default amount facet boundaries: under 100, 100–1,000, 1,000–10,000, 10,000 and more. */
export const DEFAULT_AMOUNT_BOUNDARIES = [100, 1_000, 10_000];

const scopeOf = (ctx: Ctx): EngineScope => ({ em: ctx.em, tenantId: requireTenant(ctx) });

/** Kinds indexed from a subgraph whose read permission the caller lacks: never shown, never counted. */
function hiddenKinds(ctx: Ctx): string[] {
  return Object.entries(KIND_PERMISSIONS)
    .filter(([, permission]) => !grants(ctx.caller.scopes, permission))
    .map(([kind]) => kind);
}

export async function indexEntry(ctx: Ctx, input: IndexEntryInput): Promise<SearchEntry> {
  const scope = scopeOf(ctx);
  return engineFor(scope.tenantId).upsert(scope, input, ctx.caller.userId);
}

/** Whether there was an entry to remove. */
export async function removeEntry(ctx: Ctx, { kind, refId }: RemoveEntryArgs): Promise<boolean> {
  const scope = scopeOf(ctx);
  return engineFor(scope.tenantId).remove(scope, kind, refId);
}

export async function search(ctx: Ctx, args: SearchArgs): Promise<SearchPage> {
  const scope = scopeOf(ctx);
  const started = performance.now();
  const kinds = [...(args.filter?.kinds ?? []), ...(args.kind ? [args.kind] : [])];
  const request: SearchRequest = {
    text: args.query?.trim() || null,
    filters: { ...args.filter, kinds: kinds.length ? kinds : null },
    hiddenKinds: hiddenKinds(ctx),
    sort: args.sort,
    size: args.first,
    after: args.after ?? null,
  };
  const page = await engineFor(scope.tenantId).search(scope, request);
  const knownTotal = page.totalCount;
  // A later page of the same search is not another search.
  const searchId = request.after
    ? null
    : await logSearch(ctx, { text: request.text ?? '', filters: { ...args.filter, kind: args.kind, sort: args.sort }, resultCount: knownTotal ?? page.hits.length, latencyMs: performance.now() - started });
  return {
    items: page.hits,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    correctedQuery: page.correctedText,
    searchId,
    knownTotal,
    scope,
    request: page.correctedText ? { ...request, text: page.correctedText } : request,
  };
}

/** Facet counts of the search a page came from, once per page and boundaries (totalCount shares them). */
const facetsOfPage = new WeakMap<SearchPage, Map<string, Promise<EngineFacets>>>();

export function facets(page: SearchPage, amountBoundaries: number[] = DEFAULT_AMOUNT_BOUNDARIES): Promise<EngineFacets> {
  const byBoundaries = facetsOfPage.get(page) ?? new Map<string, Promise<EngineFacets>>();
  facetsOfPage.set(page, byBoundaries);
  const key = amountBoundaries.join(',');
  let counted = byBoundaries.get(key);
  if (!counted) {
    counted = engineFor(page.scope.tenantId).facets(page.scope, page.request, amountBoundaries);
    byBoundaries.set(key, counted);
  }
  return counted;
}

export async function totalCount(page: SearchPage): Promise<number> {
  return page.knownTotal ?? (await facets(page)).totalCount;
}

export async function suggest(ctx: Ctx, { prefix, first }: SuggestArgs): Promise<EngineSuggestion[]> {
  const scope = scopeOf(ctx);
  return engineFor(scope.tenantId).suggest(scope, prefix, first, hiddenKinds(ctx));
}
