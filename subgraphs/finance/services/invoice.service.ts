import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity.js';
import type { CreateInvoiceInput } from '../inputs/create-invoice.input.js';
import type { UpdateInvoiceInput } from '../inputs/update-invoice.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';

type Ctx = RequestContext<FinanceLoaders>;

/**
 * The tenant's next invoice number, INV-000001 style. For now it is the count of the tenant's
 * invoices plus one (the tenant filter scopes the count; invoices are never deleted): two
 * concurrent creates can pick the same number, and the (tenantId, number) unique constraint
 * then rejects the second as CONFLICT. A gap-free, concurrency-safe per-tenant sequence
 * (a counter row taken with SELECT ... FOR UPDATE) comes later.
 */
async function nextInvoiceNumber(ctx: Ctx): Promise<string> {
  const count = await ctx.em.count(Invoice, {});
  return `INV-${String(count + 1).padStart(6, '0')}`;
}

export async function createInvoice(ctx: Ctx, input: CreateInvoiceInput): Promise<Invoice> {
  const tenantId = requireTenant(ctx);
  const ownerId = input.ownerId ?? ctx.caller.userId;
  if (!ownerId) {
    throw new BadUserInputError('ownerId is required when no user is signed in', [
      { field: 'ownerId', message: 'is required when no user is signed in' },
    ]);
  }
  const invoice = ctx.em.create(Invoice, {
    tenantId,
    number: await nextInvoiceNumber(ctx),
    customerName: input.customerName.trim(),
    currency: input.currency,
    totalMinor: input.totalMinor,
    dueDate: input.dueDate ?? null,
    ownerId,
  });
  await ctx.em.flush();
  return invoice;
}

export async function getInvoice(ctx: Ctx, id: string): Promise<Invoice> {
  const invoice = await ctx.loaders.invoiceById.load(id);
  if (!invoice) throw new NotFoundError('Invoice', id);
  return invoice;
}

export async function updateInvoice(ctx: Ctx, id: string, input: UpdateInvoiceInput): Promise<Invoice> {
  requireTenant(ctx);
  const invoice = await getInvoice(ctx, id);
  // What was issued went to the customer: it changes only through a new document (credit note).
  if (invoice.status !== InvoiceStatus.DRAFT) {
    throw new ConflictError(`invoice ${invoice.number} is ${invoice.status}; only a draft can be changed`);
  }
  if (input.customerName != null) invoice.customerName = input.customerName.trim();
  if (input.totalMinor != null) invoice.totalMinor = input.totalMinor;
  if (input.dueDate !== undefined) invoice.dueDate = input.dueDate;
  await ctx.em.flush();
  return invoice;
}

export async function issueInvoice(ctx: Ctx, id: string): Promise<Invoice> {
  requireTenant(ctx);
  const invoice = await getInvoice(ctx, id);
  if (invoice.status !== InvoiceStatus.DRAFT) {
    throw new ConflictError(
      `invoice ${invoice.number} is ${invoice.status}; only a ${InvoiceStatus.DRAFT} invoice can become ${InvoiceStatus.ISSUED}`,
    );
  }
  invoice.status = InvoiceStatus.ISSUED;
  await ctx.em.flush();
  return invoice;
}

export function listInvoices(ctx: Ctx, status: InvoiceStatus | null | undefined, page: PageArgs): Promise<Page<Invoice>> {
  requireTenant(ctx);
  const where: FilterQuery<Invoice> = status ? { status } : {};
  return findPage(ctx.em, Invoice, where, page);
}
