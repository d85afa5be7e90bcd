// @vitest-environment happy-dom
/**
 * The UI in English: the browser's language is English, so browser.i18n answers from
 * public/_locales/en (the fake browser reads the real file) and Intl formats in English. The page's
 * own text (titles, 文号, deadlines as written, unit names) stays as the page wrote it.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotesManager } from '@/components/NotesManager';
import { Options } from '@/components/Options';
import { Popup, type SummaryResult } from '@/components/Popup';
import { reasonTexts } from '@/dom/analyze';
import { Legend } from '@/dom/legend';
import type { PageSummary } from '@/dom/summary';
import { detectDocument } from '@/lib/detect';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatDate, formatDaysLeft, intlLocale, t, uiLanguage } from '@/utils/i18n';
import { FakeNotesApi } from './fakes/fake-notes-api';
import { useLocale } from './fakes/i18n';
import { A1, C1, NOTES, PAGES, TODAY } from './fakes/note-fixtures';

beforeEach(() => useLocale('en', 'en-US'));
afterEach(() => {
  cleanup();
  document.documentElement.querySelectorAll('gazette-lens-legend').forEach((e) => e.remove());
  useLocale('zh_CN');
});

/** Text with Chinese in it, minus the page's own words listed in `page`. */
function chineseIn(el: Element, page: string[]): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.nodeValue ?? '');
  const attrs = [...el.querySelectorAll('*')].flatMap((e) => ['title', 'aria-label', 'placeholder'].map((a) => e.getAttribute(a) ?? ''));
  return [...texts, ...attrs].filter((s) => /\p{Script=Han}/u.test(s) && !page.some((p) => s.includes(p)));
}

const summary: PageSummary = {
  url: 'http://www.shanhe.gov.cn/zfgb/2024/hzbf-12.html',
  title: '关于印发工作方案的通知',
  detected: true,
  score: 12,
  reasons: [],
  highlighted: true,
  today: '2024-06-01',
  counts: { docNumber: 2, deadline: 3, overdue: 1, unit: 1 },
  timing: { totalMs: 5, longestTaskMs: 3, longestTaskIn: 'paint', tasks: 4, textLength: 900 },
  entities: [
    { index: 0, kind: 'docNumber', text: '河政办发〔2024〕12号', normalized: '河政办发〔2024〕12号' },
    { index: 1, kind: 'docNumber', text: '河政发〔2023〕31号', normalized: '河政发〔2023〕31号' },
    { index: 2, kind: 'deadline', text: '2024年6月2日前', date: '2024-06-02', precision: 'day', daysLeft: 1 },
    { index: 3, kind: 'deadline', text: '长期坚持', date: null, precision: 'ongoing', daysLeft: null },
    { index: 4, kind: 'deadline', text: '2024年4月15日前', date: '2024-04-15', precision: 'day', daysLeft: -47 },
    { index: 5, kind: 'unit', text: '县农业农村局', name: '县农业农村局', role: 'lead' },
  ],
};
// The page's words, and 政府公报: the section's name as the site writes it (the en reason quotes it).
const PAGE_WORDS = ['河政', '长期坚持', '2024年', '县农业农村局', '索引号', '政府公报'];

