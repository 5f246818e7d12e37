import { allocateMinor, currencyExponent, currencyOf, divideRounded, formatMinor } from './money.js';
import { computeTotals, TaxRounding, type TaxRateSpec } from './invoice-totals.js';
import { priceAmount, PricingScheme, tierProblem } from './pricing.js';

const rate = (id: string, percentPpm: number, jurisdiction = 'DE'): TaxRateSpec => ({ id, name: id, jurisdiction, ratePpm: percentPpm });
const VAT19 = rate('vat19', 190_000);

describe('money', () => {
  it('rounds halves away from zero (HALF_UP) or to even (HALF_EVEN), on both signs', () => {
    expect([divideRounded(5n, 2n, 'HALF_UP'), divideRounded(5n, 2n, 'HALF_EVEN'), divideRounded(7n, 2n, 'HALF_EVEN')]).toEqual([3n, 2n, 4n]);
    expect([divideRounded(-5n, 2n, 'HALF_UP'), divideRounded(-5n, 2n, 'HALF_EVEN'), divideRounded(-7n, 3n, 'HALF_UP')]).toEqual([-3n, -2n, -2n]);
    expect(divideRounded(14n, 10n, 'HALF_UP')).toBe(1n);
    expect(() => divideRounded(1n, 0n, 'HALF_UP')).toThrow('division by zero');
  });

  it('knows ISO 4217 exponents and refuses what is not a currency', () => {
    expect([currencyExponent('EUR'), currencyExponent('JPY'), currencyExponent('KWD')]).toEqual([2, 0, 3]);
    expect(currencyOf('XYZ')).toBeUndefined();
    expect(currencyOf('eur')).toBeUndefined();
  });

  it('allocates without losing or making a cent', () => {
    expect(allocateMinor(100, [1, 1, 1], 'EUR')).toEqual([34, 33, 33]);
    expect(allocateMinor(100, [1000, 3000], 'EUR')).toEqual([25, 75]);
    expect(allocateMinor(7, [0, 0], 'EUR')).toEqual([4, 3]);
  });

  it('formats with the currency’s own digits', () => {
    expect([formatMinor(123456, 'EUR'), formatMinor(1234, 'JPY'), formatMinor(5, 'KWD'), formatMinor(-5, 'EUR')]).toEqual([
      '1,234.56 EUR',
      '1,234 JPY',
      '0.005 KWD',
      '-0.05 EUR',
    ]);
  });
});

describe('pricing', () => {
  const tiers = [
    { upTo: 10, unitAmountMinor: 500 },
    { upTo: 50, unitAmountMinor: 400 },
    { upTo: null, unitAmountMinor: 300 },
  ];

  it('prices per unit, graduated tiers and volume tiers', () => {
    expect(priceAmount({ scheme: PricingScheme.PER_UNIT, unitAmountMinor: 1999 }, 3)).toBe(5997);
    expect([10, 11, 60].map((q) => priceAmount({ scheme: PricingScheme.TIERED, tiers }, q))).toEqual([5000, 5400, 24000]);
    expect([10, 11, 60].map((q) => priceAmount({ scheme: PricingScheme.VOLUME, tiers }, q))).toEqual([5000, 4400, 18000]);
  });

  it('adds a tier’s flat amount once the quantity reaches it', () => {
    const flat = [{ upTo: 5, unitAmountMinor: 0, flatAmountMinor: 1000 }, { upTo: null, unitAmountMinor: 100, flatAmountMinor: 50 }];
    expect([0, 3, 7].map((q) => priceAmount({ scheme: PricingScheme.TIERED, tiers: flat }, q))).toEqual([0, 1000, 1250]);
    expect(priceAmount({ scheme: PricingScheme.VOLUME, tiers: flat }, 7)).toBe(750);
  });

  it('refuses malformed tiers and fractional quantities', () => {
    expect(tierProblem([{ upTo: 10, unitAmountMinor: 1 }])).toMatch(/last tier/);
    expect(tierProblem([{ upTo: 10, unitAmountMinor: 1 }, { upTo: 5, unitAmountMinor: 1 }, { upTo: null, unitAmountMinor: 1 }])).toMatch(/increase/);
    expect(() => priceAmount({ scheme: PricingScheme.PER_UNIT, unitAmountMinor: 1 }, 1.5)).toThrow(/whole/);
  });
});

