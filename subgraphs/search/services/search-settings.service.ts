import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { engineFor } from '../engine/engine-for.js';
import type { SearchLanguage } from '../entities/search-language.enum.js';
import { SearchSettings } from '../entities/search-settings.entity.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';

type Ctx = RequestContext<SearchLoaders>;

/** The tenant's settings; defaults (not stored) when it never changed them. */
export async function searchSettings(ctx: Ctx): Promise<SearchSettings> {
  const tenantId = requireTenant(ctx);
  return (await ctx.em.findOne(SearchSettings, { tenantId })) ?? Object.assign(new SearchSettings(), { tenantId });
}

/** Sets the language entries and queries are parsed in; every entry is re-parsed at once. */
export async function setSearchLanguage(ctx: Ctx, language: SearchLanguage): Promise<SearchSettings> {
  const tenantId = requireTenant(ctx);
  await engineFor(tenantId).setLanguage({ em: ctx.em, tenantId }, language);
  return searchSettings(ctx);
}
