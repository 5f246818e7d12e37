import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import { CreditNote } from '../entities/credit-note.entity.js';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity.js';
import { Payment, PaymentStatus } from '../entities/payment.entity.js';
import { Refund } from '../entities/refund.entity.js';
import type { CreateCreditNoteInput, RecordPaymentInput, RefundPaymentInput } from '../inputs/payment.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import { idempotent } from './idempotency.js';
import { amountDue, netAndTax } from './invoice.service.js';
import { Account, post } from './ledger.service.js';
import { nextNumber } from './numbering.js';
import { getConfig } from '../../../shared/config/config.js';
import { manualProvider, type PaymentProvider } from './payment-provider.js';
import { stripeProvider } from './stripe-provider.js';
import { INVOICE_TRANSITIONS, transition } from './status-machine.js';

type Ctx = RequestContext<FinanceLoaders>;

/** The provider of that name; Stripe only when it is configured (STRIPE_SECRET_KEY). */
export function paymentProvider(name: string): PaymentProvider {
  if (name === 'manual') return manualProvider;
  const stripe = getConfig().stripe;
  if (name === 'stripe' && stripe) return stripeProvider(stripe);
  throw new BadUserInputError(`payment provider ${name} is not configured`, [{ field: 'provider', message: name === 'stripe' ? 'Stripe is not configured here' : 'is not a provider' }]);
}

/** A pending charge's client secret, asked of its provider (never stored); null once settled. */
export async function clientSecretOf(payment: Payment): Promise<string | null> {
  if (payment.status !== PaymentStatus.PENDING) return null;
  const provider = paymentProvider(payment.provider);
  return provider.clientSecret ? await provider.clientSecret(payment.providerRef) : null;
}

/** The invoice under its row lock, open for money: issued or written off; CONFLICT otherwise. */
async function lockOpenInvoice(em: EntityManager, id: string): Promise<Invoice> {
  const invoice = await em.findOne(Invoice, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!invoice) throw new NotFoundError('Invoice', id);
  if (invoice.status !== InvoiceStatus.ISSUED && invoice.status !== InvoiceStatus.UNCOLLECTIBLE) {
    throw new ConflictError(`invoice ${invoice.number} is ${invoice.status}; only an issued or uncollectible invoice takes payments and credit notes`);
  }
  return invoice;
}

function atMostDue(invoice: Invoice, amountMinor: number): void {
  const due = amountDue(invoice);
  if (amountMinor > due) throw new BadUserInputError(`amountMinor ${amountMinor} exceeds the ${due} still due on ${invoice.number}`, [{ field: 'amountMinor', message: `exceeds the ${due} still due` }]);
}

/** Settles the invoice once nothing is due. */
function settleIfDue(invoice: Invoice): void {
  if (amountDue(invoice) === 0) transition(INVOICE_TRANSITIONS, 'invoice', invoice, InvoiceStatus.PAID);
}

/**
 * A payment of part or all of what an invoice still owes. Posts cash against the receivable (or,
 * on a written-off invoice, against bad debt: a recovery), and settles the invoice when it is covered.
 */
export async function recordPayment(ctx: Ctx, input: RecordPaymentInput, key: string): Promise<Payment> {
  const tenantId = requireTenant(ctx);
  const provider = paymentProvider(input.provider ?? 'manual');
  return await ctx.em.transactional((em) =>
    idempotent(em, tenantId, key, 'recordPayment', { ...input }, Payment, async () => {
      const invoice = await lockOpenInvoice(em, input.invoiceId);
      atMostDue(invoice, input.amountMinor);
      const charge = await provider.charge({ tenantId, amountMinor: input.amountMinor, currency: invoice.currency, invoiceId: invoice.id, idempotencyKey: key, reference: input.reference });
      const payment = em.create(Payment, {
        tenantId,
        invoiceId: invoice.id,
        provider: provider.name,
        providerRef: charge.providerRef,
        currency: invoice.currency,
        amountMinor: input.amountMinor,
        status: charge.status === 'succeeded' ? PaymentStatus.SUCCEEDED : PaymentStatus.PENDING,
      });
      if (payment.status === PaymentStatus.SUCCEEDED) applyPayment(em, invoice, payment);
      payment.clientSecret = charge.clientSecret ?? null;
      return payment;
    }),
  );
}

