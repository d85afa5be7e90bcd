/**
 * Calendar helpers for resolved deadlines. All dates are ISO YYYY-MM-DD strings; "today" is always
 * passed in by the caller so results are deterministic.
 */
import { differenceInCalendarDays, format, lastDayOfMonth } from 'date-fns';

/** A local Date at midnight; date-fns works in local time, and midnight avoids DST edges. */
function toDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function isoDate(year: number, month: number, day: number): string {
  return format(new Date(year, month - 1, day), 'yyyy-MM-dd');
}

/** Last day of a month, 1-based month: (2024, 2) -> 2024-02-29. */
export function endOfMonthIso(year: number, month: number): string {
  return format(lastDayOfMonth(new Date(year, month - 1, 1)), 'yyyy-MM-dd');
}

/** True for a real calendar date (rejects 2月30日, 13月). */
export function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= lastDayOfMonth(new Date(year, month - 1, 1)).getDate();
}

/** Whole days from today to the due date: 0 due today, negative when overdue. */
export function daysUntil(dueIso: string, todayIso: string): number {
  return differenceInCalendarDays(toDate(dueIso), toDate(todayIso));
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse a YYYY-MM-DD option; null when malformed or not a real date. */
export function parseIsoDate(s: string | undefined): { year: number; month: number; day: number } | null {
  const m = s ? ISO_RE.exec(s) : null;
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDay(year, month, day) ? { year, month, day } : null;
}
