/**
 * Issue #3 slice: detection and in-place highlighting on *.gov.cn fixture pages
 * (tests/e2e/pages/shanhe/), the popup summary, and screenshots for the README.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PwPage } from '@playwright/test';
import type { Page as PptrPage } from 'puppeteer-core';
import { expect, test, type ExtensionHarness, type ExtPage, type TestServer } from './fixtures';
import { ROOT } from './fixtures/harness';
import { focusedCardAction } from './card-keys';
import type { PageSummary } from '../../dom/summary';

const HOST = 'www.shanhe.gov.cn';
const DOC = '/shanhe/zfgb/2024/hzbf-12.html';
const HOME = '/shanhe/';
const NEWS = '/shanhe/tzgg/';
// The README's screenshots are refreshed on request (npm run screenshots); an ordinary test run
// writes its captures under test-results/ so the working tree stays clean.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs/screenshots') : join(ROOT, 'test-results/screenshots');

/**
 * Expected highlights on the 通知 fixture. "today" is the real date in the browser: its 2024
 * deadlines are overdue, its 2030 ones are not (valid until 2030-06-30).
 */
const EXPECTED = { 'gl-docnumber': 3, 'gl-deadline': 2, 'gl-deadline-overdue': 3, 'gl-unit': 3 };

/** Sizes of our highlights as the page's own (main) world sees CSS.highlights. */
/** Leaves no site lists behind for the next test: run from an extension page. */
function clearExtensionStorage(extensionPage: ExtPage) {
  return extensionPage.evaluate(async () => {
    const g = globalThis as unknown as {
      browser?: { storage: { local: { clear(): Promise<void> } } };
      chrome?: { storage: { local: { clear(): Promise<void> } } };
    };
    await (g.browser ?? g.chrome)!.storage.local.clear();
  });
}

function highlightSizes(page: ExtPage) {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith('gl-')) out[name] = h.size;
    });
    return out;
  });
}

