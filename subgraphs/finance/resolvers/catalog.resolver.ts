import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { Price } from '../entities/price.entity.js';
import { Product } from '../entities/product.entity.js';
import { TaxRate } from '../entities/tax-rate.entity.js';
import { CreatePriceInput, CreateProductInput, CreateTaxRateInput } from '../inputs/catalog.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import * as catalog from '../services/catalog.service.js';

type Ctx = RequestContext<FinanceLoaders>;

@ObjectType({ description: 'A page of products' })
export class ProductList extends ListOf(Product) {}

@Resolver(() => Price)
export class CatalogResolver {
  @Authorized('finance:catalog:read')
  @Query(() => ProductList)
  products(@Ctx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs): Promise<ProductList> {
    return catalog.listProducts(ctx, page);
  }

  @Authorized('finance:catalog:read')
  @Query(() => [Price], { description: "A product's prices, or all (up to 500)" })
  prices(@Ctx() ctx: Ctx, @Arg('productId', () => ID, { nullable: true }) productId?: string | null): Promise<Price[]> {
    return catalog.listPrices(ctx, productId);
  }

  @Authorized('finance:catalog:read')
  @Query(() => [TaxRate])
  taxRates(@Ctx() ctx: Ctx): Promise<TaxRate[]> {
    return catalog.listTaxRates(ctx);
  }

  @Authorized('finance:catalog:write')
  @Mutation(() => Product)
  createProduct(@Ctx() ctx: Ctx, @Arg('input', () => CreateProductInput) input: CreateProductInput): Promise<Product> {
    return catalog.createProduct(ctx, input);
  }

  @Authorized('finance:catalog:write')
  @Mutation(() => Price, { description: 'One-off or recurring; per unit, TIERED (graduated) or VOLUME' })
  createPrice(@Ctx() ctx: Ctx, @Arg('input', () => CreatePriceInput) input: CreatePriceInput): Promise<Price> {
    return catalog.createPrice(ctx, input);
  }

  @Authorized('finance:catalog:write')
  @Mutation(() => TaxRate, { description: 'A rate of a jurisdiction for a product tax category' })
  createTaxRate(@Ctx() ctx: Ctx, @Arg('input', () => CreateTaxRateInput) input: CreateTaxRateInput): Promise<TaxRate> {
    return catalog.createTaxRate(ctx, input);
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() price: Price, @Ctx() ctx: Ctx): Promise<Product | null> {
    return ctx.loaders.productById.load(price.productId);
  }
}
