import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import type { Customer } from '../entities/customer.entity.js';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity.js';
import type { CreateInvoiceInput } from '../inputs/create-invoice.input.js';
import type { UpdateInvoiceInput } from '../inputs/update-invoice.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import { priceDocument } from './document-pricing.service.js';
import { Account, post } from './ledger.service.js';
import { divideRounded, toMinor } from './money.js';
import { nextNumber } from './numbering.js';
import { INVOICE_TRANSITIONS, transition } from './status-machine.js';

type Ctx = RequestContext<FinanceLoaders>;

/** A draft has no legal number yet: `DRAFT-<id>` stands in until issuing takes the next `INV-000001`-style number. */
export const draftNumber = (id: string) => `DRAFT-${id}`;

export async function findCustomer(ctx: Ctx, customerId: string | null | undefined): Promise<Customer | null> {
  if (!customerId) return null;
  const customer = await ctx.loaders.customerById.load(customerId);
  if (!customer) throw new BadUserInputError(`customer ${customerId} not found`, [{ field: 'customerId', message: 'no such customer' }]);
  return customer;
}

export async function createInvoice(ctx: Ctx, input: CreateInvoiceInput): Promise<Invoice> {
  const tenantId = requireTenant(ctx);
  const ownerId = input.ownerId ?? ctx.caller.userId;
  if (!ownerId) {
    throw new BadUserInputError('ownerId is required when no user is signed in', [
      { field: 'ownerId', message: 'is required when no user is signed in' },
    ]);
  }
  const customer = await findCustomer(ctx, input.customerId);
  const currency = input.currency ?? customer!.currency;
  if (customer && currency !== customer.currency) {
    throw new BadUserInputError(`currency ${currency} differs from the customer's ${customer.currency}`, [{ field: 'currency', message: `must be the customer's ${customer.currency}` }]);
  }
  const invoice = ctx.em.create(Invoice, {
    tenantId,
    number: '',
    customerId: customer?.id ?? null,
    customerName: input.customerName?.trim() || customer!.name,
    currency,
    totalMinor: input.totalMinor ?? 0,
    subtotalMinor: input.totalMinor ?? 0,
    dueDate: input.dueDate ?? null,
    ownerId,
  });
  invoice.number = draftNumber(invoice.id);
  if (input.lines) await priceDocument(ctx, invoice, customer, input);
  await ctx.em.flush();
  return invoice;
}

export async function getInvoice(ctx: Ctx, id: string): Promise<Invoice> {
  requireTenant(ctx);
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
  if (input.totalMinor != null && invoice.lines.length) {
    throw new BadUserInputError('totalMinor comes from the lines of this invoice', [{ field: 'totalMinor', message: 'comes from the lines; change the lines instead' }]);
  }
  if (input.customerName != null) invoice.customerName = input.customerName.trim();
  if (input.totalMinor != null) invoice.totalMinor = invoice.subtotalMinor = input.totalMinor;
  if (input.dueDate !== undefined) invoice.dueDate = input.dueDate;
  if (input.lines || invoice.lines.length) await priceDocument(ctx, invoice, await findCustomer(ctx, invoice.customerId), input);
  await ctx.em.flush();
  return invoice;
}

/**
 * Moves an invoice along its status machine inside a transaction that holds the invoice's row
 * lock, so two concurrent calls see each other's result (the second gets CONFLICT).
 */
export async function changeInvoiceStatus(
  ctx: Ctx,
  id: string,
  to: InvoiceStatus,
  effect?: (em: EntityManager, invoice: Invoice) => Promise<void>,
): Promise<Invoice> {
  const tenantId = requireTenant(ctx);
  return await ctx.em.transactional(async (em) => {
    const invoice = await em.findOne(Invoice, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!invoice) throw new NotFoundError('Invoice', id);
    const from = invoice.status;
    transition(INVOICE_TRANSITIONS, 'invoice', invoice, to);
    if (to === InvoiceStatus.ISSUED) {
      invoice.number = await nextNumber(em, tenantId, 'invoice');
      invoice.issuedAt = new Date();
    }
    postStatusChange(em, tenantId, invoice, from, to);
    await effect?.(em, invoice);
    return invoice;
  });
}

/** What is still owed on an invoice. */
export const amountDue = (invoice: Invoice) => invoice.totalMinor - invoice.amountPaidMinor - invoice.creditedMinor;

/** Splits an amount of an invoice into net and tax in the invoice's own proportion, the tax rounded half up. */
export function netAndTax(invoice: Invoice, amountMinor: number): [number, number] {
  if (!invoice.taxMinor || !invoice.totalMinor) return [amountMinor, 0];
  const tax = toMinor(divideRounded(BigInt(amountMinor) * BigInt(invoice.taxMinor), BigInt(invoice.totalMinor), 'HALF_UP'));
  return [amountMinor - tax, tax];
}

/**
 * The ledger side of a status change: issuing books the receivable against revenue and tax;
 * voiding takes back what is still owed; writing off moves it to bad debt.
 */
function postStatusChange(em: EntityManager, tenantId: string, invoice: Invoice, from: InvoiceStatus, to: InvoiceStatus): void {
  const source = { type: 'Invoice', id: invoice.id };
  if (to === InvoiceStatus.ISSUED) {
    post(em, tenantId, invoice.currency, source, [
      { account: Account.RECEIVABLE, debitMinor: invoice.totalMinor },
      { account: Account.REVENUE, creditMinor: invoice.totalMinor - invoice.taxMinor },
      { account: Account.TAX_PAYABLE, creditMinor: invoice.taxMinor },
    ]);
  } else if (to === InvoiceStatus.VOID && from === InvoiceStatus.ISSUED) {
    if (invoice.amountPaidMinor > 0) throw new ConflictError(`invoice ${invoice.number} has payments; refund them or issue a credit note instead of voiding it`);
    const due = amountDue(invoice);
    const [net, tax] = netAndTax(invoice, due);
    post(em, tenantId, invoice.currency, source, [
      { account: Account.REVENUE, debitMinor: net },
      { account: Account.TAX_PAYABLE, debitMinor: tax },
      { account: Account.RECEIVABLE, creditMinor: due },
    ]);
  } else if (to === InvoiceStatus.UNCOLLECTIBLE) {
    const due = amountDue(invoice);
    post(em, tenantId, invoice.currency, source, [
      { account: Account.BAD_DEBT, debitMinor: due },
      { account: Account.RECEIVABLE, creditMinor: due },
    ]);
  }
}

export const issueInvoice = (ctx: Ctx, id: string) => changeInvoiceStatus(ctx, id, InvoiceStatus.ISSUED);
export const voidInvoice = (ctx: Ctx, id: string) => changeInvoiceStatus(ctx, id, InvoiceStatus.VOID);
export const markInvoiceUncollectible = (ctx: Ctx, id: string) => changeInvoiceStatus(ctx, id, InvoiceStatus.UNCOLLECTIBLE);

export function listInvoices(ctx: Ctx, filter: { status?: InvoiceStatus | null; customerId?: string | null }, page: PageArgs): Promise<Page<Invoice>> {
  requireTenant(ctx);
  const where: FilterQuery<Invoice> = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
  };
  return findPage(ctx.em, Invoice, where, page);
}
