import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, NotFoundError } from '../../../shared/errors/errors.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { findPage } from '../../../shared/orm/find-page.js';
import { Customer } from '../entities/customer.entity.js';
import { Invoice } from '../entities/invoice.entity.js';
import type { PricedDocument } from '../entities/priced-document.entity.js';
import { Quote, QuoteStatus } from '../entities/quote.entity.js';
import type { CreateQuoteInput } from '../inputs/create-quote.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import { priceDocument } from './document-pricing.service.js';
import { draftNumber, findCustomer } from './invoice.service.js';
import { nextNumber } from './numbering.js';
import { QUOTE_TRANSITIONS, transition } from './status-machine.js';

type Ctx = RequestContext<FinanceLoaders>;

/** What an invoice takes over from its quote as it is. */
const PRICED_FIELDS = ['customerId', 'lines', 'discountMinor', 'documentDiscountMinor', 'subtotalMinor', 'taxMinor', 'taxLines', 'taxInclusive', 'taxRounding'] as const satisfies (keyof PricedDocument)[];

export async function createQuote(ctx: Ctx, input: CreateQuoteInput): Promise<Quote> {
  const tenantId = requireTenant(ctx);
  const ownerId = ctx.caller.userId;
  if (!ownerId) throw new BadUserInputError('a quote is made by a signed-in user');
  const customer = (await findCustomer(ctx, input.customerId))!;
  const quote = ctx.em.create(Quote, { tenantId, number: '', customerId: customer.id, currency: customer.currency, totalMinor: 0, validUntil: input.validUntil ?? null, ownerId });
  await priceDocument(ctx, quote, customer, input);
  // Quote numbers need only be unique, not gap-free: taken in its own statement, outside a transaction.
  quote.number = await nextNumber(ctx.em, tenantId, 'quote');
  await ctx.em.flush();
  return quote;
}

export async function getQuote(ctx: Ctx, id: string): Promise<Quote> {
  requireTenant(ctx);
  const quote = await ctx.loaders.quoteById.load(id);
  if (!quote) throw new NotFoundError('Quote', id);
  return quote;
}

/** Moves a quote along draft → sent → accepted under its row lock; anything else is CONFLICT. */
export async function changeQuoteStatus(ctx: Ctx, id: string, to: QuoteStatus): Promise<Quote> {
  requireTenant(ctx);
  return await ctx.em.transactional(async (em) => {
    const quote = await em.findOne(Quote, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!quote) throw new NotFoundError('Quote', id);
    transition(QUOTE_TRANSITIONS, 'quote', quote, to);
    return quote;
  });
}

/** An accepted quote becomes a draft invoice with the same customer, lines, discount and tax settings; once. */
export async function invoiceQuote(ctx: Ctx, id: string): Promise<Invoice> {
  const tenantId = requireTenant(ctx);
  return await ctx.em.transactional(async (em) => {
    const quote = await em.findOne(Quote, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!quote) throw new NotFoundError('Quote', id);
    transition(QUOTE_TRANSITIONS, 'quote', quote, QuoteStatus.INVOICED);
    const customer = quote.customerId ? await em.findOne(Customer, quote.customerId) : null;
    const priced = Object.fromEntries(PRICED_FIELDS.map((field) => [field, quote[field]]));
    const invoice = em.create(Invoice, { ...priced, tenantId, currency: quote.currency, totalMinor: quote.totalMinor, number: '', customerName: customer?.name ?? '', quoteId: quote.id, ownerId: quote.ownerId });
    invoice.number = draftNumber(invoice.id);
    quote.invoiceId = invoice.id;
    return invoice;
  });
}

export function listQuotes(ctx: Ctx, status: QuoteStatus | null | undefined, page: PageArgs): Promise<Page<Quote>> {
  requireTenant(ctx);
  return findPage(ctx.em, Quote, status ? { status } : {}, page);
}
