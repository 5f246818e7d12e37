import type DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { byParentLoader } from '../../../shared/loaders/by-parent-loader.js';
import { BillingSubscription } from '../entities/billing-subscription.entity.js';
import { Customer } from '../entities/customer.entity.js';
import { Invoice } from '../entities/invoice.entity.js';
import { Price } from '../entities/price.entity.js';
import { Product } from '../entities/product.entity.js';
import { Quote } from '../entities/quote.entity.js';
import { TaxRate } from '../entities/tax-rate.entity.js';

export interface FinanceLoaders {
  invoiceById: DataLoader<string, Invoice | null>;
  customerById: DataLoader<string, Customer | null>;
  productById: DataLoader<string, Product | null>;
  priceById: DataLoader<string, Price | null>;
  taxRateById: DataLoader<string, TaxRate | null>;
  quoteById: DataLoader<string, Quote | null>;
  subscriptionById: DataLoader<string, BillingSubscription | null>;
  /** A subscription's invoices, oldest first. */
  invoicesBySubscription: DataLoader<string, Invoice[]>;
}

export function createFinanceLoaders(ctx: Omit<RequestContext, 'loaders'>): FinanceLoaders {
  return {
    invoiceById: byIdLoader(ctx.em, Invoice),
    customerById: byIdLoader(ctx.em, Customer),
    productById: byIdLoader(ctx.em, Product),
    priceById: byIdLoader(ctx.em, Price),
    taxRateById: byIdLoader(ctx.em, TaxRate),
    quoteById: byIdLoader(ctx.em, Quote),
    subscriptionById: byIdLoader(ctx.em, BillingSubscription),
    invoicesBySubscription: byParentLoader(ctx.em, Invoice, 'subscriptionId', { id: 'asc' }),
  };
}

/**
 * The request's context on a transaction's EntityManager, with loaders of its own: what a service
 * reads or writes through it is inside the transaction (on embedded PGlite's single connection,
 * a read outside a running transaction would wait for it for ever).
 */
export function inTransaction<C extends RequestContext<FinanceLoaders>>(ctx: C, em: RequestContext['em']): C {
  const base = { ...ctx, em };
  return { ...base, loaders: createFinanceLoaders(base) };
}
