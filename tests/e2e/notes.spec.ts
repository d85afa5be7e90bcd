/**
 * Issue #4: the reader's notes end to end, on an invented 山河县 gazette page
 * (tests/e2e/pages/shanhe/zfgb/2024/hzbf-20.html): select → note → reload → re-anchored; the page
 * edited → still anchored (fuzzy) or listed as 未能定位; a deadline made a task → the manager's
 * deadlines view; export of every format through the manager; import into a fresh profile.
 *
 * The note editor lives in a CLOSED shadow root, so the tests drive it the way a keyboard user
 * does: focus starts in its text box, Ctrl+Enter saves.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import { inExtension, selectText, tabIdOf } from './ext-helpers';
import { expect, test, type ExtensionHarness, type ExtPage, type TestServer } from './fixtures';
import { pressCardAction } from './card-keys';
import { launchChromium, launchFirefox } from './fixtures/harness';

const HOST = 'www.shanhe.gov.cn';
const DOC = '/shanhe/zfgb/2024/hzbf-20.html';
const ORIGINAL = readFileSync(new URL('./pages/shanhe/zfgb/2024/hzbf-20.html', import.meta.url), 'utf8');

type Api = {
  tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>>; sendMessage(id: number, m: unknown): Promise<unknown> };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};

/** What the context menu's 添加批注 does: ask the tab's content script to open the editor. */
async function composeInTab(ext: ExtensionHarness, tabId: number): Promise<unknown> {
  return inExtension(
    ext,
    async (id) => {
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      return (g.browser ?? g.chrome)!.tabs.sendMessage(id, { type: 'gl:notes:compose' });
    },
    tabId,
  );
}

/** Empties the notes database (raw IndexedDB from an extension page: same origin as the background's). */
async function clearNotes(ext: ExtensionHarness): Promise<void> {
  await inExtension(
    ext,
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gazette-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ['notes', 'pages'].filter((n) => db.objectStoreNames.contains(n));
          if (names.length === 0) {
            db.close();
            resolve();
            return;
          }
          const tx = db.transaction(names, 'readwrite');
          for (const n of names) tx.objectStore(n).clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    undefined,
  );
}

/** Text of each range of our note highlights, as the page's world sees CSS.highlights. */
function noteHighlights(page: ExtPage) {
  return page.evaluate(() => {
    const out: string[] = [];
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith('gl-note-')) for (const r of h) out.push((r as Range).toString());
    });
    return out.sort();
  });
}

async function openDoc(ext: ExtensionHarness, server: TestServer): Promise<ExtPage> {
  const page = await ext.newPage();
  await page.goto(server.url(DOC, HOST));
  // The content script has analysed the page once its entity highlights are registered.
  await expect.poll(() => page.evaluate(() => CSS.highlights.has('gl-docnumber')), { timeout: 10_000 }).toBe(true);
  return page;
}

/** Types a note into the open (closed-shadow-root) editor and saves it with Ctrl+Enter. */
async function writeNote(page: ExtPage, body: string) {
  await expect.poll(() => page.evaluate(() => !!document.querySelector('gazette-lens-note-editor'))).toBe(true);
  await page.type(body);
  await page.press('Enter', ['Control']);
  await expect.poll(() => page.evaluate(() => !!document.querySelector('gazette-lens-note-editor'))).toBe(false);
}

async function popupFor(ext: ExtensionHarness, tabId: number): Promise<ExtPage> {
  const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.waitForText('[data-testid=page-notes]', /本页批注/);
  return popup;
}

