/**
 * public/_locales: what Chrome and Firefox need to load the files, and what a translation needs to
 * stay complete. Every language has exactly the default locale's (zh_CN) names, no empty message,
 * and the same $1…$n placeholders; nothing the browsers would read as a named placeholder ($x$).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES, LOCALES_DIR, readMessages, type Locale } from './fakes/i18n';

const DEFAULT: Locale = 'zh_CN';
const placeholders = (message: string) => [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();

describe('_locales', () => {
  it('has a folder for each locale the tests know, and no other', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)('%s: same message names as zh_CN, each with a non-empty message', (locale) => {
    const messages = readMessages(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(readMessages(DEFAULT)).sort());
    for (const [name, m] of Object.entries(messages)) {
      expect(typeof m.message, name).toBe('string');
      expect(m.message.trim(), name).not.toBe('');
    }
  });

  it.each(LOCALES)('%s: the same placeholders as zh_CN, numbered from $1 without gaps', (locale) => {
    const base = readMessages(DEFAULT);
    for (const [name, m] of Object.entries(readMessages(locale))) {
      const used = placeholders(m.message);
      expect(used, `${locale}/${name}`).toEqual(placeholders(base[name]!.message));
      expect(used, `${locale}/${name}: $1…$${used.length}`).toEqual(used.map((_, i) => `$${i + 1}`));
    }
  });

  it.each(LOCALES)('%s: no text the browsers would take for a named placeholder or an escape', (locale) => {
    for (const [name, m] of Object.entries(readMessages(locale))) {
      // Chrome reads $word$ as a named placeholder and refuses the whole file when it is undefined.
      expect(m.message, `${locale}/${name}`).not.toMatch(/\$[A-Za-z0-9_@]+\$/);
      // A $ is only ever $1…$9 here (a literal one would have to be written $$).
      expect(m.message.replace(/\$[1-9]/g, ''), `${locale}/${name}`).not.toContain('$');
    }
  });

  it('message names are valid and unique ignoring case (the browsers look them up case-insensitively)', () => {
    const names = Object.keys(readMessages(DEFAULT));
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it.each(LOCALES)('%s: fits the stores (name ≤ 75, description ≤ 132 characters) and names its language', (locale) => {
    const m = readMessages(locale);
    expect(m.extName!.message.length).toBeLessThanOrEqual(75);
    expect(m.extDescription!.message.length).toBeLessThanOrEqual(132);
    // `locale` is the BCP 47 tag Intl formats dates in: the folder's language.
    expect(Intl.getCanonicalLocales(m.locale!.message)[0]!.split('-')[0]).toBe(locale.split('_')[0]);
  });
});
