import type { RequestContext } from '../../../shared/context/context.js';
import type { ReferenceResolvers } from '../../../shared/graphql/build-subgraph-schema.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';

type Ctx = RequestContext<SearchLoaders>;

export const searchReferences: ReferenceResolvers = {
  SearchEntry: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.searchEntryById.load(ref.id) },
};
