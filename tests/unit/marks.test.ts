// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localExtract } from '@/dom/local-extract';
import { analyzePage, runAnalysis } from '@/dom/analyze';
import { highlightApiAvailable, markElements, paintMarks, removeMarks } from '@/dom/highlighter';
import { PageLens } from '@/dom/live';
import { buildTextModel } from '@/dom/text-model';
import { extract } from '@/lib/index';

const PAGES = join(__dirname, '../e2e/pages/shanhe');
function load(path: string) {
  const html = readFileSync(join(PAGES, path), 'utf8');
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
}
const marks = () => markElements(document).map((m) => `${m.className}:${m.textContent}`);

describe('fallback marks (no CSS Custom Highlight API)', () => {
  it('happy-dom has no CSS.highlights, so the fallback is what runs here', () => {
    expect(typeof CSS === 'undefined' || !('highlights' in CSS)).toBe(true);
    expect(highlightApiAvailable()).toBe(false);
  });

  it('wraps entities, also across elements, leaving textContent identical; removal restores the DOM', () => {
    document.body.innerHTML =
      '<p id="wh"><span>河政办</span><b>发〔2024〕12号</b></p><p>请于2030年6月30日前报送县农业农村局，责任单位：县财政局。</p>';
    const html = document.body.innerHTML;
    const text = document.body.textContent;
    const nodes = Array.from(document.body.querySelectorAll('span, b, p')).map((e) => e.firstChild);
    const model = buildTextModel(document.body);
    const entities = extract(model.text, { baseDate: '2024-03-01' });
    const counts = paintMarks(model, entities, '2024-03-01');
    expect(counts.docnumber).toBe(1);
    expect(marks()).toEqual(
      expect.arrayContaining(['gl-docnumber:河政办', 'gl-docnumber:发〔2024〕12号', 'gl-deadline:2030年6月30日前', 'gl-unit:县财政局']),
    );
    for (const m of markElements(document)) expect(m.hasAttribute('data-gazette-lens')).toBe(true);
    expect(document.body.textContent).toBe(text);
    // The model of the marked page is the same text (marks are transparent).
    expect(buildTextModel(document.body).text).toBe(model.text);
    removeMarks(document);
    expect(markElements(document)).toHaveLength(0);
    expect(document.body.innerHTML).toBe(html);
    // The page's own text nodes are the same objects, holding their whole text again.
    expect(Array.from(document.body.querySelectorAll('span, b, p')).map((e) => e.firstChild)).toEqual(nodes);
    for (const p of Array.from(document.body.querySelectorAll('p'))) p.normalize();
    expect(document.body.innerHTML).toBe(html);
  });

  it('the 通知 fixture is painted with marks; re-runs replace them; page text unchanged', async () => {
    load('zfgb/2024/hzbf-12.html');
    const html = document.body.innerHTML;
    const text = document.body.textContent;
    const summary = await analyzePage(document, { today: '2026-01-01', extractText: localExtract });
    expect(summary.highlighted).toBe(true);
    expect(summary.counts).toMatchObject({ docNumber: 3, deadline: 5, unit: 3 });
    const painted = marks();
    expect(painted.filter((m) => m.startsWith('gl-docnumber:')).join('')).toBe(
      'gl-docnumber:河政办发〔2024〕12号gl-docnumber:河政办gl-docnumber:发〔2024〕12号gl-docnumber:河政发〔2023〕31号',
    );
    expect(painted.filter((m) => m.startsWith('gl-deadline-overdue:'))).toHaveLength(3);
    expect(document.body.textContent).toBe(text);
    // Ranges (cards, the popup's jump) still cover each entity's text in the marked DOM.
    const a = await runAnalysis(document, { today: '2026-01-01', extractText: localExtract });
    a.entities.forEach((e, i) => expect(a.rangeOf(i)!.toString().replace(/\s+/g, '')).toBe(e.text.replace(/\s+/g, '')));
    expect(document.head.querySelector('style[data-gazette-lens]')!.textContent).toContain('mark.gl-unit[data-gazette-lens]');
    // A second run removes the first run's marks before modelling: same marks, no nesting.
    await analyzePage(document, { today: '2026-01-01', extractText: localExtract });
    expect(marks()).toEqual(painted);
    expect(document.body.querySelector('mark mark')).toBeNull();
    expect(document.body.textContent).toBe(text);
    // Switched off: the marks come out and the DOM is the page's own again.
    const off = await analyzePage(document, { today: '2026-01-01', extractText: localExtract, mode: 'off' });
    expect(off.highlighted).toBe(false);
    expect(markElements(document)).toHaveLength(0);
    expect(document.body.innerHTML).toBe(html);
  });

  it('our own marks do not trigger a re-run of a watched page', async () => {
    load('zfgb/2024/hzbf-12.html');
    const lens = new PageLens(document, {
      analyze: () => ({ today: '2026-01-01', extractText: localExtract }),
      debounceMs: 20,
      minIntervalMs: 0,
    });
    const stop = lens.watch();
    await lens.summary();
    expect(markElements(document).length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(lens.runs).toBe(1);
    // The page's own change still does.
    const p = document.createElement('p');
    p.textContent = '各乡镇于2030年9月30日前完成整改。';
    document.getElementById('zoom')!.append(p);
    await new Promise((r) => setTimeout(r, 200));
    await lens.summary();
    expect(lens.runs).toBe(2);
    expect(marks()).toContain('gl-deadline:2030年9月30日前');
    stop();
  });
});
