/**
 * Helpers several e2e specs share: run code with the extension API in a short-lived extension page,
 * find the tab showing a URL, and select page text as a reader would. Browser-neutral (both drivers).
 */
import type { ExtensionHarness, ExtPage } from './fixtures';

type Api = {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  tabs: { query(q: object): Promise<Array<{ id?: number }>>; sendMessage(id: number, m: unknown): Promise<unknown> };
};

/** Runs `fn` with the extension API in a short-lived extension page. */
export async function inExtension<T, A>(ext: ExtensionHarness, fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
  const page = await ext.openExtensionPage('popup.html?tab=0');
  try {
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

/** The id of the tab whose content script reports `url` (tabs.url would need the "tabs" permission), or -1. */
export function tabIdOf(ext: ExtensionHarness, url: string): Promise<number> {
  return inExtension(
    ext,
    async (u) => {
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      const api = (g.browser ?? g.chrome)!;
      for (const tab of await api.tabs.query({})) {
        if (tab.id === undefined) continue;
        const s = (await api.tabs.sendMessage(tab.id, { type: 'gl:summary' }).catch(() => undefined)) as { url?: string } | undefined;
        if (s?.url === u) return tab.id;
      }
      return -1;
    },
    url,
  );
}

/** Selects the first occurrence of `text` in the page's body (within one text node); false when absent. */
export function selectText(page: ExtPage, text: string): Promise<boolean> {
  return page.evaluate((t) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(t);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + t.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
      return true;
    }
    return false;
  }, text);
}
