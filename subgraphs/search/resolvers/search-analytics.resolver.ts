import { Args, Authorized, Ctx, Field, Float, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { SearchQuery } from '../entities/search-query.entity.js';
import { SearchClickArgs } from '../inputs/search-click.input.js';
import { SearchPeriodArgs } from '../inputs/search-period.input.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';
import * as analytics from '../services/search-analytics.service.js';

type Ctx = RequestContext<SearchLoaders>;

@ObjectType({ description: 'One search text (compared lower-cased) over a period' })
export class SearchTextStats implements analytics.SearchTextStats {
  @Field(() => String)
  text!: string;

  @Field(() => Int)
  searches!: number;

  @Field(() => Int)
  zeroResultSearches!: number;

  @Field(() => Int, { description: 'Searches from which a result was opened' })
  clickedSearches!: number;

  @Field(() => Float, { description: 'clickedSearches / searches' })
  clickThroughRate!: number;

  @Field(() => Float)
  averageResultCount!: number;
}

@ObjectType({ description: 'Share of searches from which a result was opened' })
export class SearchClickThrough implements analytics.ClickThrough {
  @Field(() => Int)
  searches!: number;

  @Field(() => Int)
  clickedSearches!: number;

  @Field(() => Float)
  rate!: number;
}

@Resolver()
export class SearchAnalyticsResolver {
  @Authorized('search:entry:read')
  @Mutation(() => SearchQuery, { description: 'Reports the result opened from one of the caller’s searches (for click-through rates)' })
  recordSearchClick(@Ctx() ctx: Ctx, @Args(() => SearchClickArgs) args: SearchClickArgs): Promise<SearchQuery> {
    return analytics.recordSearchClick(ctx, args);
  }

  @Authorized('search:analytics:read')
  @Query(() => [SearchTextStats], { description: 'The most searched texts of a period' })
  topSearches(@Ctx() ctx: Ctx, @Args(() => SearchPeriodArgs) args: SearchPeriodArgs): Promise<SearchTextStats[]> {
    return analytics.topSearches(ctx, args);
  }

  @Authorized('search:analytics:read')
  @Query(() => [SearchTextStats], { description: 'Texts searched in a period that found nothing, most searched first' })
  zeroResultSearches(@Ctx() ctx: Ctx, @Args(() => SearchPeriodArgs) args: SearchPeriodArgs): Promise<SearchTextStats[]> {
    return analytics.zeroResultSearches(ctx, args);
  }

  @Authorized('search:analytics:read')
  @Query(() => SearchClickThrough, { description: 'Click-through rate of the searches of a period' })
  searchClickThrough(@Ctx() ctx: Ctx, @Args(() => SearchPeriodArgs) args: SearchPeriodArgs): Promise<SearchClickThrough> {
    return analytics.clickThrough(ctx, args);
  }
}
