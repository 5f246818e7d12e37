import type { RequestContext } from '../../../shared/context/context.js';
import type { ReferenceResolvers } from '../../../shared/graphql/build-subgraph-schema.js';
import type { IdentityLoaders } from '../loaders/identity.loaders.js';

type Ctx = RequestContext<IdentityLoaders>;

/** How the gateway turns `{ __typename, id }` from other subgraphs into our rows: batched. */
export const identityReferences: ReferenceResolvers = {
  User: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.userById.load(ref.id) },
  Tenant: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.tenantById.load(ref.id) },
};