/** Books a succeeded payment on its invoice (also used when a provider confirms a pending one). */
export function applyPayment(em: EntityManager, invoice: Invoice, payment: Payment): void {
  const against = invoice.status === InvoiceStatus.UNCOLLECTIBLE ? Account.BAD_DEBT : Account.RECEIVABLE;
  post(em, invoice.tenantId, invoice.currency, { type: 'Payment', id: payment.id }, [
    { account: Account.CASH, debitMinor: payment.amountMinor },
    { account: against, creditMinor: payment.amountMinor },
  ]);
  invoice.amountPaidMinor += payment.amountMinor;
  settleIfDue(invoice);
}

/**
 * Gives money back from a succeeded payment, up to what it has not refunded yet. The invoice is not
 * reopened: the money goes out of cash against refunds (a contra-revenue account); to lower what an
 * open invoice asks, issue a credit note.
 */
export async function refundPayment(ctx: Ctx, input: RefundPaymentInput, key: string): Promise<Refund> {
  const tenantId = requireTenant(ctx);
  return await ctx.em.transactional((em) =>
    idempotent(em, tenantId, key, 'refundPayment', { ...input }, Refund, async () => {
      const payment = await em.findOne(Payment, input.paymentId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!payment) throw new NotFoundError('Payment', input.paymentId);
      if (payment.status !== PaymentStatus.SUCCEEDED) throw new ConflictError(`payment ${payment.id} is ${payment.status}; only a succeeded payment can be refunded`);
      const left = payment.amountMinor - payment.refundedMinor;
      if (input.amountMinor > left) throw new BadUserInputError(`amountMinor ${input.amountMinor} exceeds the ${left} not yet refunded`, [{ field: 'amountMinor', message: `exceeds the ${left} not yet refunded` }]);
      const done = await paymentProvider(payment.provider).refund({ tenantId, providerRef: payment.providerRef, amountMinor: input.amountMinor, idempotencyKey: key });
      const refund = em.create(Refund, { tenantId, paymentId: payment.id, invoiceId: payment.invoiceId, providerRef: done.providerRef, currency: payment.currency, amountMinor: input.amountMinor, reason: input.reason ?? null });
      payment.refundedMinor += input.amountMinor;
      post(em, tenantId, payment.currency, { type: 'Refund', id: refund.id }, [
        { account: Account.REFUNDS, debitMinor: input.amountMinor },
        { account: Account.CASH, creditMinor: input.amountMinor },
      ]);
      return refund;
    }),
  );
}

/**
 * Lowers what an issued invoice asks by an amount (tax included), split into net and tax in the
 * invoice's proportion and numbered in the tenant's gap-free CN- series. Settles the invoice when
 * nothing is left to pay.
 */
export async function createCreditNote(ctx: Ctx, input: CreateCreditNoteInput, key: string): Promise<CreditNote> {
  const tenantId = requireTenant(ctx);
  return await ctx.em.transactional((em) =>
    idempotent(em, tenantId, key, 'createCreditNote', { ...input }, CreditNote, async () => {
      const invoice = await lockOpenInvoice(em, input.invoiceId);
      atMostDue(invoice, input.amountMinor);
      const [net, tax] = netAndTax(invoice, input.amountMinor);
      const note = em.create(CreditNote, { tenantId, number: await nextNumber(em, tenantId, 'creditNote'), invoiceId: invoice.id, currency: invoice.currency, amountMinor: input.amountMinor, taxMinor: tax, reason: input.reason ?? null });
      const against = invoice.status === InvoiceStatus.UNCOLLECTIBLE ? Account.BAD_DEBT : Account.RECEIVABLE;
      post(em, tenantId, invoice.currency, { type: 'CreditNote', id: note.id }, [
        { account: Account.REVENUE, debitMinor: net },
        { account: Account.TAX_PAYABLE, debitMinor: tax },
        { account: against, creditMinor: input.amountMinor },
      ]);
      invoice.creditedMinor += input.amountMinor;
      settleIfDue(invoice);
      return note;
    }),
  );
}

export async function listPayments(ctx: Ctx, invoiceId: string): Promise<Payment[]> {
  requireTenant(ctx);
  return await ctx.em.find(Payment, { invoiceId }, { orderBy: { id: 'asc' } });
}

export async function listRefunds(ctx: Ctx, invoiceId: string): Promise<Refund[]> {
  requireTenant(ctx);
  return await ctx.em.find(Refund, { invoiceId }, { orderBy: { id: 'asc' } });
}

export async function listCreditNotes(ctx: Ctx, invoiceId: string): Promise<CreditNote[]> {
  requireTenant(ctx);
  return await ctx.em.find(CreditNote, { invoiceId }, { orderBy: { id: 'asc' } });
}