describe('in English', () => {
  it('formats dates and days with Intl and the en messages (singular and plural)', () => {
    expect(uiLanguage()).toBe('en-US');
    expect(intlLocale()).toBe('en-US');
    expect(formatDate('2024-06-01')).toBe('Jun 1, 2024');
    expect(formatDate('2024-06-01', { weekday: true })).toBe('Sat, June 1, 2024');
    expect(formatDate('2024-02-30')).toBe('2024-02-30'); // not a day: shown as given
    expect([formatDaysLeft(0), formatDaysLeft(1), formatDaysLeft(2), formatDaysLeft(-1), formatDaysLeft(-10)]).toEqual([
      'due today',
      '1 day left',
      '2 days left',
      '1 day overdue',
      '10 days overdue',
    ]);
    useLocale('en', 'en-GB'); // same messages, the reader's own day-month order
    expect(formatDate('2024-06-01')).toBe('1 Jun 2024');
  });

  it('the popup: status, switches, counts, groups and days left, around the page’s own text', async () => {
    // The content script words lib/detect's reasons in the reader's language.
    const reasons = reasonTexts({
      reasons: [
        { key: 'detectInfoBlock', subs: ['索引号、发文字号'] },
        { key: 'detectGazette', subs: [] },
      ],
    });
    render(<Popup load={() => Promise.resolve<SummaryResult>({ status: 'ok', summary: { ...summary, reasons } })} />);
    expect(screen.getByTestId('popup-status').textContent).toBe('Analysing this page…');
    await waitFor(() => expect(screen.getByTestId('popup-status').textContent).toBe('Recognised as a document page and highlighted.'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gazette Lens');
    expect(screen.getByText('Why (score 12)')).toBeTruthy();
    expect(screen.getByTestId('reasons').textContent).toBe(
      'Has a public-information block (索引号、发文字号)In the government gazette (政府公报) section',
    );
    expect(screen.getByTestId('counts').textContent).toBe('Doc. numbers 2Deadlines 3 (1 overdue)Units 1');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Document numbers',
      'Deadlines',
      'Responsible units',
    ]);
    const deadlines = [...screen.getByTestId('group-deadline').querySelectorAll('li')].map((li) => li.textContent);
    expect(deadlines).toEqual(['Apr 15, 2024 2024年4月15日前47 days overdue', 'Jun 2, 2024 2024年6月2日前1 day left', '— 长期坚持ongoing']);
    expect(screen.getByTestId('group-unit').querySelector('li')!.textContent).toBe('县农业农村局 lead · tasks: 1');
    expect(screen.getAllByTitle('Show on the page').length).toBe(6); // 2 文号, 3 deadlines, 1 unit
    expect(chineseIn(document.body, PAGE_WORDS)).toEqual([]);
  });

  it('the popup where Gazette Lens does not run', () => {
    render(<Popup />);
    expect(screen.getByTestId('popup-status').textContent).toMatch(/^Gazette Lens is not running on this page/);
  });

  it('the notes manager: title, counts, views, filters and a note row', async () => {
    render(
      <NotesManager
        api={new FakeNotesApi(NOTES, PAGES)}
        today={TODAY}
        now={() => new Date('2024-06-10T04:00:00Z')}
        search=""
        onSearchChange={() => {}}
      />,
    );
    await waitFor(() => expect(screen.getByTestId('counts')).toBeTruthy());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Notes · Gazette Lens');
    expect(screen.getByTestId('counts').textContent).toBe('7 notes · 3 to do · 1 overdue');
    expect(screen.getByTestId('filtered-count').textContent).toBe('Matching: 7');
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['All notes', 'Tasks by due date']);
    expect([...screen.getByTestId<HTMLSelectElement>('filter-status').options].map((o) => o.textContent)).toEqual(['All', 'To do', 'Done']);
    const a1 = screen.getByTestId('list').querySelector<HTMLElement>(`[data-note-id="${A1.id}"]`)!;
    expect(a1.querySelector('.kind')!.textContent).toBe('Deadline');
    expect(within(a1).getByRole('img').getAttribute('aria-label')).toBe('Colour: yellow');
    expect(within(a1).getByTestId('note-due').textContent).toBe('Due Fri, May 31, 2024 · 10 days overdue');
    const c1 = screen.getByTestId('list').querySelector<HTMLElement>(`[data-note-id="${C1.id}"]`)!;
    expect(within(c1).getByTestId('note-status').textContent).toBe('Done');
    // Notes, quotes, titles and tags are the reader's and the page's words.
    const own = [
      ...NOTES.flatMap((n) => [n.body, n.pageTitle, ...n.tags, n.target.type === 'page' ? '' : n.target.quote.exact]),
      ...PAGES.flatMap((p) => [p.title, p.docNumber ?? '', p.site]),
    ].filter(Boolean);
    expect(chineseIn(document.body, own)).toEqual([]);
  });

  it('the site settings', async () => {
    render(<Options load={() => Promise.resolve({ 'www.shanhe.gov.cn': 'never' as const })} save={() => Promise.resolve()} />);
    await waitFor(() => expect(screen.getByTestId('sites').textContent).toBe('www.shanhe.gov.cnNever highlightRemove'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gazette Lens · Site settings');
    expect(screen.getByRole('button', { name: 'Add' })).toBeTruthy();
    expect(chineseIn(document.body, [])).toEqual([]);
  });

  it('the in-page legend', () => {
    new Legend(document, 'open').update(summary);
    const root = document.querySelector('gazette-lens-legend')!.shadowRoot!;
    const buttons = [...root.querySelectorAll('button[data-kind]')].map((b) => b.textContent);
    expect(buttons).toEqual(['Doc. numbers 2', 'Deadlines 2', 'Overdue 1', 'Units 1']);
    expect(root.querySelector('[role=group]')!.getAttribute('aria-label')).toBe('Gazette Lens legend');
    expect(root.querySelector('[role=group]')!.getAttribute('lang')).toBe('en');
  });

  it('why a page is not a document, worded from lib/detect’s message names', () => {
    const d = detectDocument({ meta: {}, title: '', text: '欢迎', linkTextLength: 0, docNumberCount: 0, deadlineCount: 0 });
    expect(reasonTexts(d)).toEqual(['The text is too short']);
  });
});

describe('language fallbacks', () => {
  it('a browser in a language the extension lacks gets the default zh_CN words, and dates to match', () => {
    useLocale('zh_CN', 'fr-FR'); // what the browsers do: messages fall back to default_locale
    expect(intlLocale()).toBe('zh-CN');
    expect(formatDate('2024-06-01')).toBe('2024年6月1日');
    expect(formatDaysLeft(1)).toBe('还剩 1 天');
  });

  it('without browser.i18n (a Node script), t() shows the message name instead of nothing', () => {
    const i18n = fakeBrowser.i18n as unknown as { getMessage: unknown };
    const saved = i18n.getMessage;
    i18n.getMessage = undefined;
    try {
      expect(t('appName')).toBe('appName');
    } finally {
      i18n.getMessage = saved;
    }
  });
});
