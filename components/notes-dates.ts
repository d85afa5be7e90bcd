/**
 * Dates as the notes manager shows them, in the reader's language (utils/i18n.ts). `today` is
 * always a parameter: the manager reads the clock once (todayIso() as a prop default) and passes
 * the day down.
 */
import { parseIsoDate } from '@/lib/dates';
import { dueIn, formatDate } from '@/utils/i18n';

/** The local calendar day as YYYY-MM-DD (the reader's "today", not UTC's). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** YYYYMMDD of a YYYY-MM-DD day, for file names. */
export function compactDay(iso: string): string {
  return iso.replaceAll('-', '');
}

/** 2024年6月1日周六 / Sat, June 1, 2024; the input unchanged when it is not a date. */
export function formatDay(iso: string): string {
  return formatDate(iso, { weekday: true });
}

/** 2024年6月1日 / Jun 1, 2024 (for 成文日期 and timestamps, where the weekday is noise). */
export function formatShortDay(iso: string): string {
  return formatDate(iso);
}

export interface RelativeDue {
  /** Whole days from today: 0 due today, negative when overdue. */
  days: number;
  text: string;
  overdue: boolean;
}

/** 今天到期 / 还剩 N 天 / 已逾期 N 天; null for a missing or malformed date. */
export function relativeDue(due: string | null, today: string): RelativeDue | null {
  if (!due || !parseIsoDate(due) || !parseIsoDate(today)) return null;
  return dueIn(due, today);
}