/** Asks the content script of the tab showing `url` for its summary, through an extension page. */
async function summaryOf(ext: ExtensionHarness, url: string): Promise<{ tabId: number; summary: PageSummary }> {
  const probe = await ext.openExtensionPage('popup.html');
  try {
    for (let i = 0; i < 50; i++) {
      const found = await probe.evaluate(async (target) => {
        type Api = {
          tabs: { query(q: object): Promise<Array<{ id?: number }>>; sendMessage(id: number, m: unknown): Promise<unknown> };
        };
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (g.browser ?? g.chrome)!;
        for (const tab of await api.tabs.query({})) {
          if (tab.id === undefined) continue;
          const s = (await api.tabs.sendMessage(tab.id, { type: 'gl:summary' }).catch(() => undefined)) as { url: string } | undefined;
          if (s && s.url === target) return { tabId: tab.id, summary: s };
        }
        return null;
      }, url);
      if (found) return found as { tabId: number; summary: PageSummary };
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no content script answered for ${url}`);
  } finally {
    await probe.close();
  }
}

async function openDoc(ext: ExtensionHarness, server: TestServer): Promise<ExtPage> {
  const page = await ext.newPage();
  await page.goto(server.url(DOC, HOST));
  await expect.poll(() => highlightSizes(page), { timeout: 10_000 }).toEqual(EXPECTED);
  return page;
}

/** PNG of a clip of the page, base64. */
async function clipPng(page: ExtPage, clip: { x: number; y: number; width: number; height: number }): Promise<string> {
  if ('context' in page.raw) return (await (page.raw as PwPage).screenshot({ clip })).toString('base64');
  return (await (page.raw as PptrPage).screenshot({ clip, encoding: 'base64' })) as string;
}

test.describe('highlighting on county pages', () => {
  test('the 通知 page is detected and painted with each kind, in the right counts', async ({ ext, server }) => {
    const page = await openDoc(ext, server);
    const { summary } = await summaryOf(ext, server.url(DOC, HOST));
    expect(summary.detected).toBe(true);
    expect(summary.highlighted).toBe(true);
    expect(summary.reasons.join('\n')).toContain('信息公开栏');
    expect(summary.counts).toEqual({ docNumber: 3, deadline: 5, overdue: 3, unit: 3 });
    // The toolbar badge of that tab shows its open (not yet overdue) deadlines.
    const { tabId } = await summaryOf(ext, server.url(DOC, HOST));
    const probe = await ext.openExtensionPage('popup.html');
    await expect
      .poll(() =>
        probe.evaluate(async (id) => {
          type Action = { getBadgeText(d: { tabId: number }): Promise<string> };
          const g = globalThis as unknown as { browser?: { action?: Action; browserAction?: Action }; chrome?: { action?: Action } };
          const action = (g.browser?.action ?? g.browser?.browserAction ?? g.chrome?.action)!;
          return action.getBadgeText({ tabId: id });
        }, tabId),
      )
      .toBe('2');
    // Only the main content (#zoom) and the 信息公开 table are highlighted: not the top menu's 政府公报.
    const outside = await page.evaluate(() => {
      const out: string[] = [];
      CSS.highlights.forEach((h, name) => {
        if (!name.startsWith('gl-')) return;
        h.forEach((r) => {
          const el = (r as AbstractRange).startContainer.parentElement;
          if (!el?.closest('#zoom, .xxgk')) out.push(`${name}:${el?.className}`);
        });
      });
      return out;
    });
    expect(outside).toEqual([]);
    // The ::highlight() rules are in the page document.
    expect(await page.evaluate(() => document.head.querySelector('style[data-gazette-lens]')?.textContent ?? '')).toContain(
      '::highlight(gl-deadline-overdue)',
    );
  });

  test('a 文号 split across <span> and <b> is one highlight range; form text is not highlighted', async ({ ext, server }) => {
    const page = await openDoc(ext, server);
    const ranges = await page.evaluate(() => {
      const out: Array<{ text: string; start: string; end: string; inWh: boolean }> = [];
      for (const name of ['gl-docnumber', 'gl-deadline', 'gl-deadline-overdue', 'gl-unit']) {
        CSS.highlights.get(name)?.forEach((r) => {
          const range = r as AbstractRange;
          out.push({
            text: name + ':' + (range instanceof Range ? range.toString() : ''),
            start: range.startContainer.parentElement?.tagName ?? '',
            end: range.endContainer.parentElement?.tagName ?? '',
            inWh: !!range.startContainer.parentElement?.closest('#wh'),
          });
        });
      }
      return out;
    });
    const split = ranges.find((r) => r.inWh);
    expect(split).toEqual({ text: 'gl-docnumber:河政办发〔2024〕12号', start: 'SPAN', end: 'B', inWh: true });
    expect(ranges.map((r) => r.start)).not.toContain('TEXTAREA');
    expect(ranges.map((r) => r.text)).toEqual(
      expect.arrayContaining(['gl-unit:县住房和城乡建设局', 'gl-deadline:2030年12月31日前', 'gl-deadline-overdue:2024年4月15日前']),
    );
  });

  test('the page text and DOM are unchanged, and its own scripts and forms still work', async ({ ext, server }) => {
    const page = await openDoc(ext, server);
    const same = await page.evaluate(async () => {
      const fresh = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      return {
        text: fresh.body.textContent === document.body.textContent,
        html: fresh.body.innerHTML === document.body.innerHTML,
      };
    });
    expect(same).toEqual({ text: true, html: true });
    const after = await page.evaluate(() => {
      const w = window as unknown as { pageScriptRan?: boolean };
      document.getElementById('counter')!.click();
      document.getElementById('counter')!.click();
      (document.getElementById('send') as HTMLButtonElement).click();
      return {
        ran: w.pageScriptRan,
        clicks: document.getElementById('clicks')!.textContent,
        sent: document.getElementById('sent')!.textContent,
        url: location.pathname,
      };
    });
    expect(after).toEqual({ ran: true, clicks: '2', sent: '已提交', url: DOC });
  });

  test('the county home page and the news list get no highlights', async ({ ext, server }) => {
    for (const path of [HOME, NEWS]) {
      const page = await ext.newPage();
      await page.goto(server.url(path, HOST));
      const { summary } = await summaryOf(ext, server.url(path, HOST)); // analysis has finished
      expect(summary.detected, summary.reasons.join('; ')).toBe(false);
      expect(summary.reasons.join('\n')).toContain('像首页或列表页');
      expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
      expect(await page.evaluate(() => !!document.querySelector('style[data-gazette-lens]'))).toBe(false);
      expect(await page.evaluate(() => !!document.querySelector('gazette-lens-legend'))).toBe(false);
    }
  });

  test('highlight colours are painted (pixels), with screenshots for the README', async ({ ext, server }) => {
    const page = await openDoc(ext, server);
    const box = await page.evaluate(() => {
      const el = document.querySelector('#wh')!;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: Math.max(0, r.x), y: Math.max(0, r.y), width: Math.ceil(r.width), height: Math.ceil(r.height), scrollY: window.scrollY };
    });
    // Playwright clips in viewport coordinates, puppeteer (Firefox over BiDi) in document coordinates.
    const { scrollY, ...clip } = box;
    const png = await clipPng(page, ext.name === 'firefox' ? { ...clip, y: clip.y + scrollY } : clip);
    // Decode in the page itself (a data: image does not taint a canvas) and look for the 文号 tint.
    const found = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas'); // detached: the page is not changed
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      let tint = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - 214) <= 4 && Math.abs(data[i + 1]! - 234) <= 4 && Math.abs(data[i + 2]! - 248) <= 4) tint++;
      }
      return tint;
    }, png);
    expect(found).toBeGreaterThan(20);

    if (ext.name !== 'chromium') return; // the README's screenshots come from the Chromium run
    mkdirSync(SCREENSHOTS, { recursive: true });
    const raw = page.raw as PwPage;
    await raw.setViewportSize({ width: 900, height: 1080 });
    await raw.evaluate(() => window.scrollTo(0, 0));
    await raw.click('#tasks tbody tr:nth-child(1) td:nth-child(3)'); // 县农业农村局: its card
    await page.waitForText('gazette-lens-card', '');
    await raw.screenshot({ path: join(SCREENSHOTS, 'page-highlights.png') });

    const { tabId } = await summaryOf(ext, server.url(DOC, HOST));
    const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForText('[data-testid="popup-status"]', '已识别为公文页面');
    await popup.waitForText('[data-testid="group-deadline"]', '已逾期');
    const rawPopup = popup.raw as PwPage;
    await rawPopup.setViewportSize({ width: 380, height: 100 });
    const height = await rawPopup.evaluate(() => document.documentElement.scrollHeight);
    await rawPopup.setViewportSize({ width: 380, height: Math.min(1200, height) });
    await rawPopup.screenshot({ path: join(SCREENSHOTS, 'popup.png') });
  });

  test('the popup lists the page entities grouped, deadlines by date', async ({ ext, server }) => {
    await openDoc(ext, server);
    const { tabId } = await summaryOf(ext, server.url(DOC, HOST));
    const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForText('[data-testid="popup-status"]', '已识别为公文页面，已在页面上标注');
    await popup.waitForText('[data-testid="counts"]', '文号 3期限 5（逾期 3）单位 3');
    const groups = await popup.evaluate(() =>
      ['docnumber', 'deadline', 'unit'].map((g) =>
        [...document.querySelectorAll(`[data-testid="group-${g}"] li`)].map((li) => li.textContent),
      ),
    );
    expect(groups[0]).toEqual(['河政办发〔2024〕12号 ×2', '河政发〔2023〕31号']);
    // Dates written for the reader (Intl, zh-CN), in date order.
    expect(groups[1]!.map((t) => t!.split(' ')[0])).toEqual([
      '2024年4月15日',
      '2024年6月30日',
      '2024年10月31日',
      '2030年6月30日',
      '2030年12月31日',
    ]);
    expect(groups[1]![0]).toMatch(/已逾期 \d+ 天$/);
    expect(groups[1]![4]).toMatch(/还剩 \d+ 天$/);
    expect(groups[2]).toEqual(['县农业农村局 负责 · 任务 1 项', '县卫生健康局 负责 · 任务 1 项', '县住房和城乡建设局 负责 · 任务 1 项']);
  });
});

test('content added after load is highlighted, once (no loop)', async ({ ext, server }) => {
  const page = await openDoc(ext, server);
  await page.evaluate(() => document.getElementById('more')!.click());
  await expect.poll(() => highlightSizes(page), { timeout: 10_000 }).toEqual({ ...EXPECTED, 'gl-docnumber': 4, 'gl-deadline': 3 });
  const covered = await page.evaluate(() => {
    const out: string[] = [];
    CSS.highlights.forEach((h) =>
      h.forEach((r) => {
        if ((r as Range).startContainer.parentElement?.id === 'added') out.push((r as Range).toString());
      }),
    );
    return out.sort();
  });
  expect(covered).toEqual(['2030年9月30日前', '河政办发〔2024〕20号']);
  const { summary } = await summaryOf(ext, server.url(DOC, HOST));
  expect(summary.run).toBe(2);
  await new Promise((r) => setTimeout(r, 1500)); // our own work must not trigger another run
  expect((await summaryOf(ext, server.url(DOC, HOST))).summary.run).toBe(2);
});

test('clicking an entity in the popup scrolls the page to it, flashes it and opens its card with the focus in it', async ({
  ext,
  server,
}) => {
  const page = await openDoc(ext, server);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const { tabId } = await summaryOf(ext, server.url(DOC, HOST));
  const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.waitForText('[data-testid="group-deadline"]', '2030年6月30日');
  await popup.evaluate(() => {
    const items = [...document.querySelectorAll('[data-testid="group-deadline"] li button')];
    (items.find((b) => b.querySelector('time[datetime="2030-06-30"]')) as HTMLButtonElement).click();
  });
  await expect
    .poll(() => page.evaluate(() => CSS.highlights.get('gl-flash')?.values().next().value?.toString() ?? null))
    .toBe('2030年6月30日前');
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  // The keyboard way to a card: its first action has the focus (加入日历 for a dated deadline).
  await expect.poll(() => focusedCardAction(page)).toBe('ics');
});

test('the legend switches each kind off and on', async ({ ext, server }) => {
  const page = await openDoc(ext, server);
  // The legend's shadow root is closed: read it through the driver, click it with the mouse.
  const labels = await page.inShadow('gazette-lens-legend', (root) =>
    [...root.querySelectorAll('button[data-kind]')].map((b) => b.textContent),
  );
  expect(labels).toEqual(['文号 3', '期限 2', '已逾期 3', '责任单位 3']);
  const click = async (kind: string) => {
    const box = await page.inShadow(
      'gazette-lens-legend',
      (root, k) => {
        const r = root.querySelector(`button[data-kind="${k}"]`)!.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      },
      kind,
    );
    await page.click(box!);
  };
  await click('unit');
  await expect.poll(() => highlightSizes(page)).toEqual({ 'gl-docnumber': 3, 'gl-deadline': 2, 'gl-deadline-overdue': 3 });
  await click('unit');
  await expect.poll(() => highlightSizes(page)).toEqual(EXPECTED);
  // The legend lives outside <body>: the body's text is the page's own.
  expect(await page.evaluate(() => document.querySelector('gazette-lens-legend')!.parentElement === document.documentElement)).toBe(true);
});

test('clicking a highlight opens its card: 文号 parts, deadline date and .ics, unit tasks', async ({ ext, server }) => {
  const page = await openDoc(ext, server);
  // Click on the middle of the element's first line of text (cells wrap differently per browser).
  type Mouse = { mouse: { click(x: number, y: number): Promise<void> } };
  const click = async (selector: string) => {
    const { x, y } = await page.evaluate((sel) => {
      const el = document.querySelector(sel)!;
      el.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getClientRects()[0]!;
      return { x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2 };
    }, selector);
    await (page.raw as unknown as Mouse).mouse.click(x, y);
  };
  // The card's shadow root is closed: the driver reads it (the page can't).
  const cardText = () =>
    page.inShadow('gazette-lens-card', (root) => {
      return {
        main: root.querySelector('.main')?.textContent,
        values: [...root.querySelectorAll('dd')].map((d) => d.textContent),
        ics: root.querySelector('button[data-action="ics"]')?.textContent ?? null,
        items: [...root.querySelectorAll('li')].map((li) => li.textContent),
      };
    });
  await click('#wh b'); // the second half of the split 文号
  await expect.poll(cardText).toMatchObject({ main: '河政办发〔2024〕12号', values: ['河政办发', '2024', '12号'] });
  await click('#tasks tbody tr:nth-child(3) td:nth-child(4)');
  await expect.poll(cardText).toMatchObject({ main: '2030年12月31日前', ics: '加入日历' });
  // A clicked card takes the focus: its first action, 加入日历; Enter downloads the deadline's .ics.
  expect(await focusedCardAction(page)).toBe('ics');
  const ics = await ext.download(page, () => page.press('Enter'));
  expect(ics.name).toBe('期限-2030-12-31.ics');
  expect(ics.text).toContain('DTSTART;VALUE=DATE:20301231');
  expect((await cardText())!.values[0]).toBe('2030年12月31日');
  expect((await cardText())!.values[1]).toMatch(/^还剩 \d+ 天$/);
  await click('#tasks tbody tr:nth-child(2) td:nth-child(3)');
  await expect.poll(cardText).toMatchObject({ main: '县卫生健康局' });
  expect((await cardText())!.items[0]).toMatch(/^2 ｜ 推进农村户厕改造.*（2024年10月31日，已逾期 \d+ 天）$/);
  // A click on plain text closes it; the page's own text is still untouched.
  await click('#zoom h2');
  await expect.poll(cardText).toBeNull();
  expect(await page.evaluate(() => document.body.querySelector('gazette-lens-card'))).toBeNull();
});

test('resting the pointer on a highlight opens its card; moving away closes it unless inside the card; Escape closes', async ({
  ext,
  server,
}) => {
  const page = await openDoc(ext, server);
  type Input = { mouse: { move(x: number, y: number): Promise<void> }; keyboard: { press(key: string): Promise<void> } };
  const raw = page.raw as unknown as Input;
  const pointAt = (selector: string) =>
    page.evaluate((sel) => {
      const el = document.querySelector(sel)!;
      el.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getClientRects()[0]!;
      return { x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2 };
    }, selector);
  const hover = async (selector: string) => {
    const { x, y } = await pointAt(selector);
    await raw.mouse.move(x, y);
  };
  const cardMain = () => page.inShadow('gazette-lens-card', (root) => root.querySelector('.main')?.textContent ?? null);
  await hover('#wh b');
  await expect.poll(cardMain).toBe('河政办发〔2024〕12号');
  // Away (the top-left corner of the viewport: no highlight, not the card): it closes.
  await raw.mouse.move(3, 3);
  await expect.poll(cardMain).toBeNull();
  // Open again, then move into the card: it stays.
  await hover('#wh b');
  await expect.poll(cardMain).toBe('河政办发〔2024〕12号');
  const inCard = (await page.inShadow('gazette-lens-card', (root) => {
    const r = root.querySelector('.card')!.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }))!;
  // Hovering does not move the reader's focus into the card.
  expect(await focusedCardAction(page)).toBeNull();
  await raw.mouse.move(inCard.x, inCard.y);
  await new Promise((r) => setTimeout(r, 900));
  expect(await cardMain()).toBe('河政办发〔2024〕12号');
  // Escape closes it.
  await raw.keyboard.press('Escape');
  await expect.poll(cardMain).toBeNull();
  expect(await page.evaluate(() => document.body.querySelector('gazette-lens-card'))).toBeNull();
});

test('a GBK-encoded 政府文件 page is detected and highlighted', async ({ ext, server }) => {
  const path = '/shanhe/zfgb/2024/hzf-5.gbk.html';
  const page = await ext.newPage();
  await page.goto(server.url(path, HOST));
  expect(await page.evaluate(() => document.characterSet)).toBe('GBK');
  await expect
    .poll(() => highlightSizes(page), { timeout: 10_000 })
    .toEqual({ 'gl-docnumber': 2, 'gl-deadline': 1, 'gl-deadline-overdue': 0, 'gl-unit': 2 });
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    CSS.highlights.forEach((h) => h.forEach((r) => out.push((r as Range).toString())));
    return out.sort();
  });
  // 由县委编办牵头，县财政局配合: the lead and the supporting unit.
  expect(texts).toEqual(['2030年3月31日前', '县委编办', '县财政局', '河政发〔2021〕9号', '河政发〔2024〕5号'].sort());
});

test('a task table: 牵头单位/配合单位 columns are units with their roles, 时间节点 cells deadlines (长期坚持 ongoing)', async ({
  ext,
  server,
}) => {
  const path = '/shanhe/zfgb/2024/hzbf-15.html';
  const page = await ext.newPage();
  await page.goto(server.url(path, HOST));
  await expect.poll(async () => (await highlightSizes(page))['gl-unit'] ?? 0).toBe(7);
  // Which table column each highlight range sits in.
  const byColumn = await page.evaluate(() => {
    const out: Record<string, string[]> = {};
    CSS.highlights.forEach((h, name) =>
      h.forEach((r) => {
        const cell = (r as Range).startContainer.parentElement?.closest('td');
        if (!cell) return;
        const key = `${name}@${(cell as HTMLTableCellElement).cellIndex}`;
        (out[key] ??= []).push((r as Range).toString());
      }),
    );
    return out;
  });
  expect(byColumn['gl-unit@2']).toEqual(['县市场监管局', '县发展改革局', '县工商联']);
  expect(byColumn['gl-unit@3']).toEqual(['县税务局', '县公安局', '县财政局', '各乡镇人民政府']);
  expect(byColumn['gl-deadline@4']).toEqual(['2030年6月底前', '长期坚持', '2030年12月底前']);
  const { summary } = await summaryOf(ext, server.url(path, HOST));
  const roles = summary.entities.flatMap((e) => (e.kind === 'unit' ? [`${e.name}:${e.role}`] : []));
  expect(roles).toEqual([
    '县市场监管局:lead',
    '县税务局:support',
    '县公安局:support',
    '县发展改革局:lead',
    '县财政局:support',
    '县工商联:lead',
    '各乡镇人民政府:support',
  ]);
  expect(summary.entities.find((e) => e.text === '长期坚持')).toMatchObject({ kind: 'deadline', precision: 'ongoing', date: null });
});

test.describe('page and site switches in the popup', () => {
  const select = (popup: ExtPage, value: string) =>
    popup.evaluate((v) => {
      const s = document.querySelector('select[data-action="site"]') as HTMLSelectElement;
      s.value = v;
      s.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  const press = (popup: ExtPage, action: string) =>
    popup.evaluate((a) => (document.querySelector(`button[data-action="${a}"]`) as HTMLButtonElement).click(), action);

  test('a page is switched off and on; a site on the never list stays off after reload', async ({ ext, server }) => {
    const page = await openDoc(ext, server);
    const { tabId } = await summaryOf(ext, server.url(DOC, HOST));
    const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
    try {
      await popup.waitForText('[data-testid="popup-status"]', '已在页面上标注');
      await press(popup, 'off');
      await popup.waitForText('[data-testid="popup-status"]', '本页已关闭标注');
      await expect.poll(() => highlightSizes(page)).toEqual({});
      await press(popup, 'force');
      await expect.poll(() => highlightSizes(page)).toEqual(EXPECTED);

      await popup.waitForText('[data-testid="controls"]', '本站（www.shanhe.gov.cn）');
      await select(popup, 'never');
      await expect.poll(() => highlightSizes(page)).toEqual({});
      await page.goto(server.url(DOC, HOST));
      const after = await summaryOf(ext, server.url(DOC, HOST));
      expect(after.summary).toMatchObject({ mode: 'off', detected: true, highlighted: false });
      expect(await highlightSizes(page)).toEqual({});
    } finally {
      await clearExtensionStorage(popup);
    }
  });

  test('the options page puts a site on the never list; its pages load without highlights', async ({ ext, server }) => {
    const options = await ext.openExtensionPage('options.html');
    try {
      await options.waitForText('h1', '网站设置');
      await options.evaluate(() => {
        const input = document.querySelector('input[aria-label="网站"]') as HTMLInputElement;
        input.value = 'www.shanhe.gov.cn';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const select = document.querySelector('select[aria-label="方式"]') as HTMLSelectElement;
        select.value = 'never';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        (document.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      });
      await options.waitForText('[data-testid="sites"]', 'www.shanhe.gov.cn从不标注');
      const page = await ext.newPage();
      await page.goto(server.url(DOC, HOST));
      const { summary } = await summaryOf(ext, server.url(DOC, HOST));
      expect(summary).toMatchObject({ mode: 'off', highlighted: false });
      expect(await highlightSizes(page)).toEqual({});
    } finally {
      await clearExtensionStorage(options);
    }
  });

  test('标注此页 highlights a page that is not detected as a document', async ({ ext, server }) => {
    const page = await ext.newPage();
    await page.goto(server.url(HOME, HOST));
    const { tabId } = await summaryOf(ext, server.url(HOME, HOST));
    const popup = await ext.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForText('[data-testid="popup-status"]', '未识别为公文');
    await press(popup, 'force');
    await popup.waitForText('[data-testid="popup-status"]', '已按要求标注此页');
    await expect.poll(() => highlightSizes(page)).toMatchObject({ 'gl-docnumber': 1 });
  });
});
