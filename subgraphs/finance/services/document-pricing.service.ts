import type { RequestContext } from '../../../shared/context/context.js';
import { BadUserInputError, type FieldProblem } from '../../../shared/errors/errors.js';
import type { Customer } from '../entities/customer.entity.js';
import type { LineItem } from '../entities/line-item.type.js';
import type { PricedDocument } from '../entities/priced-document.entity.js';
import { TaxRate } from '../entities/tax-rate.entity.js';
import type { LineItemInput, PricingInput } from '../inputs/line-item.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import { computeTotals, type LineSpec, type TaxRateSpec } from './invoice-totals.js';
import { priceAmount, PricingScheme } from './pricing.js';

type Ctx = RequestContext<FinanceLoaders>;

/** Whether a rate of `rateJurisdiction` applies to a customer in `customerJurisdiction` (US-IL applies in US-IL-CHI). */
const appliesIn = (rateJurisdiction: string, customerJurisdiction: string) =>
  customerJurisdiction === rateJurisdiction || customerJurisdiction.startsWith(`${rateJurisdiction}-`);

const spec = (rate: TaxRate): TaxRateSpec => ({ id: rate.id, name: rate.name, jurisdiction: rate.jurisdiction, ratePpm: rate.ratePpm });

interface ResolvedLine extends LineSpec {
  description: string;
  priceId: string | null;
}

/**
 * Turns line inputs into priced lines: a price gives the amount (per unit, tiered or volume) and,
 * through its product's tax category and the customer's jurisdiction, the default taxes. Every
 * problem is collected and reported at once, naming the line (`lines.2.priceId`).
 */
async function resolveLines(ctx: Ctx, doc: PricedDocument, customer: Customer | null, inputs: LineItemInput[]): Promise<ResolvedLine[]> {
  const problems: FieldProblem[] = [];
  let tenantRates: TaxRate[] | null = null;
  const lines = await Promise.all(
    inputs.map(async (input, i): Promise<ResolvedLine | null> => {
      const at = (field: string, message: string) => problems.push({ field: `lines.${i}.${field}`, message });
      const price = input.priceId ? await ctx.loaders.priceById.load(input.priceId) : null;
      const product = price ? await ctx.loaders.productById.load(price.productId) : null;
      if (input.priceId && !price) return at('priceId', 'no such price'), null;
      if (price && price.currency !== doc.currency) return at('priceId', `is in ${price.currency}, the document in ${doc.currency}`), null;
      let taxes: TaxRateSpec[] = [];
      if (input.taxRateIds) {
        const rates = await Promise.all(input.taxRateIds.map((id) => ctx.loaders.taxRateById.load(id)));
        if (rates.some((r) => !r)) return at('taxRateIds', 'names a tax rate that does not exist'), null;
        taxes = rates.map((r) => spec(r!));
      } else if (product && customer?.taxJurisdiction) {
        tenantRates ??= await ctx.em.find(TaxRate, { active: true }, { orderBy: { jurisdiction: 'asc' } });
        taxes = tenantRates.filter((r) => r.category === product.taxCategory && appliesIn(r.jurisdiction, customer.taxJurisdiction!)).map(spec);
      }
      const overridden = input.amountOverrideMinor !== undefined;
      const unit = overridden ? null : price ? (price.scheme === PricingScheme.PER_UNIT ? price.unitAmountMinor! : null) : input.unitAmountMinor!;
      const amount = overridden ? input.amountOverrideMinor! : price ? priceAmount(price, input.quantity) : input.quantity * unit!;
      if (!Number.isSafeInteger(amount)) return at('quantity', 'makes an amount too large'), null;
      if ((input.discountMinor ?? 0) > 0 && (input.discountMinor ?? 0) > amount) return at('discountMinor', `exceeds the line amount ${amount}`), null;
      return { description: input.description?.trim() || product?.name || '', priceId: price?.id ?? null, quantity: input.quantity, unitAmountMinor: unit, amountMinor: amount, discountMinor: input.discountMinor ?? 0, taxes };
    }),
  );
  if (problems.length) throw new BadUserInputError(`invalid lines: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
  return lines as ResolvedLine[];
}

/**
 * Applies the pricing part of an input to a draft quote or invoice: its tax settings, discount
 * and lines (when given), then recomputes every total from the lines.
 */
export async function priceDocument(ctx: Ctx, doc: PricedDocument, customer: Customer | null, input: PricingInput): Promise<void> {
  if (input.taxInclusive != null) doc.taxInclusive = input.taxInclusive;
  if (input.taxRounding != null) doc.taxRounding = input.taxRounding;
  if (input.documentDiscountMinor != null) doc.documentDiscountMinor = input.documentDiscountMinor;
  const lines: ResolvedLine[] = input.lines
    ? await resolveLines(ctx, doc, customer, input.lines)
    : doc.lines.map((l) => ({ ...l, discountMinor: l.lineDiscountMinor, taxes: l.taxes.map(({ rateId, name, jurisdiction, ratePpm }) => ({ id: rateId, name, jurisdiction, ratePpm })) }));
  const afterLineDiscounts = lines.reduce((sum, l) => sum + (l.amountMinor ?? 0) - (l.discountMinor ?? 0), 0);
  if (doc.documentDiscountMinor > afterLineDiscounts) {
    throw new BadUserInputError(`documentDiscountMinor exceeds the amount ${afterLineDiscounts}`, [{ field: 'documentDiscountMinor', message: `exceeds the amount ${afterLineDiscounts}` }]);
  }
  const totals = computeTotals(lines, {
    currency: doc.currency,
    taxInclusive: doc.taxInclusive,
    rounding: doc.taxRounding,
    invoiceDiscountMinor: doc.documentDiscountMinor,
  });
  const rates = new Map(lines.flatMap((l) => l.taxes).map((t) => [t.id, t]));
  doc.lines = totals.lines.map(
    (t, i): LineItem => ({
      description: lines[i].description,
      priceId: lines[i].priceId,
      quantity: lines[i].quantity,
      unitAmountMinor: lines[i].unitAmountMinor,
      lineDiscountMinor: lines[i].discountMinor ?? 0,
      ...t,
      taxes: t.taxes.map((tax) => ({ ...rates.get(tax.rateId)!, rateId: tax.rateId, amountMinor: tax.amountMinor })),
    }),
  );
  doc.discountMinor = totals.discountMinor;
  doc.subtotalMinor = totals.subtotalMinor;
  doc.taxMinor = totals.taxMinor;
  doc.totalMinor = totals.totalMinor;
  doc.taxLines = totals.taxLines.map(({ id, ...rest }) => ({ rateId: id, ...rest }));
}
