/**
 * Calendar helpers for resolved deadlines. All dates are ISO YYYY-MM-DD strings; "today" is always
 * passed in by the caller so results are deterministic.
 */
// formatISO, not format: format's token engine and English locale would add ~15 KB to every bundle.
import { differenceInCalendarDays, formatISO, lastDayOfMonth } from 'date-fns';

/** A local Date at midnight; date-fns works in local time, and midnight avoids DST edges. */
function toDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/**
 * Four-digit years and real months take a fast path: date-fns format costs microseconds a call,
 * which dominated deadline extraction. Anything else (years before 1000, where Date maps 0–99 to
 * 1900–1999, out-of-range months or days that Date rolls over) keeps the date-fns behaviour.
 */
const plainYear = (year: number): boolean => Number.isInteger(year) && year >= 1000 && year <= 9999;
const plainMonth = (month: number): boolean => Number.isInteger(month) && month >= 1 && month <= 12;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Days in a month of the proleptic Gregorian calendar (what Date uses). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isoDate(year: number, month: number, day: number): string {
  if (plainYear(year) && plainMonth(month) && Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month)) {
    return `${year}-${pad2(month)}-${pad2(day)}`;
  }
  return formatISO(new Date(year, month - 1, day), { representation: 'date' });
}

/** Last day of a month, 1-based month: (2024, 2) -> 2024-02-29. */
export function endOfMonthIso(year: number, month: number): string {
  if (plainYear(year) && plainMonth(month)) return `${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}`;
  return formatISO(lastDayOfMonth(new Date(year, month - 1, 1)), { representation: 'date' });
}

/** True for a real calendar date (rejects 2月30日, 13月). */
export function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (plainYear(year) && plainMonth(month)) return day <= daysInMonth(year, month);
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
