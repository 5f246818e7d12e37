import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, NotFoundError } from '../../../shared/errors/errors.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { Meter } from '../entities/meter.entity.js';
import { Price, PriceType } from '../entities/price.entity.js';
import { Product } from '../entities/product.entity.js';
import { TaxRate } from '../entities/tax-rate.entity.js';
import type { CreatePriceInput, CreateProductInput, CreateTaxRateInput } from '../inputs/catalog.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import { PricingScheme } from './pricing.js';

type Ctx = RequestContext<FinanceLoaders>;

export async function createProduct(ctx: Ctx, input: CreateProductInput): Promise<Product> {
  const tenantId = requireTenant(ctx);
  const product = ctx.em.create(Product, { tenantId, name: input.name.trim(), taxCategory: input.taxCategory ?? 'standard' });
  await ctx.em.flush();
  return product;
}

export function listProducts(ctx: Ctx, page: PageArgs): Promise<Page<Product>> {
  requireTenant(ctx);
  return findPage(ctx.em, Product, {}, page);
}

export async function createPrice(ctx: Ctx, input: CreatePriceInput): Promise<Price> {
  const tenantId = requireTenant(ctx);
  const product = await ctx.loaders.productById.load(input.productId);
  if (!product) throw new BadUserInputError(`product ${input.productId} not found`, [{ field: 'productId', message: 'no such product' }]);
  if (input.meterKey && !(await ctx.em.findOne(Meter, { key: input.meterKey }))) {
    throw new BadUserInputError(`meter ${input.meterKey} not found`, [{ field: 'meterKey', message: 'no such meter' }]);
  }
  const perUnit = input.scheme === PricingScheme.PER_UNIT;
  const price = ctx.em.create(Price, {
    tenantId,
    productId: product.id,
    currency: input.currency,
    type: input.type,
    scheme: input.scheme,
    unitAmountMinor: perUnit ? input.unitAmountMinor : null,
    tiers: perUnit ? null : input.tiers!.map((t) => ({ upTo: t.upTo, unitAmountMinor: t.unitAmountMinor, ...(t.flatAmountMinor ? { flatAmountMinor: t.flatAmountMinor } : {}) })),
    interval: input.type === PriceType.RECURRING ? input.interval : null,
    intervalCount: input.intervalCount ?? 1,
    meterKey: input.meterKey ?? null,
  });
  await ctx.em.flush();
  return price;
}

export async function getPrice(ctx: Ctx, id: string): Promise<Price> {
  requireTenant(ctx);
  const price = await ctx.loaders.priceById.load(id);
  if (!price) throw new NotFoundError('Price', id);
  return price;
}

export async function listPrices(ctx: Ctx, productId: string | null | undefined): Promise<Price[]> {
  requireTenant(ctx);
  return await ctx.em.find(Price, productId ? { productId } : {}, { orderBy: { id: 'asc' }, limit: 500 });
}

export async function createTaxRate(ctx: Ctx, input: CreateTaxRateInput): Promise<TaxRate> {
  const tenantId = requireTenant(ctx);
  const rate = ctx.em.create(TaxRate, { tenantId, name: input.name.trim(), jurisdiction: input.jurisdiction, category: input.category ?? 'standard', ratePpm: input.ratePpm });
  await ctx.em.flush();
  return rate;
}

export async function listTaxRates(ctx: Ctx): Promise<TaxRate[]> {
  requireTenant(ctx);
  return await ctx.em.find(TaxRate, {}, { orderBy: { jurisdiction: 'asc', category: 'asc', id: 'asc' }, limit: 1000 });
}
