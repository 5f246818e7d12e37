import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { NotFoundError } from '../../../shared/errors/errors.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { Customer } from '../entities/customer.entity.js';
import type { CreateCustomerInput, UpdateCustomerInput } from '../inputs/customer.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';

type Ctx = RequestContext<FinanceLoaders>;

export async function createCustomer(ctx: Ctx, input: CreateCustomerInput): Promise<Customer> {
  const tenantId = requireTenant(ctx);
  const customer = ctx.em.create(Customer, {
    tenantId,
    name: input.name.trim(),
    email: input.email?.trim() ?? null,
    currency: input.currency,
    taxJurisdiction: input.taxJurisdiction ?? null,
    entityRecordId: input.entityRecordId ?? null,
  });
  await ctx.em.flush();
  return customer;
}

export async function getCustomer(ctx: Ctx, id: string): Promise<Customer> {
  requireTenant(ctx);
  const customer = await ctx.loaders.customerById.load(id);
  if (!customer) throw new NotFoundError('Customer', id);
  return customer;
}

/** The currency stays: invoices already issued in it would no longer match their customer. */
export async function updateCustomer(ctx: Ctx, id: string, input: UpdateCustomerInput): Promise<Customer> {
  const customer = await getCustomer(ctx, id);
  if (input.name != null) customer.name = input.name.trim();
  if (input.email !== undefined) customer.email = input.email?.trim() ?? null;
  if (input.taxJurisdiction !== undefined) customer.taxJurisdiction = input.taxJurisdiction;
  if (input.entityRecordId !== undefined) customer.entityRecordId = input.entityRecordId;
  await ctx.em.flush();
  return customer;
}

export function listCustomers(ctx: Ctx, page: PageArgs): Promise<Page<Customer>> {
  requireTenant(ctx);
  return findPage(ctx.em, Customer, {}, page);
}
