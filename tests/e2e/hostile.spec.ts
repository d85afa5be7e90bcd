/**
 * Issue #5, "a hostile page can't hurt the reader": a *.gov.cn page (tests/e2e/pages/hostile/
 * tongzhi.html, invented, with a 文号 and deadlines so it is highlighted) whose own scripts attack
 * the extension from the page's world. Each test asserts that its attacks fail, in both browsers:
 *   - reading or writing notes: its IndexedDB 'gazette-lens' is its own (the notes live in the
 *     extension's origin) and runtime.sendMessage does not exist in its world;
 *   - spoofing our messages with window.postMessage (notes, compose, mode, WXT's start event) —
 *     nothing of ours listens, and nothing of ours posts to the page;
 *   - reaching, restyling or hiding our UI: closed shadow roots (a patched attachShadow sees none of
 *     them; custom elements of our tag names can't take them first), a stylesheet and scripts
 *     hiding our hosts with !important;
 *   - markup in its text (<img src=x onerror=…>, <script>) shown in a card, the note editor, the
 *     popup and the manager: always as text, never parsed (no element, no request for "x");
 *   - our extension pages run under a strict CSP (no inline script, eval, injected handlers, <base>).
 */
import { readFileSync } from 'node:fs';
import { inExtension, selectText, tabIdOf } from './ext-helpers';
import { expect, test, type ExtensionHarness, type ExtPage, type TestServer } from './fixtures';
import { focusedCardAction } from './card-keys';

const HOST = 'hostile.shanhe.gov.cn';
const DOC = '/hostile/tongzhi.html';
/** The same page, plus custom elements of our hosts' tag names that take their shadow roots first. */
const DOC_WITH_ELEMENTS = '/hostile/custom-elements.html';
const MARKUP = '<img src=x onerror=window.__pwned=1>';
/** The #markup paragraph's text as a reader selects it. */
const MARKUP_QUOTE = `附件填报说明：${MARKUP}<script>window.__pwned=2</script>请按表格填报`;

type Api = {
  runtime: { id: string; sendMessage(m: unknown): Promise<unknown>; getManifest(): { content_security_policy?: unknown } };
  tabs: { query(q: object): Promise<Array<{ id?: number }>>; sendMessage(id: number, m: unknown): Promise<unknown> };
};
type Hostile = { messages: unknown[]; keys: string[]; openedRoots: string[] };

/** One notes request to the background, sent from an extension page (as the popup could). */
function askNotes<T>(ext: ExtensionHarness, request: object): Promise<T> {
  return inExtension(
    ext,
    async (m) => {
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      const r = (await (g.browser ?? g.chrome)!.runtime.sendMessage(m)) as { ok: boolean; value?: T; error?: string };
      if (!r.ok) throw new Error(r.error);
      return r.value as T;
    },
    request,
  );
}

type StoredNote = { id: string; body: string; url: string; target: { quote?: { exact: string } } };
const notesOf = (ext: ExtensionHarness, url: string) => askNotes<StoredNote[]>(ext, { type: 'gl:notes:list', url });

async function removeNotesOf(ext: ExtensionHarness, url: string): Promise<void> {
  const ids = (await notesOf(ext, url)).map((n) => n.id);
  if (ids.length) await askNotes(ext, { type: 'gl:notes:remove', ids });
}

async function openHostile(ext: ExtensionHarness, server: TestServer, path = DOC): Promise<ExtPage> {
  const page = await ext.newPage();
  await page.goto(server.url(path, HOST));
  await expect.poll(() => page.evaluate(() => CSS.highlights.has('gl-docnumber')), { timeout: 10_000 }).toBe(true);
  return page;
}

/** Centre of the first painted range of `highlight` whose text is `text`. */
function highlightPoint(page: ExtPage, highlight: string, text: string) {
  return page.evaluate(
    ([name, t]) => {
      for (const r of CSS.highlights.get(name!) ?? []) {
        if ((r as Range).toString() !== t) continue;
        (r as Range).startContainer.parentElement!.scrollIntoView({ block: 'center' });
        const b = (r as Range).getClientRects()[0]!;
        return { x: b.left + Math.min(b.width / 2, 20), y: b.top + b.height / 2 };
      }
      throw new Error(`no ${name} highlight "${t}"`);
    },
    [highlight, text],
  );
}

