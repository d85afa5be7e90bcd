/**
 * Per-site lists (browser.storage.local): sites the reader wants always highlighted or never.
 * Keyed by host name (www.shanhe.gov.cn).
 */
import { browser } from 'wxt/browser';
import type { LensMode } from '@/dom/summary';

export type SiteMode = 'always' | 'never';
export const SITE_MODES_KEY = 'siteModes';

export async function getSiteModes(): Promise<Record<string, SiteMode>> {
  const stored = await browser.storage.local.get(SITE_MODES_KEY);
  const value = stored[SITE_MODES_KEY];
  return value && typeof value === 'object' ? (value as Record<string, SiteMode>) : {};
}

export async function getSiteMode(host: string): Promise<SiteMode | null> {
  return (await getSiteModes())[host] ?? null;
}

/** Puts `host` on the always or never list, or (null) takes it off both. */
export async function setSiteMode(host: string, mode: SiteMode | null): Promise<void> {
  const modes = { ...(await getSiteModes()) };
  if (mode) modes[host] = mode;
  else delete modes[host];
  await browser.storage.local.set({ [SITE_MODES_KEY]: modes });
}

export function lensModeFor(site: SiteMode | null): LensMode {
  return site === 'always' ? 'force' : site === 'never' ? 'off' : 'auto';
}
