import type { RequestContext } from '../../../shared/context/context.js';
import type { ReferenceResolvers } from '../../../shared/graphql/build-subgraph-schema.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';

type Ctx = RequestContext<AnalyticsLoaders>;

export const analyticsReferences: ReferenceResolvers = {
  AnalyticsEvent: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.eventById.load(ref.id) },
};