/** How the page's world sees one of our hosts: its styles, and what is hit at the centre of our box. */
async function asThePageSeesIt(page: ExtPage, host: string, box: string) {
  const centre = await page.inShadow(
    host,
    (root, sel) => {
      const r = root.querySelector(sel)!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, width: r.width };
    },
    box,
  );
  expect(centre, `${host} is on the page`).not.toBeNull();
  return page.evaluate(
    ({ host, x, y, width }) => {
      const el = document.querySelector(host)!;
      const cs = getComputedStyle(el);
      return {
        shadowRoot: el.shadowRoot,
        text: el.textContent,
        style: [cs.display, cs.visibility, cs.opacity, cs.transform, cs.clipPath].join(' '),
        hit: document.elementFromPoint(x, y) === el,
        width: width > 0,
      };
    },
    { host, ...centre! },
  );
}
const VISIBLE = { shadowRoot: null, text: '', style: 'block visible 1 none none', hit: true, width: true };

test.describe('a hostile page', () => {
  test.afterEach(async ({ ext, server }) => {
    await removeNotesOf(ext, server.url(DOC, HOST));
  });

  test('can’t read or write our notes: its IndexedDB is its own and the extension API is not in its world', async ({ ext, server }) => {
    const url = server.url(DOC, HOST);
    const page0 = {
      url,
      title: '山河县人民政府办公室关于开展农村饮水安全专项排查的通知',
      site: HOST,
      docNumber: '河政办发〔2024〕41号',
      docDate: '2024-05-06',
    };
    const quote = { type: 'TextQuoteSelector', exact: '集中供水工程排查' };
    await askNotes(ext, {
      type: 'gl:notes:create',
      draft: {
        target: { type: 'selection', quote, position: { type: 'TextPositionSelector', start: 0, end: 8 } },
        body: '只在扩展里的私人批注',
      },
      page: page0,
    });
    const page = await openHostile(ext, server);
    // The note is on the page (painted where its passage is) ...
    await expect
      .poll(() =>
        page.evaluate(() => [...CSS.highlights.entries()].filter(([n]) => n.startsWith('gl-note-')).flatMap(([, h]) => [...h].map(String))),
      )
      .toEqual(['集中供水工程排查']);
    // ... and the page claimed we had already run (window.__gazetteLens): it changed nothing.

    const attack = await page.evaluate(async () => {
      const listed = (await indexedDB.databases()).map((d) => d.name);
      // Open 'gazette-lens' in the page's origin and write a "note" into it.
      const opened = await new Promise<{ created: boolean; stores: string[] }>((resolve, reject) => {
        const req = indexedDB.open('gazette-lens');
        let created = false;
        req.onupgradeneeded = () => {
          created = true;
          req.result.createObjectStore('notes', { keyPath: 'id' });
        };
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const stores = [...db.objectStoreNames];
          const tx = db.transaction('notes', 'readwrite');
          tx.objectStore('notes').put({ id: '00000000-0000-4000-8000-00000000beef', url: location.href, body: '页面伪造的批注' });
          tx.oncomplete = () => {
            db.close();
            resolve({ created, stores });
          };
        };
      });
      await new Promise((r) => {
        const del = indexedDB.deleteDatabase('gazette-lens');
        del.onsuccess = del.onerror = r;
      });
      const w = window as unknown as { chrome?: { runtime?: unknown }; browser?: unknown };
      return {
        listed,
        opened,
        runtime: typeof w.chrome?.runtime,
        browser: typeof w.browser,
        bodyInPage: document.documentElement.outerHTML.includes('只在扩展里'),
      };
    });
    expect(attack.listed).not.toContain('gazette-lens');
    expect(attack.opened).toEqual({ created: true, stores: ['notes'] }); // a fresh, empty database of its own
    expect(attack.runtime).toBe('undefined');
    expect(attack.browser).toBe('undefined');
    expect(attack.bodyInPage).toBe(false);
    // The extension's notes for this page: exactly ours, unchanged; the page's write went nowhere.
    const notes = await notesOf(ext, url);
    expect(notes.map((n) => n.body)).toEqual(['只在扩展里的私人批注']);
  });

  test('can’t spoof our messages with window.postMessage, and hears nothing from us', async ({ ext, server }) => {
    const url = server.url(DOC, HOST);
    const mine = await askNotes<StoredNote>(ext, {
      type: 'gl:notes:create',
      draft: { target: { type: 'page' }, body: '整篇转发水利站' },
      page: { url, title: '关于开展农村饮水安全专项排查的通知', site: HOST, docNumber: null, docDate: null },
    });
    const page = await openHostile(ext, server);
    // We post nothing to the page (WXT's script-started message is off).
    expect(await page.evaluate(() => (window as unknown as { __hostile: Hostile }).__hostile.messages)).toEqual([]);
    const extensionId = await inExtension(
      ext,
      async () => {
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        return (g.browser ?? g.chrome)!.runtime.id;
      },
      undefined,
    );
    expect(await selectText(page, '抽检水源地水质')).toBe(true);
    const posted = await page.evaluate(
      async ({ id, noteId }) => {
        const pageInfo = { url: location.href, title: document.title, site: location.hostname, docNumber: null, docDate: null };
        const messages = [
          { type: 'gl:notes:create', draft: { target: { type: 'page' }, body: '伪造的批注' }, page: pageInfo },
          { type: 'gl:notes:compose' },
          { type: 'gl:notes:list', url: location.href },
          { type: 'gl:notes:remove', ids: [noteId] },
          { type: 'gl:mode', mode: 'off' },
          { type: 'gl:summary' },
          { type: 'gl:extract', text: '河政办发〔2024〕99号', baseDate: '2024-01-01' },
          { type: 'ping' },
        ];
        for (const m of messages) window.postMessage(m, '*');
        // WXT's "a newer copy of this content script started" signal, by event and by message.
        const started = `${id}:content:wxt:content-script-started`;
        document.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName: 'content', messageId: 'hostile' } }));
        window.postMessage({ type: started, contentScriptName: 'content', messageId: 'hostile' }, '*');
        await new Promise((r) => setTimeout(r, 1500));
        return messages.length + 1;
      },
      { id: extensionId, noteId: mine.id },
    );
    const after = await page.evaluate(() => ({
      messages: (window as unknown as { __hostile: Hostile }).__hostile.messages.length,
      editor: !!document.querySelector('[data-gazette-lens]:not(style):not(gazette-lens-legend)'),
      highlighted: CSS.highlights.has('gl-docnumber'),
    }));
    // Only the page's own posts; no note editor opened; highlighting is still on.
    expect(after).toEqual({ messages: posted, editor: false, highlighted: true });
    // The reader's note is still there, and no other.
    expect((await notesOf(ext, url)).map((n) => n.body)).toEqual(['整篇转发水利站']);
    // Still working after the fake "newer script" signal: new text is highlighted, a click opens a card.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'added';
      p.textContent = '根据河政办发〔2024〕42号，各乡镇要于2030年11月30日前报送整改情况。';
      document.getElementById('zoom')!.append(p);
    });
    await expect
      .poll(() => page.evaluate(() => [...(CSS.highlights.get('gl-docnumber') ?? [])].map(String)), { timeout: 10_000 })
      .toContain('河政办发〔2024〕42号');
    await page.click(await highlightPoint(page, 'gl-docnumber', '河政办发〔2024〕42号'));
    await expect
      .poll(() => page.inShadow('gazette-lens-card', (root) => root.querySelector('.main')?.textContent))
      .toBe('河政办发〔2024〕42号');
  });

  test('can’t reach, restyle or hide our UI (closed shadow roots, :host !important)', async ({ ext, server }) => {
    const page = await openHostile(ext, server);
    await page.click(await highlightPoint(page, 'gl-docnumber', '河政办发〔2024〕41号'));
    await expect
      .poll(() => page.inShadow('gazette-lens-card', (root) => root.querySelector('.main')?.textContent))
      .toBe('河政办发〔2024〕41号');
    expect(await focusedCardAction(page)).toBe('copy'); // the clicked card has the focus
    // Its patched attachShadow never saw our roots: our calls go to the browser's own.
    expect(await page.evaluate(() => (window as unknown as { __hostile: Hostile }).__hostile.openedRoots)).toEqual([]);
    // Its stylesheet hides gazette-lens-* with !important: nothing is hidden.
    expect(await asThePageSeesIt(page, 'gazette-lens-card', '.card')).toEqual(VISIBLE);
    expect(await asThePageSeesIt(page, 'gazette-lens-legend', '.panel')).toEqual(VISIBLE);
    // Its scripts try the style attribute, style.setProperty(…, 'important'), hidden, a new shadow root.
    const errors = await page.evaluate(() =>
      ['gazette-lens-card', 'gazette-lens-legend'].map((sel) => {
        const el = document.querySelector(sel) as HTMLElement;
        el.setAttribute('style', 'display:none !important; visibility:hidden !important; opacity:0 !important');
        el.style.setProperty('transform', 'scale(0)', 'important');
        el.hidden = true;
        try {
          el.attachShadow({ mode: 'open' });
          return 'attached';
        } catch (e) {
          return (e as Error).name;
        }
      }),
    );
    expect(errors).toEqual(['NotSupportedError', 'NotSupportedError']);
    expect(await asThePageSeesIt(page, 'gazette-lens-card', '.card')).toEqual(VISIBLE);
    expect(await asThePageSeesIt(page, 'gazette-lens-legend', '.panel')).toEqual(VISIBLE);
    // The card still answers the keyboard (the page can move the focus away, as it can on any page).
    await page.press('Escape');
    await expect.poll(() => page.evaluate(() => !!document.querySelector('gazette-lens-card'))).toBe(false);
  });

  test('can’t take our shadow roots first with custom elements of our tag names', async ({ ext, server }) => {
    // Defined before our content script runs; each constructor attaches an OPEN root the page keeps.
    const grab = `
    window.__taken = [];
    for (const name of ['gazette-lens-card', 'gazette-lens-legend', 'gazette-lens-note-editor', 'gazette-lens-notice']) {
      customElements.define(name, class extends HTMLElement {
        constructor() { super(); window.__taken.push(this.attachShadow({ mode: 'open' })); }
      });
    }`;
    const html = readFileSync(new URL('./pages/hostile/tongzhi.html', import.meta.url), 'utf8').replace(
      'window.__gazetteLens = true;',
      `window.__gazetteLens = true;${grab}`,
    );
    server.override(DOC_WITH_ELEMENTS, html);
    try {
      const page = await openHostile(ext, server, DOC_WITH_ELEMENTS);
      await page.click(await highlightPoint(page, 'gl-docnumber', '河政办发〔2024〕41号'));
      // Our UI fell back to plain <div> hosts (a name the page can't define), closed as ever.
      const host = 'html > div[data-gazette-lens]:last-of-type'; // the card (the legend came first)
      await expect.poll(() => page.inShadow(host, (root) => root.querySelector('.main')?.textContent ?? null)).toBe('河政办发〔2024〕41号');
      const seen = await page.evaluate(() => ({
        taken: (window as unknown as { __taken: ShadowRoot[] }).__taken.map((r) => r.childNodes.length),
        hosts: [...document.querySelectorAll('html > [data-gazette-lens]')].map((h) => [h.localName, h.shadowRoot]),
      }));
      expect(seen.taken.length).toBeGreaterThan(0); // the page's constructors did run …
      expect(seen.taken.every((n) => n === 0)).toBe(true); // … and got empty roots, never ours
      expect(seen.hosts).toEqual([
        ['div', null],
        ['div', null],
      ]);
    } finally {
      server.override(DOC_WITH_ELEMENTS, null);
    }
  });

  test('its text never becomes markup in a card, the note editor, the popup or the manager', async ({ ext, server }) => {
    const url = server.url(DOC, HOST);
    const page = await openHostile(ext, server);
    const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);

    // The unit card lists the task line with the markup in it: as text.
    await page.click(await highlightPoint(page, 'gl-unit', '县水利局'));
    const unitCard = await page.inShadow('gazette-lens-card', async (root) => {
      for (let i = 0; i < 50 && !root.querySelector('li'); i++) await new Promise((r) => setTimeout(r, 100));
      return { items: [...root.querySelectorAll('li')].map((li) => li.textContent), elements: root.querySelectorAll('img, script').length };
    });
    expect(unitCard!.items.join('\n')).toContain(`在网站公开排查结果${MARKUP}`);
    expect(unitCard!.elements).toBe(0);
    await page.press('Escape');

    // A note on a selection whose quote is markup: the editor shows it literally.
    expect(await selectText(page, MARKUP_QUOTE)).toBe(true);
    const tabId = await tabIdOf(ext, url);
    await page.bringToFront();
    expect(
      await inExtension(
        ext,
        async (id) => {
          const g = globalThis as unknown as { browser?: Api; chrome?: Api };
          return (g.browser ?? g.chrome)!.tabs.sendMessage(id, { type: 'gl:notes:compose' });
        },
        tabId,
      ),
    ).toBe(true);
    await page.bringToFront();
    const editor = () =>
      page.inShadow('gazette-lens-note-editor', (root) => ({
        quote: root.querySelector('blockquote')?.textContent ?? null,
        elements: root.querySelectorAll('img, script, b').length,
      }));
    await expect.poll(editor).toEqual({ quote: MARKUP_QUOTE, elements: 0 });
    const body = '注意<b>粗体</b><img src=x onerror=window.__pwned=3>';
    await page.type(body);
    await page.press('Enter', ['Control']);
    await expect.poll(() => page.evaluate(() => !!document.querySelector('gazette-lens-note-editor'))).toBe(false);
    const saved = await notesOf(ext, url);
    expect(saved.map((n) => [n.target.quote?.exact, n.body])).toEqual([[MARKUP_QUOTE, body]]);

    // The popup's page notes and the manager show quote and body as text.
    const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForText('[data-testid=page-notes-list]', body);
    expect(
      await popup.evaluate(() => ({
        text: document.querySelector('[data-testid=page-notes-list]')!.textContent!.includes('<script>window.__pwned=2</script>'),
        elements: document.querySelectorAll('img, [data-testid=page-notes-list] b, [data-testid=page-notes-list] script').length,
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      })),
    ).toEqual({ text: true, elements: 0, pwned: null });
    const manager = await ext.openExtensionPage('notes.html');
    await manager.waitForText('[data-testid=list]', body);
    expect(
      await manager.evaluate(
        (quote) => ({
          text: document.querySelector('[data-testid=list]')!.textContent!.includes(quote),
          elements: document.querySelectorAll('img, [data-testid=list] b, [data-testid=list] script').length,
          pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        }),
        MARKUP_QUOTE,
      ),
    ).toEqual({ text: true, elements: 0, pwned: null });

    // No handler ran in the page, and nothing anywhere ever fetched the "x" image.
    expect(await pwned()).toBeNull();
    expect(server.requests.filter((r) => r.path.endsWith('/x'))).toEqual([]);
  });

  // (eval is not tried: code the driver runs is exempt from the page's eval rules in Chromium.)
  test('our extension pages run under a strict CSP: no inline script, injected handler or <base>', async ({ ext }) => {
    const popup = await ext.openExtensionPage('popup.html');
    const result = await popup.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const w = window as unknown as { __inline?: number; __pwned?: number; browser?: Api; chrome?: Api };
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.head.append(script);
      // As if a bug let markup in: its handler must not run.
      const div = document.createElement('div');
      div.innerHTML = '<img src="data:," onerror="window.__pwned = 1">';
      document.body.append(div);
      const base = document.createElement('base');
      base.href = 'https://evil.example/';
      document.head.append(base);
      const link = document.createElement('a');
      link.href = 'x';
      await new Promise((r) => setTimeout(r, 500));
      div.remove();
      base.remove();
      return {
        csp: (w.browser ?? w.chrome)!.runtime.getManifest().content_security_policy,
        inline: w.__inline ?? null,
        pwned: w.__pwned ?? null,
        linkOrigin: new URL(link.href).origin,
        violations: [...new Set(violations.map((v) => v.replace(/-(elem|attr)$/, '')))].sort(),
      };
    });
    const policy = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    expect(result.csp).toEqual(ext.name === 'chromium' ? { extension_pages: policy } : policy);
    expect(result).toMatchObject({ inline: null, pwned: null, linkOrigin: ext.extensionOrigin });
    expect(result.violations).toEqual(['base-uri', 'script-src']);
  });
});
