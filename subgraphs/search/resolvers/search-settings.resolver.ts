import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { SearchLanguage } from '../entities/search-language.enum.js';
import { SearchReindex } from '../entities/search-reindex.entity.js';
import { SearchSettings } from '../entities/search-settings.entity.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';
import * as reindexes from '../services/search-reindex.service.js';
import * as settings from '../services/search-settings.service.js';

type Ctx = RequestContext<SearchLoaders>;

@Resolver()
export class SearchSettingsResolver {
  @Authorized('search:entry:read')
  @Query(() => SearchSettings)
  searchSettings(@Ctx() ctx: Ctx): Promise<SearchSettings> {
    return settings.searchSettings(ctx);
  }

  @Authorized('search:settings:write')
  @Mutation(() => SearchSettings, { description: "Sets the tenant's search language; every entry is re-parsed in it" })
  setSearchLanguage(@Ctx() ctx: Ctx, @Arg('language', () => SearchLanguage) language: SearchLanguage): Promise<SearchSettings> {
    return settings.setSearchLanguage(ctx, language);
  }

  @Authorized('search:index:admin')
  @Mutation(() => SearchReindex, { description: 'Rebuilds the index of one followed kind (record, document, invoice, user) or of all, in the background' })
  reindexSearch(@Ctx() ctx: Ctx, @Arg('kind', () => String, { nullable: true }) kind?: string | null): Promise<SearchReindex> {
    return reindexes.startReindex(ctx, kind ?? null);
  }

  @Authorized('search:index:admin')
  @Query(() => SearchReindex, { description: 'A reindex and its progress' })
  searchReindex(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<SearchReindex> {
    return reindexes.getReindex(ctx, id);
  }
}
