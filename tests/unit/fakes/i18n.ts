/**
 * browser.i18n for unit tests: the fake browser (wxt/testing) leaves getMessage unmocked, so this
 * reads the real public/_locales/<lang>/messages.json and substitutes like Chrome and Firefox do
 * ($1…$9 from the substitutions, a missing one as '', $$ as $, names case-insensitive, '' for an
 * unknown name). tests/unit/setup.ts installs zh_CN (the default locale) before every test file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export type Locale = 'zh_CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh_CN', 'en'];
export type Messages = Record<string, { message: string; description?: string }>;

// happy-dom replaces URL, so build the path with node:path.
export const LOCALES_DIR = join(__dirname, '../../../public/_locales');

const cache = new Map<Locale, Messages>();
const byLowerName = new Map<Messages, Map<string, string>>();

export function readMessages(locale: Locale): Messages {
  let m = cache.get(locale);
  if (!m) cache.set(locale, (m = JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Messages));
  return m;
}

/** getMessage as the browsers implement it for positional placeholders. */
export function messageFor(messages: Messages, name: string, substitutions?: string | string[]): string {
  let names = byLowerName.get(messages);
  if (!names) byLowerName.set(messages, (names = new Map(Object.keys(messages).map((k) => [k.toLowerCase(), k]))));
  const key = names.get(name.toLowerCase());
  if (key === undefined) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return messages[key]!.message.replace(/\$(\$+|[1-9])/g, (_, m: string) => (m.startsWith('$') ? m : (subs[Number(m) - 1] ?? '')));
}

/** Makes the fake browser speak `locale` (its UI language `uiLanguage`, by default the locale's own). */
export function useLocale(locale: Locale, uiLanguage: string = locale.replace('_', '-')): void {
  const messages = readMessages(locale);
  const i18n = fakeBrowser.i18n as unknown as {
    getMessage: (name: string, subs?: string | string[]) => string;
    getUILanguage: () => string;
  };
  i18n.getMessage = (name, subs) => messageFor(messages, name, subs);
  i18n.getUILanguage = () => uiLanguage;
}
