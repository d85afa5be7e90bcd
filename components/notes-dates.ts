/**
 * Dates as the notes manager shows them. `today` is always a parameter: the manager reads the
 * clock once (todayIso() as a prop default) and passes the day down.
 */
import { daysUntil, parseIsoDate } from '@/lib/dates';
import { t } from './notes-strings';

/** The local calendar day as YYYY-MM-DD (the reader's "today", not UTC's). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** YYYYMMDD of a YYYY-MM-DD day, for file names. */
export function compactDay(iso: string): string {
  return iso.replaceAll('-', '');
}

// The day is formatted in UTC from a UTC midnight, so the reader's time zone never shifts it.
const DAY_FORMAT = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  timeZone: 'UTC',
});
const SHORT_DAY_FORMAT = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

function utcDay(iso: string): Date | null {
  const d = parseIsoDate(iso.slice(0, 10));
  return d ? new Date(Date.UTC(d.year, d.month - 1, d.day)) : null;
}

/** 2024年6月1日周六; the input unchanged when it is not a date. */
export function formatDay(iso: string): string {
  const d = utcDay(iso);
  return d ? DAY_FORMAT.format(d) : iso;
}

/** 2024年6月1日 (for 成文日期 and timestamps, where the weekday is noise). */
export function formatShortDay(iso: string): string {
  const d = utcDay(iso);
  return d ? SHORT_DAY_FORMAT.format(d) : iso;
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
  const days = daysUntil(due, today);
  const text = days === 0 ? t('dueTodayLeft') : days > 0 ? t('daysLeft', days) : t('daysOverdue', -days);
  return { days, text, overdue: days < 0 };
}
