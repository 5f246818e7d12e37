import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Float, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import type { EngineHit, EngineSuggestion } from '../engine/search-engine.js';
import { SearchEntry } from '../entities/search-entry.entity.js';
import { SearchArgs, SuggestArgs } from '../inputs/search-entries.input.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';
import * as entries from '../services/search-entry.service.js';

type Ctx = RequestContext<SearchLoaders>;

@ObjectType({ description: 'An entry matching a search' })
export class SearchResult implements Pick<EngineHit, 'entry' | 'snippet'> {
  @Field(() => SearchEntry)
  entry!: SearchEntry;

  @Field(() => Float, { description: 'How well it matches (field weights, then recency), higher is better; comparable within one search only; 0 without text' })
  rank!: number;

  @Field(() => String, { description: 'Passages of the body with the matched words between ** (plain text, not HTML)' })
  snippet!: string;

  @Field(() => String, { description: 'Pass as `after` to read the hits after this one' })
  cursor!: string;
}

@ObjectType('SearchPageInfo')
export class SearchPageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last hit: `after` for the next page' })
  endCursor!: string | null;
}

@ObjectType({ description: 'A facet value and how many matches have it, under the other active filters' })
export class FacetValue {
  @Field(() => String)
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'A date range of matches (LAST_DAY, LAST_WEEK, LAST_MONTH, LAST_YEAR overlap; OLDER is beyond a year)' })
export class DateRangeFacet {
  @Field(() => String)
  key!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'occurredFrom to filter on this range' })
  from!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'occurredTo to filter on this range' })
  to!: Date | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'An amount range of matches: from (inclusive) to (exclusive); null is unbounded' })
export class AmountRangeFacet {
  @Field(() => Float, { nullable: true })
  from!: number | null;

  @Field(() => Float, { nullable: true })
  to!: number | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "Counts per facet value; each facet's counts apply every other active filter but not its own" })
export class SearchFacets {
  @Field(() => [FacetValue])
  kinds!: FacetValue[];

  @Field(() => [FacetValue])
  statuses!: FacetValue[];

  @Field(() => [FacetValue], { description: 'The 50 commonest tags' })
  tags!: FacetValue[];

  @Field(() => [DateRangeFacet])
  occurredAt!: DateRangeFacet[];

  @Field(() => [AmountRangeFacet])
  amount!: AmountRangeFacet[];
}

@ObjectType({ description: 'One page of a search, best (or first in the chosen order) first' })
export class SearchResultList {
  @Field(() => [SearchResult])
  items!: SearchResult[];

  @Field(() => SearchPageInfo)
  pageInfo!: SearchPageInfo;

  @Field(() => String, { nullable: true, description: 'When the query as typed found nothing, the near spelling that was searched instead' })
  correctedQuery!: string | null;

  @Field(() => ID, { nullable: true, description: 'This search as logged (first pages only): report the result opened with recordSearchClick' })
  searchId!: string | null;

  /** The search behind the page, for the counts below (not a GraphQL field). */
  page!: entries.SearchPage;
}

@ObjectType({ description: 'A completion of what has been typed' })
export class SearchSuggestion implements EngineSuggestion {
  @Field(() => SearchEntry)
  entry!: SearchEntry;

  @Field(() => String, { description: 'The title with the typed prefix between **' })
  highlighted!: string;
}

function toList(page: entries.SearchPage): SearchResultList {
  return {
    items: page.items.map((hit) => ({ entry: hit.entry, rank: hit.score, snippet: hit.snippet, cursor: hit.cursor })),
    pageInfo: page.pageInfo,
    correctedQuery: page.correctedQuery,
    searchId: page.searchId,
    page,
  };
}

@Resolver(() => SearchResultList)
export class SearchResolver {
  @Authorized('search:entry:read')
  @Query(() => SearchResultList, { description: "Full-text search over the caller tenant's entries, with filters, facets, sorting and cursor pages" })
  async search(@Ctx() ctx: Ctx, @Args(() => SearchArgs) args: SearchArgs): Promise<SearchResultList> {
    return toList(await entries.search(ctx, args));
  }

  @Authorized('search:entry:read')
  @Query(() => [SearchSuggestion], { description: 'Autocomplete: the newest entries whose title has words starting with the typed ones (the last one a prefix); when none, with the nearest known spelling of the last word (typos)' })
  suggest(@Ctx() ctx: Ctx, @Args(() => SuggestArgs) args: SuggestArgs): Promise<SearchSuggestion[]> {
    return entries.suggest(ctx, args);
  }

  @FieldResolver(() => Int, { description: 'Matches over all pages (counted only when asked for)' })
  totalCount(@Root() list: SearchResultList): Promise<number> {
    return entries.totalCount(list.page);
  }

  @FieldResolver(() => SearchFacets, { description: 'Facet counts over the matches (counted only when asked for)' })
  async facets(
    @Root() list: SearchResultList,
    @Arg('amountBoundaries', () => [Float], { nullable: true, description: 'Where amount ranges split (default 100, 1000, 10000)' }) amountBoundaries?: number[] | null,
  ): Promise<SearchFacets> {
    const counted = await entries.facets(list.page, amountBoundaries?.length ? amountBoundaries : undefined);
    return {
      ...counted,
      occurredAt: counted.occurredAt.map((range) => ({ ...range, from: range.from as Date | null, to: range.to as Date | null })),
      amount: counted.amount.map((range) => ({ from: range.from as number | null, to: range.to as number | null, count: range.count })),
    };
  }
}
