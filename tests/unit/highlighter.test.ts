// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localExtract } from '@/dom/local-extract';
import { analyzePage } from '@/dom/analyze';
import { HIGHLIGHT_CSS, HIGHLIGHT_NAMES, highlightKind, injectStyles, STYLE_ID } from '@/dom/highlighter';
import { isRevealRequest, isSummaryRequest, openDeadlines } from '@/dom/summary';
import { PageLens } from '@/dom/live';
import { Legend } from '@/dom/legend';

// happy-dom has no CSS Custom Highlight API: a minimal stand-in with the same shape.
class FakeHighlight extends Set<Range> {
  priority = 0;
  constructor(...ranges: Range[]) {
    super(ranges);
  }
}
const registry = new Map<string, FakeHighlight>();
const g = globalThis as unknown as { Highlight?: unknown; CSS?: { highlights?: unknown } };
let saved: { Highlight: unknown; CSS: unknown };

beforeEach(() => {
  saved = { Highlight: g.Highlight, CSS: g.CSS };
  registry.clear();
  g.Highlight = FakeHighlight;
  g.CSS = { ...(g.CSS ?? {}), highlights: registry };
});
afterEach(() => {
  g.Highlight = saved.Highlight;
  g.CSS = saved.CSS as typeof g.CSS;
});

const PAGES = join(__dirname, '../e2e/pages/shanhe');
function load(path: string) {
  const html = readFileSync(join(PAGES, path), 'utf8');
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
}

