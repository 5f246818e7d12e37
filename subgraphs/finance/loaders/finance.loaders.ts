import type DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { byIdLoader } from '../../../shared/loaders/by-id-loader.js';
import { Invoice } from '../entities/invoice.entity.js';

export interface FinanceLoaders {
  invoiceById: DataLoader<string, Invoice | null>;
}

export function createFinanceLoaders(ctx: Omit<RequestContext, 'loaders'>): FinanceLoaders {
  return { invoiceById: byIdLoader(ctx.em, Invoice) };
}
