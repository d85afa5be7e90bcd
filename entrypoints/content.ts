/**
 * Content script for county-government sites: thin wiring. The work is in dom/analyze.ts
 * (text model → extract → detect → paint with the CSS Custom Highlight API); the page's DOM and
 * text are never changed.
 */
import { analyzePage, localIsoDate } from '@/dom/analyze';
import { isSummaryRequest, type PageSummary } from '@/dom/summary';

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  runAt: 'document_idle',
  main() {
    const summary: Promise<PageSummary> = analyzePage(document, { today: localIsoDate() });
    summary.catch((e) => console.error('[公报透镜]', e));
    browser.runtime.onMessage.addListener((message) => {
      if (!isSummaryRequest(message)) return undefined;
      // A native Promise (see TOOLCHAIN.md): the popup gets the summary once the page is analysed.
      return summary.then((s) => s);
    });
  },
});
