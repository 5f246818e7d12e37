import { ConflictError } from '../../../shared/errors/errors.js';
import { InvoiceStatus } from '../entities/invoice.entity.js';
import { QuoteStatus } from '../entities/quote.entity.js';

/** For each state, the states it may move to; anything else is refused as CONFLICT. */
type Transitions<S extends string> = Record<S, readonly S[]>;

export const INVOICE_TRANSITIONS: Transitions<InvoiceStatus> = {
  [InvoiceStatus.DRAFT]: [InvoiceStatus.ISSUED, InvoiceStatus.VOID],
  [InvoiceStatus.ISSUED]: [InvoiceStatus.PAID, InvoiceStatus.VOID, InvoiceStatus.UNCOLLECTIBLE],
  // Written off, but a late payment still settles it, and it can still be voided.
  [InvoiceStatus.UNCOLLECTIBLE]: [InvoiceStatus.PAID, InvoiceStatus.VOID],
  [InvoiceStatus.PAID]: [],
  [InvoiceStatus.VOID]: [],
};

export const QUOTE_TRANSITIONS: Transitions<QuoteStatus> = {
  [QuoteStatus.DRAFT]: [QuoteStatus.SENT],
  [QuoteStatus.SENT]: [QuoteStatus.ACCEPTED],
  [QuoteStatus.ACCEPTED]: [QuoteStatus.INVOICED],
  [QuoteStatus.INVOICED]: [],
};

/** Moves `doc` to `to`, or throws CONFLICT naming where it is and what it may become. */
export function transition<S extends string>(table: Transitions<S>, kind: string, doc: { number: string; status: S }, to: S): void {
  const allowed = table[doc.status];
  if (!allowed.includes(to)) {
    const next = allowed.length ? `it can only become ${allowed.join(' or ')}` : 'that is final';
    throw new ConflictError(`${kind} ${doc.number} is ${doc.status}; it cannot become ${to} (${next})`);
  }
  doc.status = to;
}
