/**
 * Content script for county-government sites: thin wiring. The work is in dom/ (text model →
 * extract → detect → paint with the CSS Custom Highlight API; dom/live.ts re-runs it when the page's
 * content changes). The page's DOM and text are never changed.
 */
import { localIsoDate } from '@/dom/analyze';
import { EntityCard } from '@/dom/card';
import { Legend } from '@/dom/legend';
import { PageLens } from '@/dom/live';
import {
  BADGE_MESSAGE,
  EXTRACT_MESSAGE,
  isModeRequest,
  isRevealRequest,
  isSummaryRequest,
  openDeadlines,
  type BadgeRequest,
  type ExtractRequest,
  type PageSummary,
} from '@/dom/summary';
import { extract, type Entity } from '@/lib/index';
import { getSiteMode, lensModeFor } from '@/utils/site-modes';

/** extract() in the background (off the page's main thread); here if the background cannot answer. */
async function extractText(text: string, baseDate: string): Promise<Entity[]> {
  try {
    const request: ExtractRequest = { type: EXTRACT_MESSAGE, text, baseDate };
    const entities = (await browser.runtime.sendMessage(request)) as Entity[] | undefined;
    if (Array.isArray(entities)) return entities;
  } catch {
    // fall through
  }
  return extract(text, { baseDate });
}

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  runAt: 'document_idle',
  main() {
    // Injected twice (the *.gov.cn match, then the popup's "标注此页")? The first one answers.
    const w = window as unknown as { __gazetteLens?: boolean };
    if (w.__gazetteLens) return;
    w.__gazetteLens = true;

    const badge = (summary: PageSummary) => {
      const request: BadgeRequest = { type: BADGE_MESSAGE, open: openDeadlines(summary) };
      browser.runtime.sendMessage(request).catch(() => undefined);
    };
    const legend = new Legend(document);
    const onRun = (summary: PageSummary) => {
      badge(summary);
      legend.update(summary);
    };
    const ready = (async () => {
      // The per-site lists decide the starting mode: always → force, never → off.
      const site = await getSiteMode(location.hostname).catch(() => null);
      const lens = new PageLens(document, {
        analyze: () => ({ today: localIsoDate(), extractText }),
        mode: lensModeFor(site),
        onRun,
      });
      lens.summary().catch((e) => console.error('[公报透镜]', e));
      lens.watch();
      new EntityCard(document, { current: () => lens.analysis(), today: localIsoDate }).attach();
      return lens;
    })();
    browser.runtime.onMessage.addListener((message) => {
      // Native Promises only (see TOOLCHAIN.md).
      if (isSummaryRequest(message)) return ready.then((lens) => lens.summary());
      if (isRevealRequest(message)) return ready.then((lens) => lens.reveal(message.index));
      if (isModeRequest(message)) return ready.then((lens) => lens.setMode(message.mode));
      return undefined;
    });
  },
});
