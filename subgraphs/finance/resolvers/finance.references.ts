import type { RequestContext } from '../../../shared/context/context.js';
import type { ReferenceResolvers } from '../../../shared/graphql/build-subgraph-schema.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';

type Ctx = RequestContext<FinanceLoaders>;

export const financeReferences: ReferenceResolvers = {
  Invoice: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.invoiceById.load(ref.id) },
  Customer: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.customerById.load(ref.id) },
  BillingSubscription: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.subscriptionById.load(ref.id) },
};
