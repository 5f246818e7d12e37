import { allocate, dinero, toSnapshot, type DineroCurrency } from 'dinero.js';
import * as iso4217 from 'dinero.js/currencies';

/**
 * Money in this subgraph is always an integer count of minor units (cents for EUR, yen for JPY,
 * fils for KWD) with an ISO 4217 code beside it; never a float. Arithmetic that can produce a
 * fraction of a minor unit (a tax rate, a proration) goes through `divideRounded` with an explicit
 * rounding mode, on bigints, so no intermediate value loses precision.
 */
export type RoundingMode = 'HALF_UP' | 'HALF_EVEN';

const currencies = iso4217 as unknown as Record<string, DineroCurrency<number> | undefined>;

/** The ISO 4217 definition of `code`, or undefined for a code that is not a current currency. */
export function currencyOf(code: string): DineroCurrency<number> | undefined {
  const found = /^[A-Z]{3}$/.test(code) ? currencies[code] : undefined;
  return found && typeof found === 'object' && 'exponent' in found ? found : undefined;
}

/** Minor-unit digits of the currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyExponent(code: string): number {
  const currency = currencyOf(code);
  if (!currency) throw new RangeError(`${code} is not an ISO 4217 currency`);
  return currency.exponent as number;
}

/** Throws unless `value` is a whole, safe number of minor units. */
export function assertMinor(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be whole minor units, got ${value}`);
  return value;
}

/**
 * numerator / denominator rounded to an integer: HALF_UP rounds halves away from zero (the
 * commercial rule most tax authorities state), HALF_EVEN to the even neighbour (banker's rounding).
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideRounded(-numerator, -denominator, mode);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let quotient = abs / denominator;
  const twice = (abs % denominator) * 2n;
  if (twice > denominator || (twice === denominator && (mode === 'HALF_UP' || quotient % 2n === 1n))) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** A bigint result back to a number, refusing one past the safe range rather than losing cents. */
export function toMinor(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${value} is beyond the safe integer range`);
  return n;
}

/**
 * Splits `amountMinor` in proportion to `weights` with no cent lost or made (dinero's allocate:
 * leftover cents go one each to the first shares): 100 over [1, 1, 1] is 34, 33, 33. All-zero
 * weights share evenly.
 */
export function allocateMinor(amountMinor: number, weights: number[], currency: string): number[] {
  if (!weights.length) return [];
  const ratios = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
  const money = dinero({ amount: assertMinor(amountMinor), currency: currencyOf(currency) ?? iso4217.EUR });
  return allocate(money, ratios).map((part) => toSnapshot(part).amount);
}

/** "1,234.56 EUR" from 123456 EUR, for documents and CSV: the currency's own number of digits. */
export function formatMinor(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}${exponent ? `.${digits.slice(-exponent)}` : ''} ${currency}`;
}
