/**
 * The extension's words, through the browser's i18n (public/_locales/<lang>/messages.json; zh_CN is
 * the default locale). browser.i18n.getMessage is synchronous and works in content scripts too, so
 * no dictionary is bundled into any script. Dates and day counts are formatted with Intl in the
 * language of the messages in use.
 */
import { browser } from 'wxt/browser';
import { daysUntil, parseIsoDate } from '@/lib/dates';

/** Every message name: the keys of the default locale's file (type only, nothing is bundled). */
export type MessageKey = keyof typeof import('@/public/_locales/zh_CN/messages.json');

type GetMessage = (name: string, substitutions?: string[]) => string | undefined;

function getMessage(): GetMessage | null {
  // Missing outside an extension (a Node script); the unit tests install one (tests/unit/fakes/i18n.ts).
  const i18n = (browser as { i18n?: { getMessage?: GetMessage } } | undefined)?.i18n;
  return typeof i18n?.getMessage === 'function' ? i18n.getMessage.bind(i18n) : null;
}

/**
 * The message `key` in the reader's language, with `$1`, `$2`… replaced by `subs` (at most 9).
 * A message the browser doesn't know shows as its key, so a gap is visible rather than blank.
 */
export function t(key: MessageKey, ...subs: Array<string | number>): string {
  let text: string | undefined;
  try {
    text = getMessage()?.(key, subs.map(String));
  } catch {
    text = undefined;
  }
  return text || key;
}

/** The browser's UI language (BCP 47, e.g. zh-CN, en-GB). */
export function uiLanguage(): string {
  try {
    return (browser as { i18n?: { getUILanguage?: () => string } } | undefined)?.i18n?.getUILanguage?.() || t('locale');
  } catch {
    return t('locale');
  }
}

const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

/**
 * The locale Intl formats in: the UI language when the messages are in it (en-GB keeps its day-month
 * order), else the language of the messages the browser fell back to (a French browser reads zh-CN).
 */
export function intlLocale(): string {
  const ui = uiLanguage();
  const messages = t('locale');
  if (messages === 'locale') return ui; // no i18n at all
  try {
    return primary(ui) === primary(messages) ? Intl.getCanonicalLocales(ui)[0]! : messages;
  } catch {
    return messages;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, weekday: boolean): Intl.DateTimeFormat {
  const id = `${locale}|${weekday}`;
  let f = formats.get(id);
  if (!f) {
    // A calendar day formatted in UTC from a UTC midnight: the reader's time zone never shifts it.
    f = weekday
      ? new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' })
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    formats.set(id, f);
  }
  return f;
}

/**
 * A YYYY-MM-DD calendar day for the reader: 2024年6月1日 / Jun 1, 2024 (with `weekday`:
 * 2024年6月1日周六 / Sat, June 1, 2024). Anything that is not a valid day comes back unchanged.
 */
export function formatDate(iso: string, options: { weekday?: boolean } = {}): string {
  const d = parseIsoDate(iso.slice(0, 10));
  if (!d) return iso;
  return dateFormat(intlLocale(), options.weekday ?? false).format(new Date(Date.UTC(d.year, d.month - 1, d.day)));
}

const plurals = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string): Intl.PluralRules {
  let p = plurals.get(locale);
  if (!p) plurals.set(locale, (p = new Intl.PluralRules(locale)));
  return p;
}

/** 还剩 N 天 / 今天到期 / 已逾期 N 天 (N days left / due today / N days overdue) for whole days from today. */
export function formatDaysLeft(days: number): string {
  if (days === 0) return t('dueTodayLeft');
  const n = Math.abs(days);
  const one = pluralRules(intlLocale()).select(n) === 'one';
  if (days > 0) return t(one ? 'daysLeftOne' : 'daysLeft', n);
  return t(one ? 'daysOverdueOne' : 'daysOverdue', n);
}

/** Days left until `due` (YYYY-MM-DD) from `today`, as formatDaysLeft words; overdue when negative. */
export function dueIn(due: string, today: string): { days: number; text: string; overdue: boolean } {
  const days = daysUntil(due, today);
  return { days, text: formatDaysLeft(days), overdue: days < 0 };
}

/** An extension page in the reader's language: its title, and `lang` (fonts, screen readers, spelling). */
export function localizePage(doc: Document, titleKey: MessageKey): void {
  doc.documentElement.lang = intlLocale();
  doc.title = t(titleKey);
}
