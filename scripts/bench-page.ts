/**
 * `npm run bench:page`: the largest corpus gazette as one page (one paragraph per line, task-table
 * lines as table rows), in one Chromium run:
 *   - ours: the content script's analysis of the page (text model → extract in the background →
 *     detect → all highlights registered), from summary.timing, and its longest stretch of work
 *     between two yields;
 *   - mark.js (dev dependency, for this comparison only): marking the same entity texts on the same
 *     page (a non-*.gov.cn copy, so the extension stays out of it), acrossElements.
 * Prints both, the ratio and the content-script bundle size. Needs ../shared/corpus and apt's Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { launchChromium, ROOT } from '../tests/e2e/fixtures/harness';
import { gazettePage } from '../tests/e2e/gazette-page';
import type { PageSummary } from '../dom/summary';

const CORPUS = join(ROOT, '../shared/corpus/001_953fc206b614d1ef.txt');
const RUNS = Number(process.env.RUNS) || 5;
if (!existsSync(CORPUS)) {
  console.error(`${CORPUS} is missing: the page is built from the largest corpus file`);
  process.exit(2);
}
if (spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, stdio: 'ignore' }).status !== 0) {
  console.error('wxt build failed');
  process.exit(1);
}
const html = gazettePage(readFileSync(CORPUS, 'utf8'));
const GOV = 'http://gb.shanhe.gov.cn/bench.html';
const PLAIN = 'http://127.0.0.1:9/bench.html';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const harness = await launchChromium();
try {
  const ours: PageSummary['timing'][] = [];
  const marks: number[] = [];
  let texts: string[] = [];
  const probe = (await harness.openExtensionPage('popup.html')).raw as Page;
  for (let run = 0; run < RUNS; run++) {
    const page = (await harness.newPage()).raw as Page;
    await page.route('**/bench.html', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(GOV);
    let summary: PageSummary | undefined;
    for (let i = 0; i < 200 && !summary; i++) {
      summary = (await probe.evaluate(async (url) => {
        const api = (
          globalThis as unknown as {
            chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>>; sendMessage(id: number, m: unknown): Promise<unknown> } };
          }
        ).chrome;
        for (const t of await api.tabs.query({})) {
          const s = (await api.tabs.sendMessage(t.id!, { type: 'gl:summary' }).catch(() => undefined)) as { url: string } | undefined;
          if (s?.url === url) return s;
        }
        return undefined;
      }, GOV)) as PageSummary | undefined;
      if (!summary) await new Promise((r) => setTimeout(r, 50));
    }
    if (!summary?.highlighted) throw new Error('the page was not highlighted');
    ours.push(summary.timing);
    texts = [...new Set(summary.entities.map((e) => e.text).filter((t) => !/\s/.test(t)))];

    await page.goto(PLAIN);
    await page.addScriptTag({ path: join(ROOT, 'node_modules/mark.js/dist/mark.min.js') });
    await page.evaluate('globalThis.__name = (f) => f'); // tsx (esbuild keepNames) wraps named functions in __name()
    marks.push(
      await page.evaluate(
        (words) =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            const Mark = (window as unknown as { Mark: new (el: Element) => { mark(w: string[], o: object): void } }).Mark;
            new Mark(document.body).mark(words, {
              separateWordSearch: false,
              acrossElements: true,
              diacritics: false,
              done: () => resolve(performance.now() - t0),
            });
          }),
        texts,
      ),
    );
    await page.close();
  }
  const content = readFileSync(join(ROOT, '.output/chrome-mv3/content-scripts/content.js'));
  const oursMs = median(ours.map((t) => t.totalMs));
  const markMs = median(marks);
  console.log(
    `page: ${(html.length / 1024).toFixed(0)} KB HTML, ${ours[0]!.textLength} characters of text, ${texts.length} distinct entity texts; median of ${RUNS} runs`,
  );
  console.log('| | time to all highlights | longest task |');
  console.log('|---|---|---|');
  console.log(
    `| Gazette Lens (content script) | ${oursMs} ms | ${median(ours.map((t) => t.longestTaskMs))} ms (max ${Math.max(...ours.map((t) => t.longestTaskMs))}) |`,
  );
  console.log(`| mark.js 8.11.1, same texts | ${markMs.toFixed(0)} ms | one task |`);
  console.log(`ratio: ${(oursMs / markMs).toFixed(3)}× mark.js (target ≤ 0.2×)`);
  console.log(
    `content script: ${(content.length / 1024).toFixed(1)} KB, ${(gzipSync(content).length / 1024).toFixed(1)} KB gzip (target ≤ 30 KB)`,
  );
} finally {
  await harness.close();
}
