import { BillingInterval } from '../entities/price.entity.js';
import { divideRounded, toMinor } from './money.js';

/**
 * `at` moved forward by `count` intervals, in UTC. Months keep the day of the month where the
 * month has it and take its last day where it does not (Jan 31 → Feb 28). Periods follow one
 * another, so a subscription started on the 31st bills on the 28th from February on.
 */
export function addInterval(at: Date, interval: BillingInterval, count: number): Date {
  const date = new Date(at.getTime());
  switch (interval) {
    case BillingInterval.DAY:
      date.setUTCDate(date.getUTCDate() + count);
      return date;
    case BillingInterval.WEEK:
      date.setUTCDate(date.getUTCDate() + 7 * count);
      return date;
    case BillingInterval.MONTH:
    case BillingInterval.YEAR: {
      const months = interval === BillingInterval.MONTH ? count : 12 * count;
      const day = date.getUTCDate();
      date.setUTCDate(1);
      date.setUTCMonth(date.getUTCMonth() + months);
      const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      date.setUTCDate(Math.min(day, last));
      return date;
    }
  }
}

/**
 * The share of `amountMinor` for what is left of a period at `at`: amount × (end − at) ÷ (end −
 * start), to the millisecond, rounded half up. Before the period it is all of it, after it nothing.
 */
export function prorate(amountMinor: number, start: Date, end: Date, at: Date): number {
  const total = BigInt(end.getTime() - start.getTime());
  if (total <= 0n) throw new RangeError('a period must end after it starts');
  const left = BigInt(Math.min(Math.max(end.getTime() - at.getTime(), 0), end.getTime() - start.getTime()));
  return toMinor(divideRounded(BigInt(amountMinor) * left, total, 'HALF_UP'));
}

/** Monthly equivalent of an amount billed every `count` intervals (for MRR), rounded half up. */
export function monthlyAmount(amountMinor: number, interval: BillingInterval, count: number): number {
  // Per interval in months, as a fraction: a day is 12/365 of a month, a week 12/52.
  const [numerator, denominator] = {
    [BillingInterval.DAY]: [365n, 12n],
    [BillingInterval.WEEK]: [52n, 12n],
    [BillingInterval.MONTH]: [1n, 1n],
    [BillingInterval.YEAR]: [1n, 12n],
  }[interval];
  return toMinor(divideRounded(BigInt(amountMinor) * numerator, denominator * BigInt(count), 'HALF_UP'));
}