describe('invoice totals', () => {
  const tenCents = (taxes: TaxRateSpec[], n: number) => Array.from({ length: n }, () => ({ quantity: 1, unitAmountMinor: 10, taxes }));

  it('exclusive tax rounded per line or once per invoice gives the known, different totals', () => {
    const lines = tenCents([rate('t15', 150_000)], 3);
    const perLine = computeTotals(lines, { currency: 'EUR', taxInclusive: false, rounding: TaxRounding.LINE });
    const perInvoice = computeTotals(lines, { currency: 'EUR', taxInclusive: false, rounding: TaxRounding.INVOICE });
    expect([perLine.subtotalMinor, perLine.taxMinor, perLine.totalMinor]).toEqual([30, 6, 36]);
    expect([perInvoice.subtotalMinor, perInvoice.taxMinor, perInvoice.totalMinor]).toEqual([30, 5, 35]);
    const even = computeTotals(lines, { currency: 'EUR', taxInclusive: false, rounding: TaxRounding.INVOICE, roundingMode: 'HALF_EVEN' });
    expect(even.taxMinor).toBe(4);
  });

  it('inclusive prices keep the total shown and carve the tax out of it', () => {
    const one = computeTotals([{ quantity: 1, unitAmountMinor: 11900, taxes: [VAT19] }], { currency: 'EUR', taxInclusive: true, rounding: TaxRounding.LINE });
    expect([one.subtotalMinor, one.taxMinor, one.totalMinor]).toEqual([10000, 1900, 11900]);
    const lines = tenCents([VAT19], 10);
    const perLine = computeTotals(lines, { currency: 'EUR', taxInclusive: true, rounding: TaxRounding.LINE });
    const perInvoice = computeTotals(lines, { currency: 'EUR', taxInclusive: true, rounding: TaxRounding.INVOICE });
    expect([perLine.subtotalMinor, perLine.taxMinor, perLine.totalMinor]).toEqual([80, 20, 100]);
    expect([perInvoice.subtotalMinor, perInvoice.taxMinor, perInvoice.totalMinor]).toEqual([84, 16, 100]);
  });

  it('applies several taxes to one line, each on the same base', () => {
    const state = rate('il-state', 62_500, 'US-IL');
    const city = rate('chicago', 22_500, 'US-IL-CHI');
    const t = computeTotals([{ quantity: 2, unitAmountMinor: 1999, taxes: [state, city] }], { currency: 'USD', taxInclusive: false, rounding: TaxRounding.LINE });
    expect(t.lines[0].taxes).toEqual([{ rateId: 'il-state', amountMinor: 250 }, { rateId: 'chicago', amountMinor: 90 }]);
    expect([t.taxMinor, t.totalMinor]).toEqual([340, 4338]);
    expect(t.taxLines.map((l) => [l.jurisdiction, l.taxableMinor, l.amountMinor])).toEqual([['US-IL', 3998, 250], ['US-IL-CHI', 3998, 90]]);

    const gst = rate('gst', 50_000, 'CA');
    const pst = rate('pst', 70_000, 'CA-BC');
    const inclusive = computeTotals([{ quantity: 1, unitAmountMinor: 11200, taxes: [gst, pst] }], { currency: 'CAD', taxInclusive: true, rounding: TaxRounding.LINE });
    expect([inclusive.subtotalMinor, inclusive.lines[0].taxes[0].amountMinor, inclusive.lines[0].taxes[1].amountMinor, inclusive.totalMinor]).toEqual([10000, 500, 700, 11200]);
  });

  it('spreads an invoice discount over the lines before tax', () => {
    const lines = [
      { quantity: 1, unitAmountMinor: 1000, taxes: [rate('t10', 100_000)] },
      { quantity: 3, unitAmountMinor: 1000, discountMinor: 0, taxes: [rate('t10', 100_000)] },
    ];
    const perLine = computeTotals(lines, { currency: 'EUR', taxInclusive: false, rounding: TaxRounding.LINE, invoiceDiscountMinor: 100 });
    expect(perLine.lines.map((l) => [l.discountMinor, l.netMinor, l.taxMinor])).toEqual([[25, 975, 98], [75, 2925, 293]]);
    expect([perLine.discountMinor, perLine.subtotalMinor, perLine.taxMinor, perLine.totalMinor]).toEqual([100, 3900, 391, 4291]);
    const perInvoice = computeTotals(lines, { currency: 'EUR', taxInclusive: false, rounding: TaxRounding.INVOICE, invoiceDiscountMinor: 100 });
    expect([perInvoice.taxMinor, perInvoice.totalMinor]).toEqual([390, 4290]);
  });

  it('works in a zero-decimal currency and refuses discounts beyond the amount', () => {
    const yen = computeTotals([{ quantity: 3, unitAmountMinor: 333, taxes: [rate('jp', 100_000, 'JP')] }], { currency: 'JPY', taxInclusive: false, rounding: TaxRounding.LINE });
    expect([yen.subtotalMinor, yen.taxMinor, yen.totalMinor]).toEqual([999, 100, 1099]);
    expect(() => computeTotals([{ quantity: 1, unitAmountMinor: 10, discountMinor: 11, taxes: [] }], { currency: 'EUR', taxInclusive: false, rounding: TaxRounding.LINE })).toThrow(/line discount/);
    expect(() => computeTotals([{ quantity: 1, unitAmountMinor: 10, taxes: [] }], { currency: 'EUR', taxInclusive: false, rounding: TaxRounding.LINE, invoiceDiscountMinor: 11 })).toThrow(/invoice discount/);
  });
});
