/**
 * A whole gazette issue as one page (the largest corpus file, one paragraph per line, task-table
 * lines as table rows): the content script must work in slices, no stretch over 50 ms. In both
 * browsers; the page is generated at test time and served by the test server. Skipped when
 * ../shared/corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ROOT } from './fixtures/harness';
import type { PageSummary } from '../../dom/summary';
import { gazettePage } from './gazette-page';

const CORPUS_FILE = join(ROOT, '../shared/corpus/001_953fc206b614d1ef.txt');
const PATH = '/zfgb/2023/big-issue.html';

test.afterEach(({ server }) => server.override(PATH, null));

test('a whole gazette issue is highlighted in slices of under 50 ms', async ({ ext, server }) => {
  test.skip(!existsSync(CORPUS_FILE), '../shared/corpus is absent');
  server.override(PATH, gazettePage(readFileSync(CORPUS_FILE, 'utf8')));
  const URL = server.url(PATH, 'gb.shanhe.gov.cn');
  const page = await ext.newPage();
  const probe = await ext.openExtensionPage('popup.html');
  const measure = async (): Promise<PageSummary> => {
    await page.goto(URL);
    for (let i = 0; i < 100; i++) {
      const found = (await probe.evaluate(async (target) => {
        type Tabs = { tabs: { query(q: object): Promise<Array<{ id?: number }>>; sendMessage(id: number, m: unknown): Promise<unknown> } };
        const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs };
        const api = (g.browser ?? g.chrome)!;
        for (const tab of await api.tabs.query({})) {
          const s = (await api.tabs.sendMessage(tab.id!, { type: 'gl:summary' }).catch(() => undefined)) as { url: string } | undefined;
          if (s?.url === target) return s;
        }
        return undefined;
      }, URL)) as PageSummary | undefined;
      if (found) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the content script did not answer');
  };
  // Our work between two yields stays far below 50 ms (typically 10-20 ms), but on a busy 2-core
  // machine a GC pause or a descheduled renderer now and then lands inside one stretch: a second
  // load must then come in under 50 ms. Two slow loads in a row fail the test.
  let s = await measure();
  const runs = [s.timing];
  if (s.timing.longestTaskMs >= 50) {
    s = await measure();
    runs.push(s.timing);
  }
  test.info().annotations.push({ type: 'timing', description: JSON.stringify(runs) });
  console.log(`big page: ${JSON.stringify(runs)} counts ${JSON.stringify(s.counts)}`);
  expect(s.detected).toBe(true);
  expect(s.highlighted).toBe(true);
  expect(s.counts.docNumber).toBeGreaterThan(100);
  expect(s.timing.tasks).toBeGreaterThan(3);
  expect(s.timing.longestTaskMs).toBeLessThan(50);
});
