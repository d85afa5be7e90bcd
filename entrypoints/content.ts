/**
 * Content script for county-government sites: thin wiring. The work is in dom/analyze.ts
 * (text model → extract → detect → paint with the CSS Custom Highlight API); the page's DOM and
 * text are never changed.
 */
import { analyzePage, localIsoDate } from '@/dom/analyze';
import { EXTRACT_MESSAGE, isSummaryRequest, type ExtractRequest, type PageSummary } from '@/dom/summary';
import { extract, type Entity } from '@/lib/index';

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
    const summary: Promise<PageSummary> = analyzePage(document, { today: localIsoDate(), extractText });
    summary.catch((e) => console.error('[公报透镜]', e));
    browser.runtime.onMessage.addListener((message) => {
      if (!isSummaryRequest(message)) return undefined;
      // A native Promise (see TOOLCHAIN.md): the popup gets the summary once the page is analysed.
      return summary.then((s) => s);
    });
  },
});
