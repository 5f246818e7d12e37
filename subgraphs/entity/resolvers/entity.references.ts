import type { RequestContext } from '../../../shared/context/context.js';
import type { ReferenceResolvers } from '../../../shared/graphql/build-subgraph-schema.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';

type Ctx = RequestContext<EntityLoaders>;

export const entityReferences: ReferenceResolvers = {
  EntityRecord: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.recordById.load(ref.id) },
};
