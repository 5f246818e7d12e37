import { ReportSchedule } from '../entities/report.entity.js';
import { nextPeriodEnd, periodEndAfter, periodEndingAt } from './report-period.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('report periods (UTC)', () => {
  it('ends days at midnight, weeks on Monday, months on the first', () => {
    expect(iso(periodEndAfter(ReportSchedule.DAILY, at('2026-12-05T13:00:00Z')))).toBe('2026-12-06T00:00:00.000Z');
    expect(iso(periodEndAfter(ReportSchedule.DAILY, at('2026-12-05T00:00:00Z')))).toBe('2026-12-06T00:00:00.000Z');
    // 5 December 2026 is a Saturday; a Monday midnight belongs to the week it starts.
    expect(iso(periodEndAfter(ReportSchedule.WEEKLY, at('2026-12-05T13:00:00Z')))).toBe('2026-12-07T00:00:00.000Z');
    expect(iso(periodEndAfter(ReportSchedule.WEEKLY, at('2026-12-07T00:00:00Z')))).toBe('2026-12-14T00:00:00.000Z');
    expect(iso(periodEndAfter(ReportSchedule.MONTHLY, at('2026-12-05T13:00:00Z')))).toBe('2027-01-01T00:00:00.000Z');
  });

  it('gives the period ending at a boundary, and the next boundary', () => {
    expect(periodEndingAt(ReportSchedule.MONTHLY, at('2026-03-01T00:00:00Z'))).toEqual({ from: at('2026-02-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z') });
    expect(periodEndingAt(ReportSchedule.WEEKLY, at('2026-12-07T00:00:00Z')).from).toEqual(at('2026-11-30T00:00:00Z'));
    expect(iso(nextPeriodEnd(ReportSchedule.MONTHLY, at('2026-01-01T00:00:00Z')))).toBe('2026-02-01T00:00:00.000Z');
    expect(iso(nextPeriodEnd(ReportSchedule.DAILY, at('2026-12-06T00:00:00Z')))).toBe('2026-12-07T00:00:00.000Z');
  });
});