test.describe('notes', () => {
  test.beforeEach(async ({ ext, server }) => {
    server.override(DOC, null);
    await clearNotes(ext);
  });
  test.afterEach(async ({ ext, server }) => {
    server.override(DOC, null);
    await clearNotes(ext);
  });

  test('a selection note survives reload, a small edit of the page (fuzzy), and is kept as 未能定位 when its passage is gone', async ({
    ext,
    server,
  }) => {
    const page = await openDoc(ext, server);
    const tabId = await tabIdOf(ext, server.url(DOC, HOST));
    expect(await selectText(page, '清理河道行洪障碍物')).toBe(true);
    expect(await composeInTab(ext, tabId)).toBe(true);
    await page.bringToFront();
    await writeNote(page, '请水利局每周报进度');
    await expect.poll(() => noteHighlights(page)).toEqual(['清理河道行洪障碍物']);
    // The page's text is untouched by the note.
    expect(await page.evaluate(() => document.body.textContent!.includes('清理河道行洪障碍物'))).toBe(true);

    await page.goto(server.url(DOC, HOST));
    await expect.poll(() => noteHighlights(page)).toEqual(['清理河道行洪障碍物']);

    // The site edits the page: a new paragraph first, one character added inside the quote.
    server.override(
      DOC,
      ORIGINAL.replace('<p id="p1">', '<p>　　（4月3日更新：补充防汛值班电话。）</p><p id="p1">').replace(
        '清理河道行洪障碍物',
        '清理河道内行洪障碍物',
      ),
    );
    await page.goto(server.url(DOC, HOST));
    await expect.poll(() => noteHighlights(page)).toEqual(['清理河道内行洪障碍物']);
    let popup = await popupFor(ext, tabId);
    await popup.waitForText('[data-testid=page-notes-list]', /请水利局每周报进度/);
    expect(await popup.evaluate(() => document.querySelectorAll('[data-testid=unplaced]').length)).toBe(0);
    const noteId = await popup.evaluate(() =>
      document.querySelector('[data-testid=page-notes-list] [data-note-id]')!.getAttribute('data-note-id')!,
    );
    await popup.close();

    // Edited elsewhere (the manager writes through the same store): the page's own copy is now
    // stale, and the popup, which renders that copy first, must end up showing the stored version.
    await inExtension(
      ext,
      async (id) => {
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        const r = (await (g.browser ?? g.chrome)!.runtime.sendMessage({
          type: 'gl:notes:update',
          id,
          patch: { body: '改为每三天报一次' },
        })) as {
          ok: boolean;
          error?: string;
        };
        if (!r.ok) throw new Error(r.error);
      },
      noteId,
    );
    popup = await popupFor(ext, tabId);
    await popup.waitForText('[data-testid=page-notes-list]', /改为每三天报一次/);
    expect(await popup.evaluate(() => document.querySelector('[data-testid=page-notes-list]')!.textContent)).not.toContain(
      '请水利局每周报进度',
    );
    await popup.close();

    // The row is removed from the page: the note is listed as 未能定位 with its quote, not dropped.
    server.override(DOC, ORIGINAL.replace(/<tr><td>1<\/td>.*?<\/tr>/, ''));
    await page.goto(server.url(DOC, HOST));
    await expect.poll(() => noteHighlights(page)).toEqual([]);
    popup = await popupFor(ext, tabId);
    await popup.waitForText('[data-testid=unplaced]', '未能定位');
    await popup.waitForText('[data-testid=page-notes-list]', /清理河道行洪障碍物[\s\S]*改为每三天报一次/);
  });

  test('加入待办 on a highlighted deadline puts a task in the manager’s deadlines view', async ({ ext, server }) => {
    const page = await openDoc(ext, server);
    const box = await page.evaluate(() => {
      for (const name of ['gl-deadline', 'gl-deadline-overdue']) {
        for (const r of CSS.highlights.get(name) ?? []) {
          if ((r as Range).toString() === '2030年6月30日前') {
            const b = (r as Range).getBoundingClientRect();
            return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
          }
        }
      }
      return null;
    });
    expect(box).not.toBeNull();
    await page.click(box!);
    // The card is in a closed shadow root: a keyboard user's way to 加入待办 (Tab, Enter).
    await pressCardAction(page, 'task');
    await writeNote(page, '核对防汛物资清单');

    const manager = await ext.openExtensionPage('notes.html?view=tasks');
    await manager.waitForText('[data-testid=list]', /核对防汛物资清单/);
    const row = await manager.evaluate(() => document.querySelector('[data-testid=note]')!.textContent!);
    expect(row).toContain('2030年6月30日前');
    expect(await manager.waitForText('[data-testid=note-due]', /2030/)).toMatch(/2030/);
  });

  test('exports every format through the manager, and the JSON imports into a fresh profile', async ({ ext, server }) => {
    // Three notes written through the background, as the page would.
    const page = {
      url: server.url(DOC, HOST),
      title: '山河县人民政府办公室关于做好2024年汛期安全防范工作的通知',
      site: HOST,
      docNumber: '河政办发〔2024〕20号',
      docDate: '2024-03-29',
    };
    const drafts = [
      {
        target: {
          type: 'selection',
          quote: { type: 'TextQuoteSelector', exact: '建立问题台账', prefix: '拉网式排查，', suffix: '，于2030' },
          position: { type: 'TextPositionSelector', start: 10, end: 16 },
        },
        body: '台账模板找县应急局要',
        tags: ['防汛', '台账'],
        due: '2030-05-31',
      },
      {
        target: {
          type: 'entity',
          entity: { kind: 'deadline', text: '2030年6月15日前', date: '2030-06-15', precision: 'day' },
          quote: { type: 'TextQuoteSelector', exact: '2030年6月15日前' },
          position: { type: 'TextPositionSelector', start: 30, end: 41 },
        },
        body: '清障进度, "每周" 一报；逗号与引号',
        tags: ['防汛'],
      },
      { target: { type: 'page' }, body: '整篇转发各股室\n第二行', tags: [] },
    ];
    await inExtension(
      ext,
      async ({ drafts, page }) => {
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        for (const draft of drafts) {
          const r = (await (g.browser ?? g.chrome)!.runtime.sendMessage({ type: 'gl:notes:create', draft, page })) as {
            ok: boolean;
            error?: string;
          };
          if (!r.ok) throw new Error(r.error);
        }
      },
      { drafts, page },
    );

    const manager = await ext.openExtensionPage('notes.html');
    await manager.waitForText('[data-testid=export-scope]', /3/);
    const files: Record<string, string> = {};
    for (const format of ['jsonld', 'md', 'csv', 'ics']) {
      const file = await ext.download(manager, () => manager.click(`[data-testid=export-${format}]`));
      expect(file.name).toMatch(new RegExp(`^gazette-lens-notes-\\d{8}\\.${format}$`));
      files[format] = file.text;
    }

    const collection = JSON.parse(files.jsonld!) as { type: string; total: number; first: { items: Array<{ type: string }> } };
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(3);
    expect(collection.first.items.every((a) => a.type === 'Annotation')).toBe(true);

    expect(files.md).toContain('河政办发〔2024〕20号');
    expect(files.md).toMatch(/^> 建立问题台账$/m);

    expect(files.csv!.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(files.csv!.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(4);
    expect(rows.flat()).toContain('清障进度, "每周" 一报；逗号与引号');
    expect(rows.flat()).toContain('整篇转发各股室\n第二行');

    const cal = new ICAL.Component(ICAL.parse(files.ics!));
    const todos = cal.getAllSubcomponents('vtodo');
    expect(todos.map((t) => String(t.getFirstPropertyValue('due'))).sort()).toEqual(['2030-05-31', '2030-06-15']);

    // A fresh profile: import the JSON through the manager's UI.
    const fresh = ext.name === 'firefox' ? await launchFirefox(server) : await launchChromium();
    const dir = mkdtempSync(join(tmpdir(), 'gl-import-'));
    try {
      const other = await fresh.openExtensionPage('notes.html');
      writeFileSync(join(dir, 'notes.jsonld'), files.jsonld!);
      await other.setInputFile('[data-testid=import-input]', join(dir, 'notes.jsonld'));
      await other.waitForText('[data-testid=import-counts]', /3/);
      // Nothing is written before the reader confirms.
      expect(await other.evaluate(() => document.querySelectorAll('[data-testid=note]').length)).toBe(0);
      await other.click('[data-testid=import-confirm]');
      await expect.poll(() => other.evaluate(() => document.querySelectorAll('[data-testid=note]').length)).toBe(3);
      await other.waitForText('[data-testid=list]', /台账模板找县应急局要[\s\S]*|清障进度/);
      await other.close();
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
