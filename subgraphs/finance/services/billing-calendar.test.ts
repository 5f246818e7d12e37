import { BillingInterval } from '../entities/price.entity.js';
import { addInterval, monthlyAmount, prorate } from './billing-calendar.js';

const at = (iso: string) => new Date(iso);

describe('billing calendar', () => {
  it('adds months keeping the day, or the month’s last day', () => {
    expect(addInterval(at('2026-01-15T10:00:00Z'), BillingInterval.MONTH, 1).toISOString()).toBe('2026-02-15T10:00:00.000Z');
    expect(addInterval(at('2026-01-31T00:00:00Z'), BillingInterval.MONTH, 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addInterval(at('2026-01-31T00:00:00Z'), BillingInterval.MONTH, 3).toISOString()).toBe('2026-04-30T00:00:00.000Z');
    expect(addInterval(at('2028-02-29T00:00:00Z'), BillingInterval.YEAR, 1).toISOString()).toBe('2029-02-28T00:00:00.000Z');
    expect(addInterval(at('2026-12-30T00:00:00Z'), BillingInterval.WEEK, 1).toISOString()).toBe('2027-01-06T00:00:00.000Z');
    expect(addInterval(at('2026-03-01T00:00:00Z'), BillingInterval.DAY, 14).toISOString()).toBe('2026-03-15T00:00:00.000Z');
  });

  it('prorates what is left of a period, half up, to the millisecond', () => {
    const start = at('2026-04-01T00:00:00Z');
    const end = at('2026-05-01T00:00:00Z');
    expect(prorate(3_000, start, end, at('2026-04-16T00:00:00Z'))).toBe(1_500);
    expect(prorate(1_000, start, end, at('2026-04-21T00:00:00Z'))).toBe(333);
    expect(prorate(1_001, start, end, at('2026-04-16T00:00:00Z'))).toBe(501);
    expect(prorate(-1_001, start, end, at('2026-04-16T00:00:00Z'))).toBe(-501);
    expect(prorate(3_000, start, end, at('2026-03-01T00:00:00Z'))).toBe(3_000);
    expect(prorate(3_000, start, end, at('2026-06-01T00:00:00Z'))).toBe(0);
  });

  it('normalises amounts to a month for MRR', () => {
    expect(monthlyAmount(120_000, BillingInterval.YEAR, 1)).toBe(10_000);
    expect(monthlyAmount(3_000, BillingInterval.MONTH, 3)).toBe(1_000);
    expect(monthlyAmount(1_000, BillingInterval.WEEK, 1)).toBe(4_333);
    expect(monthlyAmount(100, BillingInterval.DAY, 1)).toBe(3_042);
  });
});
