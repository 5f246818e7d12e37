import { allocateMinor, assertMinor, divideRounded, toMinor, type RoundingMode } from './money.js';

/** Rates are parts per million: 19% is 190_000, 8.875% is 88_750 (exact for any published rate). */
export const PPM = 1_000_000;

/** Where tax is rounded to whole minor units: on every line, or once per rate on the invoice's sum. */
export enum TaxRounding {
  LINE = 'LINE',
  INVOICE = 'INVOICE',
}

export interface TaxRateSpec {
  id: string;
  name: string;
  jurisdiction: string;
  ratePpm: number;
}

export interface LineSpec {
  quantity: number;
  unitAmountMinor: number | null;
  /** The priced amount when it is not quantity × unit amount (tiered and volume prices). */
  amountMinor?: number;
  /** Taken off this line before tax, in minor units. */
  discountMinor?: number;
  /** Every rate applies to the same base (several taxes per line, none compounding). */
  taxes: TaxRateSpec[];
}

export interface TotalsOptions {
  currency: string;
  /** True when unit amounts already contain the tax (consumer prices); false when tax is added. */
  taxInclusive: boolean;
  rounding: TaxRounding;
  roundingMode?: RoundingMode;
  /** A discount on the whole invoice, spread over the lines in proportion to their amounts before tax. */
  invoiceDiscountMinor?: number;
}

export interface LineTotals {
  /** quantity × unit amount, as priced (incl. tax when inclusive). */
  amountMinor: number;
  discountMinor: number;
  /** The taxable base, tax excluded. */
  netMinor: number;
  taxMinor: number;
  /** What the customer pays for the line. */
  totalMinor: number;
  taxes: { rateId: string; amountMinor: number }[];
}

export interface TaxLine extends TaxRateSpec {
  taxableMinor: number;
  amountMinor: number;
}

export interface InvoiceTotals {
  lines: LineTotals[];
  /** Sum of the lines' amounts before discounts. */
  amountMinor: number;
  discountMinor: number;
  /** Sum of net (tax-exclusive) amounts after discounts. */
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** One per rate used, in the order first met. */
  taxLines: TaxLine[];
}

/** An exact fraction of a minor unit, kept until the configured place of rounding. */
interface Fraction {
  num: bigint;
  den: bigint;
}
const add = (a: Fraction, b: Fraction): Fraction => (a.den === b.den ? { num: a.num + b.num, den: a.den } : { num: a.num * b.den + b.num * a.den, den: a.den * b.den });

/**
 * Lines, discounts and taxes to totals, with rounding where the tenant configured it.
 *
 * Exclusive: each rate's tax is net × rate. Inclusive: the line's amount is the gross, and each
 * rate's share of it is gross × rate / (1 + Σ rates); the net is what is left, so the line's total
 * is exactly the price shown. With LINE rounding every line's every tax is rounded; with INVOICE
 * rounding the exact per-rate sums are rounded once, which can differ from LINE by a cent or two
 * on many-line invoices: that difference is the reason the choice exists.
 */
export function computeTotals(lines: LineSpec[], options: TotalsOptions): InvoiceTotals {
  const mode = options.roundingMode ?? 'HALF_UP';
  const amounts = lines.map((line) =>
    assertMinor(line.amountMinor ?? assertMinor(line.quantity, 'quantity') * assertMinor(line.unitAmountMinor ?? NaN, 'unitAmountMinor')),
  );
  const invoiceDiscount = assertMinor(options.invoiceDiscountMinor ?? 0, 'invoiceDiscountMinor');
  const lineDiscounts = lines.map((line) => assertMinor(line.discountMinor ?? 0, 'discountMinor'));
  const afterLineDiscount = amounts.map((amount, i) => amount - lineDiscounts[i]);
  // A credit line (a proration) is negative by itself; a discount never takes a line below zero.
  if (afterLineDiscount.some((a, i) => lineDiscounts[i] > 0 && a < 0)) throw new RangeError('a line discount exceeds its line amount');
  const afterLineTotal = afterLineDiscount.reduce((s, a) => s + a, 0);
  if (invoiceDiscount > afterLineTotal) throw new RangeError('the invoice discount exceeds the invoice amount');
  const shares = invoiceDiscount ? allocateMinor(invoiceDiscount, afterLineDiscount, options.currency) : lines.map(() => 0);

  const taxLines = new Map<string, TaxLine & { exact: Fraction }>();
  const lineTotals: LineTotals[] = lines.map((line, i) => {
    const discounted = afterLineDiscount[i] - shares[i];
    const totalPpm = BigInt(line.taxes.reduce((s, t) => s + t.ratePpm, 0));
    const base = BigInt(discounted);
    const exact = line.taxes.map((t) =>
      options.taxInclusive ? { num: base * BigInt(t.ratePpm), den: BigInt(PPM) + totalPpm } : { num: base * BigInt(t.ratePpm), den: BigInt(PPM) },
    );
    const rounded = exact.map((f) => toMinor(divideRounded(f.num, f.den, mode)));
    const lineTax = rounded.reduce((s, a) => s + a, 0);
    const net = options.taxInclusive ? discounted - lineTax : discounted;
    line.taxes.forEach((t, k) => {
      const entry = taxLines.get(t.id) ?? { ...t, taxableMinor: 0, amountMinor: 0, exact: { num: 0n, den: 1n } };
      entry.taxableMinor += net;
      entry.amountMinor += rounded[k];
      entry.exact = add(entry.exact, exact[k]);
      taxLines.set(t.id, entry);
    });
    return {
      amountMinor: amounts[i],
      discountMinor: lineDiscounts[i] + shares[i],
      netMinor: net,
      taxMinor: lineTax,
      totalMinor: net + lineTax,
      taxes: line.taxes.map((t, k) => ({ rateId: t.id, amountMinor: rounded[k] })),
    };
  });

  if (options.rounding === TaxRounding.INVOICE) {
    for (const entry of taxLines.values()) entry.amountMinor = toMinor(divideRounded(entry.exact.num, entry.exact.den, mode));
  }
  const tax = [...taxLines.values()].reduce((s, t) => s + t.amountMinor, 0);
  const gross = afterLineTotal - invoiceDiscount;
  // Inclusive: the customer pays the prices shown, tax is inside them; exclusive: tax on top.
  const subtotal = options.taxInclusive ? gross - tax : gross;
  return {
    lines: lineTotals,
    amountMinor: amounts.reduce((s, a) => s + a, 0),
    discountMinor: lineDiscounts.reduce((s, a) => s + a, 0) + invoiceDiscount,
    subtotalMinor: subtotal,
    taxMinor: tax,
    totalMinor: subtotal + tax,
    taxLines: [...taxLines.values()].map(({ exact: _exact, ...line }) => line),
  };
}
