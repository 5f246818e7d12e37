import type { RequestContext } from '../../../shared/context/context.js';
import type { ReferenceResolvers } from '../../../shared/graphql/build-subgraph-schema.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';

type Ctx = RequestContext<DocumentLoaders>;

export const documentReferences: ReferenceResolvers = {
  Document: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.documentById.load(ref.id) },
};