describe('highlighter', () => {
  it('classifies overdue deadlines relative to today', () => {
    const d = { kind: 'deadline' as const, start: 0, end: 1, text: 'x', date: '2024-06-30', precision: 'day' as const };
    expect(highlightKind(d, '2024-06-30')).toBe('deadline');
    expect(highlightKind(d, '2024-07-01')).toBe('deadline-overdue');
    expect(highlightKind({ ...d, date: null, precision: 'ongoing' }, '2099-01-01')).toBe('deadline');
  });

  it('has one distinct ::highlight() rule per kind', () => {
    for (const name of Object.values(HIGHLIGHT_NAMES)) expect(HIGHLIGHT_CSS).toContain(`::highlight(${name})`);
    document.head.innerHTML = '';
    injectStyles(document);
    injectStyles(document);
    expect(document.querySelectorAll(`#${STYLE_ID}`)).toHaveLength(1);
    expect(document.getElementById(STYLE_ID)!.parentElement).toBe(document.head);
  });

  it('analyses the fixture 通知: detects it, paints each kind, leaves the text alone', async () => {
    load('zfgb/2024/hzbf-12.html');
    const before = document.body.textContent;
    const htmlBefore = document.body.innerHTML;
    let yields = 0;
    const summary = await analyzePage(document, {
      today: '2026-01-01',
      extractText: localExtract,
      yieldNow: () => {
        yields++;
        return Promise.resolve();
      },
      sliceMs: 0,
    });
    expect(summary.detected).toBe(true);
    expect(summary.highlighted).toBe(true);
    expect(yields).toBeGreaterThan(2);
    const sizes = Object.fromEntries([...registry].map(([k, h]) => [k, h.size]));
    expect(sizes).toEqual({ 'gl-docnumber': 3, 'gl-deadline': 2, 'gl-deadline-overdue': 3, 'gl-unit': 3 });
    expect(summary.counts).toEqual({ docNumber: 3, deadline: 5, overdue: 3, unit: 3 });
    const split = [...registry.get('gl-docnumber')!].find((r) => r.startContainer.parentElement?.tagName === 'SPAN')!;
    expect(split.toString()).toBe('河政办发〔2024〕12号');
    expect(split.endContainer.parentElement!.tagName).toBe('B');
    const overdue = summary.entities.find((e) => e.kind === 'deadline' && e.date === '2024-04-15');
    expect(overdue).toMatchObject({ daysLeft: -626 });
    expect(openDeadlines(summary)).toBe(2); // the two 2030 deadlines
    expect(openDeadlines({ ...summary, highlighted: false })).toBe(0);
    expect(document.body.textContent).toBe(before);
    expect(document.body.innerHTML).toBe(htmlBefore);
  });

  it('paints nothing on the home page and the news list', async () => {
    for (const page of ['index.html', 'tzgg/index.html']) {
      registry.clear();
      load(page);
      const summary = await analyzePage(document, { today: '2026-01-01', extractText: localExtract, yieldNow: () => Promise.resolve() });
      expect(summary.detected).toBe(false);
      expect(summary.highlighted).toBe(false);
      expect(registry.size).toBe(0);
    }
  });

  it('re-analyses when page text is added, ignores our own UI, and reveals an entity', async () => {
    load('zfgb/2024/hzbf-12.html');
    const lens = new PageLens(document, {
      analyze: () => ({ today: '2026-01-01', extractText: localExtract, yieldNow: () => Promise.resolve() }),
      debounceMs: 5,
      minIntervalMs: 0,
    });
    const stop = lens.watch();
    expect((await lens.summary()).counts.docNumber).toBe(3);
    const ui = document.createElement('div');
    ui.setAttribute('data-gazette-lens', '');
    ui.textContent = '河政办发〔2024〕99号';
    document.body.append(ui);
    await new Promise((r) => setTimeout(r, 30));
    expect(lens.runs).toBe(1);
    const p = document.createElement('p');
    p.textContent = '补充通知：河政办发〔2024〕20号要求于2030年9月30日前完成。';
    document.getElementById('zoom')!.append(p);
    await vi.waitFor(() => expect(lens.runs).toBe(2));
    const s = await lens.summary();
    expect(s.counts.docNumber).toBe(4);
    expect(registry.get('gl-docnumber')!.size).toBe(4);
    expect(registry.get('gl-deadline')!.size).toBe(3);
    const i = s.entities.findIndex((e) => e.text === '河政办发〔2024〕20号');
    const scrolled: Element[] = [];
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    expect(await lens.reveal(i)).toBe(true);
    expect(scrolled).toEqual([p]);
    expect([...registry.get('gl-flash')!][0]!.toString()).toBe('河政办发〔2024〕20号');
    expect(await lens.reveal(999)).toBe(false);
    stop();
  });

  it('setMode: off clears the highlights, force paints a page that is not a document', async () => {
    load('zfgb/2024/hzbf-12.html');
    const lens = new PageLens(document, {
      analyze: () => ({ today: '2026-01-01', extractText: localExtract, yieldNow: () => Promise.resolve() }),
    });
    expect((await lens.summary()).highlighted).toBe(true);
    const off = await lens.setMode('off');
    expect(off).toMatchObject({ mode: 'off', highlighted: false, detected: true });
    expect(registry.size).toBe(0);
    load('index.html');
    const home = new PageLens(document, {
      analyze: () => ({ today: '2026-01-01', extractText: localExtract, yieldNow: () => Promise.resolve() }),
      mode: 'force',
    });
    expect(await home.summary()).toMatchObject({ mode: 'force', detected: false, highlighted: true });
    expect(registry.get('gl-docnumber')!.size).toBe(1);
  });

  it('shows a legend outside <body> whose switches take kinds out of CSS.highlights and back', async () => {
    load('zfgb/2024/hzbf-12.html');
    const bodyHtml = document.body.innerHTML;
    const opts = { today: '2026-01-01', extractText: localExtract, yieldNow: () => Promise.resolve() };
    const summary = await analyzePage(document, opts);
    const legend = new Legend(document, 'open');
    legend.update(summary);
    const host = document.querySelector('gazette-lens-legend')!;
    expect(host.parentElement).toBe(document.documentElement);
    expect(document.body.innerHTML).toBe(bodyHtml);
    const buttons = [...host.shadowRoot!.querySelectorAll('button[data-kind]')] as HTMLButtonElement[];
    expect(buttons.map((b) => b.textContent)).toEqual(['文号 3', '期限 2', '已逾期 3', '责任单位 3']);
    expect(legend.toggle('deadline')).toBe(false);
    expect(registry.has('gl-deadline')).toBe(false);
    expect(buttons[1]!.getAttribute('aria-pressed')).toBe('false');
    // A re-run registers fresh highlights; the switched-off kind stays off.
    legend.update(await analyzePage(document, opts));
    expect(registry.has('gl-deadline')).toBe(false);
    buttons[1]!.click();
    expect(registry.get('gl-deadline')!.size).toBe(2);
    legend.update({ ...summary, highlighted: false });
    expect(document.querySelector('gazette-lens-legend')).toBeNull();
  });

  it('recognises the summary and reveal requests', () => {
    expect(isRevealRequest({ type: 'gl:reveal', index: 2 })).toBe(true);
    expect(isRevealRequest({ type: 'gl:reveal', index: '2' })).toBe(false);
    expect(isSummaryRequest({ type: 'gl:summary' })).toBe(true);
    expect(isSummaryRequest({ type: 'ping' })).toBe(false);
    expect(isSummaryRequest(null)).toBe(false);
  });
});
