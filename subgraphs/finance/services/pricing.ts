import { assertMinor } from './money.js';

/** How a price turns a quantity into an amount. */
export enum PricingScheme {
  /** quantity × unit amount. */
  PER_UNIT = 'PER_UNIT',
  /** Graduated: each unit is priced at the tier it falls in (units 1–10 at A, 11–50 at B…). */
  TIERED = 'TIERED',
  /** Every unit at the price of the one tier the whole quantity falls in. */
  VOLUME = 'VOLUME',
}

/** A tier covers quantities up to and including `upTo` (null: no upper bound, the last tier). */
export interface PriceTier {
  upTo: number | null;
  unitAmountMinor: number;
  /** Added once when the quantity reaches this tier. */
  flatAmountMinor?: number;
}

export interface PriceRule {
  scheme: PricingScheme;
  unitAmountMinor?: number | null;
  tiers?: PriceTier[] | null;
}

/** Why a tier list cannot be used, or null when it is well-formed. */
export function tierProblem(tiers: PriceTier[]): string | null {
  if (!tiers.length) return 'needs at least one tier';
  for (let i = 0; i < tiers.length; i += 1) {
    const { upTo } = tiers[i];
    const last = i === tiers.length - 1;
    if (last !== (upTo === null)) return 'only the last tier, and it alone, has no upper bound (upTo null)';
    if (upTo !== null && (!Number.isSafeInteger(upTo) || upTo <= (i ? tiers[i - 1].upTo! : 0))) return 'upTo must be whole and increase from tier to tier';
    if (!Number.isSafeInteger(tiers[i].unitAmountMinor) || tiers[i].unitAmountMinor < 0) return 'unit amounts must be whole, non-negative minor units';
  }
  return null;
}

/** The amount for `quantity` units under the rule, in minor units. */
export function priceAmount(rule: PriceRule, quantity: number): number {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`quantity must be a whole number ≥ 0, got ${quantity}`);
  if (rule.scheme === PricingScheme.PER_UNIT) return assertMinor(quantity * assertMinor(rule.unitAmountMinor ?? NaN, 'unitAmountMinor'));
  const tiers = rule.tiers ?? [];
  const problem = tierProblem(tiers);
  if (problem) throw new RangeError(`tiers: ${problem}`);
  if (quantity === 0) return 0;
  if (rule.scheme === PricingScheme.VOLUME) {
    const tier = tiers.find((t) => t.upTo === null || quantity <= t.upTo)!;
    return assertMinor(quantity * tier.unitAmountMinor + (tier.flatAmountMinor ?? 0));
  }
  let amount = 0;
  let from = 0;
  for (const tier of tiers) {
    if (quantity <= from) break;
    const units = Math.min(quantity, tier.upTo ?? quantity) - from;
    amount += units * tier.unitAmountMinor + (tier.flatAmountMinor ?? 0);
    from = tier.upTo ?? quantity;
  }
  return assertMinor(amount);
}
