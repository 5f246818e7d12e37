import { ReportSchedule } from '../entities/report.entity.js';

const DAY_MS = 86_400_000;

/** The end of the period of `schedule` that `at` falls in (UTC): next midnight, next Monday, next first of a month. */
export function periodEndAfter(schedule: Exclude<ReportSchedule, ReportSchedule.NONE>, at: Date): Date {
  const midnight = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  if (schedule === ReportSchedule.DAILY) return new Date(midnight + DAY_MS);
  if (schedule === ReportSchedule.WEEKLY) {
    const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
    return new Date(midnight + (7 - daysSinceMonday) * DAY_MS);
  }
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** The period that ends at `end`: [start, end). */
export function periodEndingAt(schedule: Exclude<ReportSchedule, ReportSchedule.NONE>, end: Date): { from: Date; to: Date } {
  if (schedule === ReportSchedule.DAILY) return { from: new Date(end.getTime() - DAY_MS), to: end };
  if (schedule === ReportSchedule.WEEKLY) return { from: new Date(end.getTime() - 7 * DAY_MS), to: end };
  return { from: new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, end.getUTCDate())), to: end };
}

/** The end of the period after the one ending at `end`. */
export function nextPeriodEnd(schedule: Exclude<ReportSchedule, ReportSchedule.NONE>, end: Date): Date {
  return periodEndAfter(schedule, end);
}
