import type DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
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
}

export function createFinanceLoaders(ctx: Omit<RequestContext, 'loaders'>): FinanceLoaders {
  return {
    invoiceById: byIdLoader(ctx.em, Invoice),
    customerById: byIdLoader(ctx.em, Customer),
    productById: byIdLoader(ctx.em, Product),
    priceById: byIdLoader(ctx.em, Price),
    taxRateById: byIdLoader(ctx.em, TaxRate),
    quoteById: byIdLoader(ctx.em, Quote),
  };
}
