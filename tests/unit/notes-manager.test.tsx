// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadBlob, exportFilename } from '@/components/download';
import { NotesManager } from '@/components/NotesManager';
import { SEARCH_DEBOUNCE_MS } from '@/components/SearchBox';
import { TOAST_MS } from '@/components/Toast';
import type { AnnotatedPage, Note } from '@/lib/notes/note';
import { NotesError } from '@/lib/notes/notes-api';
import { parseNotesFile } from '@/lib/notes/notes-file';
import { notesToCsv } from '@/lib/notes/csv';
import { serializeCollection, toAnnotationCollection } from '@/lib/notes/web-annotation';
import { FakeNotesApi } from './fakes/fake-notes-api';
import { A1, A2, A3, B1, B2, B3, C1, NOTES, PAGES, PAGE_A, PAGE_B, TODAY, makeNote, uid } from './fakes/note-fixtures';

const NOW = new Date('2024-06-10T04:00:00.000Z');

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup(options: { notes?: Note[]; pages?: AnnotatedPage[]; search?: string; api?: FakeNotesApi } = {}) {
  const api = options.api ?? new FakeNotesApi(options.notes ?? NOTES, options.pages ?? PAGES);
  const searches: string[] = [];
  render(<NotesManager api={api} today={TODAY} now={() => NOW} search={options.search ?? ''} onSearchChange={(s) => searches.push(s)} />);
  return { api, searches, lastSearch: () => searches.at(-1) };
}

/** Note ids in the order the reader sees them. */
const shownIds = () => screen.queryAllByTestId('note').map((el) => el.getAttribute('data-note-id'));
const row = (note: Note) => screen.getByTestId('list').querySelector<HTMLElement>(`[data-note-id="${note.id}"]`)!;
const loaded = () => waitFor(() => expect(screen.getByTestId('counts')).toBeTruthy());
const select = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('NotesManager: the notes view', () => {
  it('shows the counts and every note under its document, with 文号, 成文日期, site and a link', async () => {
    setup();
    await loaded();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('批注管理 · 公报透镜');
    // 7 notes; open tasks: A1 (overdue), B3 (due today), B1; C1 is overdue by date but done.
    expect(screen.getByTestId('counts').textContent).toBe('共 7 条，待办 3 条，已逾期 1 条');
    expect(screen.getByTestId('filtered-count').textContent).toBe('符合条件 7 条');

    const groups = screen.getAllByTestId('page-group');
    // Newest update first: B1 (06-06) leads, then A2 (06-03), then C1 (06-01).
    expect(groups.map((g) => g.getAttribute('data-url'))).toEqual([PAGE_B.url, PAGE_A.url, C1.url]);
    const a = within(groups[1]!);
    const link = a.getByRole('link', { name: PAGE_A.title });
    expect(link.getAttribute('href')).toBe(PAGE_A.url);
    const meta = groups[1]!.querySelector('.meta')!.textContent;
    expect(meta).toContain('文号 河政办发〔2024〕12号');
    expect(meta).toContain('成文日期 2024年3月5日');
    expect(meta).toContain('网站 www.shanhe.gov.cn');
    expect(meta).toContain('3 条批注');
    expect(a.getAllByTestId('note').map((n) => n.getAttribute('data-note-id'))).toEqual([A2.id, A1.id, A3.id]);

    // A deadline note: kind badge, quote, body, tags, colour by name, due date and days overdue in red.
    const a1 = row(A1);
    expect(a1.querySelector('.kind')!.textContent).toBe('期限');
    expect(a1.querySelector('blockquote')!.textContent).toBe('2024年5月底前');
    expect(a1.querySelector('.body')!.textContent).toBe('提醒县农业农村局报送春播进度');
    expect([...a1.querySelectorAll('.tags li')].map((li) => li.textContent)).toEqual(['农业', '督办']);
    expect(within(a1).getByRole('img').getAttribute('aria-label')).toBe('颜色：黄色');
    const due = within(a1).getByTestId('note-due');
    expect(due.textContent).toBe('截止 2024年5月31日周五 · 已逾期 10 天');
    expect(due.classList.contains('overdue')).toBe(true);
    expect(row(A3).querySelector('.kind')!.textContent).toBe('文号');
    expect(row(C1).querySelector('.kind')!.textContent).toBe('单位');
    // Done: no days count, not red, even though its date has passed.
    expect(within(row(C1)).getByTestId('note-due').textContent).toBe('截止 2024年6月8日周六');
    expect(within(row(C1)).getByTestId('note-status').textContent).toBe('已完成');
  });

  it('searches body, quote, title, 文号 and tags', async () => {
    const { lastSearch } = setup();
    await loaded();
    const search = screen.getByTestId('search');
    fireEvent.input(search, { target: { value: '配套资金' } }); // A2's quote only
    await waitFor(() => expect(shownIds()).toEqual([A2.id]));
    await waitFor(() => expect(lastSearch()).toBe(`?q=${encodeURIComponent('配套资金')}`));
    fireEvent.input(search, { target: { value: '河政发〔2024〕7号' } }); // PAGE_B's 文号
    await waitFor(() => expect(shownIds().sort()).toEqual([B1.id, B2.id, B3.id].sort()));
    fireEvent.input(search, { target: { value: '安全生产' } }); // C1's page title
    await waitFor(() => expect(shownIds()).toEqual([C1.id]));
    fireEvent.input(search, { target: { value: '督办' } }); // a tag
    await waitFor(() => expect(shownIds().sort()).toEqual([A1.id, B3.id].sort()));
    expect(screen.getByTestId('filtered-count').textContent).toBe('符合条件 2 条');
    fireEvent.input(search, { target: { value: '没有这样的批注' } });
    await waitFor(() => expect(screen.getByTestId('empty').textContent).toContain('没有符合条件的批注'));
  });

  it('filters on what an input method commits, not on the pinyin it shows while composing', async () => {
    const { searches } = setup();
    await loaded();
    const search = screen.getByTestId<HTMLInputElement>('search');
    fireEvent.compositionStart(search);
    fireEvent.input(search, { target: { value: 'fang xun' } });
    await new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 100));
    expect(shownIds()).toHaveLength(7);
    expect(search.value).toBe('fang xun');
    fireEvent.input(search, { target: { value: '防汛' } });
    fireEvent.compositionEnd(search);
    await waitFor(() => expect(shownIds().sort()).toEqual([B1.id, B2.id, B3.id].sort())); // tags and PAGE_B's title
    expect(searches.filter((s) => s.includes('fang'))).toEqual([]);
  });

  it('narrows by tag, site, status and each due filter, and keeps them in the URL', async () => {
    const { lastSearch } = setup();
    await loaded();
    const cases: Array<[string, string, Note[], string]> = [
      ['filter-tag', '防汛', [B1, B3], 'tag=%E9%98%B2%E6%B1%9B'],
      ['filter-site', 'www.hexi.gov.cn', [C1], 'site=www.hexi.gov.cn'],
      ['filter-status', 'done', [A3, C1], 'status=done'],
      ['filter-status', 'todo', [A1, A2, B1, B2, B3], 'status=todo'],
      ['filter-due', 'overdue', [A1], 'due=overdue'],
      ['filter-due', 'today', [B3], 'due=today'],
      ['filter-due', 'week', [B1, B3], 'due=week'],
      ['filter-due', 'has', [A1, B1, B3, C1], 'due=has'],
      ['filter-due', 'none', [A2, A3, B2], 'due=none'],
    ];
    for (const [testId, value, expected, query] of cases) {
      select(testId, value);
      await waitFor(() => expect(shownIds().sort()).toEqual(expected.map((n) => n.id).sort()));
      await waitFor(() => expect(lastSearch()).toContain(query));
      select(testId, testId === 'filter-status' || testId === 'filter-due' ? 'all' : '');
    }
    // The tag list offers each tag in use with its count.
    const tagOptions = [...screen.getByTestId<HTMLSelectElement>('filter-tag').options].map((o) => o.textContent);
    expect(tagOptions).toContain('督办（2）');
    // Clearing brings everything back and the URL to its bare form.
    select('filter-site', 'www.shanhe.gov.cn');
    await waitFor(() => expect(shownIds()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(shownIds()).toHaveLength(7));
    await waitFor(() => expect(lastSearch()).toBe(''));
  });

  it('opens with the filters and view of its URL', async () => {
    setup({ search: '?tag=%E7%9D%A3%E5%8A%9E&status=todo' });
    await loaded();
    expect(shownIds().sort()).toEqual([A1.id, B3.id].sort());
    expect(screen.getByTestId<HTMLSelectElement>('filter-tag').value).toBe('督办');
    expect(screen.getByTestId<HTMLSelectElement>('filter-status').value).toBe('todo');
  });

  it('sorts by due date with the earliest first (undated last)', async () => {
    setup({ search: '?sort=due' });
    await loaded();
    // Earliest due: A1 05-31, C1 06-08, B3 06-10, B1 06-15; pages in the order of their first note.
    expect(shownIds()[0]).toBe(A1.id);
    expect(screen.getAllByTestId('page-group').map((g) => g.getAttribute('data-url'))).toEqual([PAGE_A.url, C1.url, PAGE_B.url]);
    expect(shownIds()).toEqual([A1.id, A2.id, A3.id, C1.id, B3.id, B1.id, B2.id]);
    // Without grouping effects: the due filter keeps only dated notes, earliest first.
    select('filter-due', 'has');
    await waitFor(() => expect(shownIds()).toEqual([A1.id, C1.id, B3.id, B1.id]));
  });

  it("shows one page's notes for ?page=<url> (the popup's link), normalised, and can show all again", async () => {
    const { lastSearch } = setup({ search: `?page=${encodeURIComponent(`${PAGE_B.url}?utm_source=wx#part2`)}` });
    await loaded();
    expect(shownIds().sort()).toEqual([B1.id, B2.id, B3.id].sort());
    expect(screen.getByTestId('page-only').textContent).toContain(PAGE_B.title);
    fireEvent.click(screen.getByRole('button', { name: '显示全部批注' }));
    await waitFor(() => expect(shownIds()).toHaveLength(7));
    expect(lastSearch()).toBe('');
  });

  it('writes the view and filters into the page URL by default', async () => {
    history.replaceState(null, '', '/notes.html?view=tasks');
    render(<NotesManager api={new FakeNotesApi(NOTES, PAGES)} today={TODAY} />);
    await loaded();
    expect(screen.getByTestId('view-tasks')).toBeTruthy();
    fireEvent.input(screen.getByTestId('search'), { target: { value: '防汛' } });
    await waitFor(() => expect(location.search).toBe(`?q=${encodeURIComponent('防汛')}&view=tasks`));
    history.replaceState(null, '', '/');
  });
});

describe('NotesManager: the deadlines view', () => {
  it('lists open tasks by due date, overdue first, with days left, and marks one done', async () => {
    const { api } = setup({ search: '?view=tasks' });
    await loaded();
    expect(screen.getByTestId('tab-tasks').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('view-tasks')).toBeTruthy();
    expect(shownIds()).toEqual([A1.id, B3.id, B1.id]);
    const dues = screen.getAllByTestId('note-due');
    expect(dues.map((d) => d.textContent)).toEqual([
      '截止 2024年5月31日周五 · 已逾期 10 天',
      '截止 2024年6月10日周一 · 今天到期',
      '截止 2024年6月15日周六 · 还剩 5 天',
    ]);
    expect(dues.map((d) => d.classList.contains('overdue'))).toEqual([true, false, false]);
    // Each task names its page (the list is not grouped).
    expect(within(row(B3)).getByRole('link').textContent).toBe(PAGE_B.title);

    fireEvent.click(within(row(B3)).getByRole('button', { name: '标为完成' }));
    await waitFor(() => expect(shownIds()).toEqual([A1.id, B1.id]));
    expect(api.writes()).toEqual([{ method: 'update', args: [B3.id, { status: 'done' }, NOW] }]);
    expect(screen.getByTestId('counts').textContent).toBe('共 7 条，待办 2 条，已逾期 1 条');
  });

  it('says when there is nothing to do', async () => {
    setup({ notes: [A2, A3], search: '?view=tasks' });
    await loaded();
    expect(screen.getByTestId('empty').textContent).toContain('没有待办事项');
  });
});

describe('NotesManager: editing, deleting, status', () => {
  it('edits a note inline and saves through the api (Enter in tags does not save; Ctrl+Enter does)', async () => {
    const { api } = setup();
    await loaded();
    fireEvent.click(within(row(A2)).getByRole('button', { name: /^编辑/ }));
    const form = within(row(A2)).getByTestId('note-editor');
    const f = within(form);
    expect(document.activeElement).toBe(f.getByLabelText('批注内容'));
    fireEvent.input(f.getByLabelText('批注内容'), { target: { value: '资金已于6月5日到位' } });
    const tags = f.getByLabelText('标签（用逗号或顿号分隔）');
    fireEvent.input(tags, { target: { value: '资金、审计, 财政，资金' } });
    expect(fireEvent.keyDown(tags, { key: 'Enter' })).toBe(false); // default (submit) prevented
    fireEvent.click(f.getByLabelText('绿色'));
    fireEvent.input(f.getByLabelText('截止日期'), { target: { value: '2024-07-01' } });
    expect(api.writes()).toEqual([]);

    fireEvent.keyDown(f.getByLabelText('批注内容'), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(within(row(A2)).queryByTestId('note-editor')).toBeNull());
    expect(api.writes()).toEqual([
      {
        method: 'update',
        args: [A2.id, { body: '资金已于6月5日到位', tags: ['资金', '审计', '财政'], color: 'green', due: '2024-07-01' }, NOW],
      },
    ]);
    const a2 = row(A2);
    expect(a2.querySelector('.body')!.textContent).toBe('资金已于6月5日到位');
    expect([...a2.querySelectorAll('.tags li')].map((li) => li.textContent)).toEqual(['资金', '审计', '财政']);
    expect(within(a2).getByRole('img').getAttribute('aria-label')).toBe('颜色：绿色');
    expect(within(a2).getByTestId('note-due').textContent).toBe('截止 2024年7月1日周一 · 还剩 21 天');
    // Focus is back on the button that opened the editor.
    expect(document.activeElement).toBe(within(a2).getByRole('button', { name: /^编辑/ }));
  });

  it("keeps the editor and the reader's text when saving fails, and cancels with Esc", async () => {
    const api = new FakeNotesApi(NOTES, PAGES);
    api.failNext('update', new NotesError('quota', '存储空间已满：请导出并删除一些旧批注后再试。 / Quota exceeded.'));
    setup({ api });
    await loaded();
    fireEvent.click(within(row(A2)).getByRole('button', { name: /^编辑/ }));
    const body = within(row(A2)).getByLabelText('批注内容');
    fireEvent.input(body, { target: { value: '不能丢的文字' } });
    fireEvent.click(within(row(A2)).getByRole('button', { name: '保存' }));
    const alert = await within(row(A2)).findByRole('alert');
    expect(alert.textContent).toBe('存储空间已满：请导出并删除一些旧批注后再试。 / Quota exceeded.');
    expect(within(row(A2)).getByLabelText<HTMLTextAreaElement>('批注内容').value).toBe('不能丢的文字');
    expect(api.notes.get(A2.id)!.body).toBe(A2.body);
    fireEvent.keyDown(within(row(A2)).getByLabelText('批注内容'), { key: 'Escape' });
    await waitFor(() => expect(within(row(A2)).queryByTestId('note-editor')).toBeNull());
    expect(row(A2).querySelector('.body')!.textContent).toBe(A2.body);
  });

  it('deletes a note and brings it back with 撤销', async () => {
    const { api } = setup();
    await loaded();
    fireEvent.click(within(row(A2)).getByRole('button', { name: /^删除/ }));
    await waitFor(() => expect(shownIds()).not.toContain(A2.id));
    expect(screen.getByTestId('counts').textContent).toBe('共 6 条，待办 3 条，已逾期 1 条');
    const toast = screen.getByTestId('toast');
    expect(toast.textContent).toContain('已删除 1 条');
    expect(toast.closest('[aria-live]')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('undo'));

    fireEvent.click(screen.getByTestId('undo'));
    await waitFor(() => expect(shownIds()).toContain(A2.id));
    expect(api.writes().map((c) => c.method)).toEqual(['remove', 'restore']);
    expect(api.writes()[1]!.args[0]).toEqual([A2]);
    expect(api.notes.get(A2.id)).toEqual(A2);
    expect(screen.getByTestId('toast').textContent).toContain('已恢复 1 条');
  });

  it('lets the undo toast go after ~8 s once focus has left it, without restoring', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { api } = setup();
    await loaded();
    fireEvent.click(within(row(B2)).getByRole('button', { name: /^删除/ }));
    await waitFor(() => expect(screen.getByTestId('toast')).toBeTruthy());
    // While focus is on 撤销 the toast stays.
    act(() => void vi.advanceTimersByTime(TOAST_MS + 1000));
    expect(screen.queryByTestId('toast')).not.toBeNull();
    const search = screen.getByTestId('search');
    act(() => {
      search.focus();
      fireEvent.focusOut(screen.getByTestId('undo'), { relatedTarget: search });
    });
    act(() => void vi.advanceTimersByTime(TOAST_MS - 500));
    expect(screen.queryByTestId('toast')).not.toBeNull();
    act(() => void vi.advanceTimersByTime(1000));
    expect(screen.queryByTestId('toast')).toBeNull();
    expect(api.writes().map((c) => c.method)).toEqual(['remove']);
  });

  it('shows a store error clearly and loses nothing', async () => {
    const api = new FakeNotesApi(NOTES, PAGES);
    api.failNext('remove');
    setup({ api });
    await loaded();
    fireEvent.click(within(row(A2)).getByRole('button', { name: /^删除/ }));
    const alert = await screen.findByTestId('error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('操作失败：存储失败：请稍后再试。');
    expect(shownIds()).toContain(A2.id);
  });

  it('says when loading fails and loads again on 重试', async () => {
    const api = new FakeNotesApi(NOTES, PAGES);
    api.failNext('all', new NotesError('storage', '无法打开批注库：请重新启动浏览器后再试。'));
    setup({ api });
    const alert = await screen.findByTestId('load-error');
    expect(alert.textContent).toContain('读取批注失败：无法打开批注库');
    fireEvent.click(within(alert).getByRole('button', { name: '重试' }));
    await waitFor(() => expect(shownIds()).toHaveLength(7));
    expect(screen.queryByTestId('load-error')).toBeNull();
  });
});

describe('NotesManager: bulk actions', () => {
  it('marks the selected notes done, and 全选 selects the filtered list only', async () => {
    const { api } = setup();
    await loaded();
    fireEvent.click(within(row(A1)).getByRole('checkbox'));
    fireEvent.click(within(row(B1)).getByRole('checkbox'));
    expect(screen.getByTestId('selected-count').textContent).toBe('已选 2 条');
    expect(screen.getByTestId<HTMLInputElement>('select-all').indeterminate).toBe(true);
    expect(screen.getByTestId('export-scope').textContent).toBe('导出所选 2 条');
    fireEvent.click(screen.getByTestId('bulk-done'));
    await waitFor(() => expect(screen.getByTestId('counts').textContent).toBe('共 7 条，待办 1 条，已逾期 0 条'));
    // In list order (newest update first).
    expect(api.writes().map((c) => c.args.slice(0, 2))).toEqual([
      [B1.id, { status: 'done' }],
      [A1.id, { status: 'done' }],
    ]);
    expect(within(row(A1)).getByTestId('note-status').textContent).toBe('已完成');

    select('filter-tag', '防汛');
    await waitFor(() => expect(shownIds()).toHaveLength(2));
    expect(screen.getByTestId('selected-count').textContent).toBe('已选 0 条'); // a new filter clears the selection
    fireEvent.click(screen.getByTestId('select-all'));
    expect(screen.getByTestId('selected-count').textContent).toBe('已选 2 条');
    fireEvent.click(screen.getByTestId('bulk-todo'));
    await waitFor(() => expect(api.writes()).toHaveLength(4));
    expect(
      api
        .writes()
        .slice(2)
        .map((c) => c.args.slice(0, 2)),
    ).toEqual(
      expect.arrayContaining([
        [B1.id, { status: 'todo' }],
        [B3.id, { status: 'todo' }],
      ]),
    );
  });

  it('deletes the selected notes and restores them all with 撤销', async () => {
    const { api } = setup();
    await loaded();
    fireEvent.click(within(row(A3)).getByRole('checkbox'));
    fireEvent.click(within(row(C1)).getByRole('checkbox'));
    fireEvent.click(screen.getByTestId('bulk-delete'));
    await waitFor(() => expect(shownIds()).toHaveLength(5));
    expect(screen.getByTestId('toast').textContent).toContain('已删除 2 条');
    fireEvent.click(screen.getByTestId('undo'));
    await waitFor(() => expect(shownIds()).toHaveLength(7));
    expect(api.notes.get(C1.id)).toEqual(C1);
    expect(api.notes.get(A3.id)).toEqual(A3);
  });
});

describe('NotesManager: import', () => {
  const NEW = makeNote(PAGE_A, {
    id: uid(99),
    body: '从另一台电脑带来的批注',
    createdAt: '2024-06-09T00:00:00.000Z',
    updatedAt: '2024-06-09T00:00:00.000Z',
  });
  const A2_NEWER = { ...A2, body: '资金已到位（在另一台电脑上改的）', updatedAt: '2024-06-09T08:00:00.000Z' };
  const fileOf = (text: string, name = 'gazette-lens-notes-20240609.jsonld') => new File([text], name, { type: 'application/ld+json' });
  const choose = (file: File) => {
    const input = screen.getByTestId<HTMLInputElement>('import-input');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
  };

  it('previews what a file would change and writes nothing until 确认导入', async () => {
    const { api } = setup();
    await loaded();
    const text = serializeCollection(toAnnotationCollection([NEW, A2_NEWER, B2], [PAGE_A, PAGE_B], { now: NOW }));
    choose(fileOf(text));
    const preview = await screen.findByTestId('import-preview');
    expect(within(preview).getByTestId('import-counts').textContent).toBe('将新增 1 条、更新 1 条，1 条已是最新（不变）');
    expect(api.calls.map((c) => c.method)).toContain('planImport');
    expect(api.writes()).toEqual([]);
    expect(shownIds()).not.toContain(NEW.id);

    fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toBe('导入完成：新增 1 条、更新 1 条，1 条不变。'));
    expect(api.writes().map((c) => c.method)).toEqual(['applyImport']);
    await waitFor(() => expect(shownIds()).toContain(NEW.id));
    expect(row(A2).querySelector('.body')!.textContent).toBe(A2_NEWER.body);
    expect(screen.getByTestId('counts').textContent).toBe('共 8 条，待办 3 条，已逾期 1 条');
  });

  it('leaves the database untouched on 取消', async () => {
    const { api } = setup();
    await loaded();
    choose(fileOf(serializeCollection(toAnnotationCollection([NEW], [PAGE_A], { now: NOW }))));
    await screen.findByTestId('import-preview');
    fireEvent.click(screen.getByTestId('import-cancel'));
    await waitFor(() => expect(screen.queryByTestId('import-preview')).toBeNull());
    expect(api.writes()).toEqual([]);
    expect(shownIds()).not.toContain(NEW.id);
  });

  it("shows the parser's message for a bad file and asks the store nothing", async () => {
    const { api } = setup();
    await loaded();
    const whole = serializeCollection(toAnnotationCollection([NEW], [PAGE_A], { now: NOW }));
    const truncated = whole.slice(0, Math.floor(whole.length / 2));
    const expected = parseNotesFile(truncated);
    expect(expected.ok).toBe(false);
    choose(fileOf(truncated));
    const alert = await screen.findByTestId('import-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe(expected.ok ? '' : expected.error);
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(api.calls.map((c) => c.method)).not.toContain('planImport');
    expect(api.writes()).toEqual([]);
  });

  it('says the database is unchanged when the import fails', async () => {
    const api = new FakeNotesApi(NOTES, PAGES);
    api.failNext('applyImport', new NotesError('quota', '存储空间已满：请导出并删除一些旧批注后再试。'));
    setup({ api });
    await loaded();
    choose(fileOf(serializeCollection(toAnnotationCollection([NEW], [PAGE_A], { now: NOW }))));
    fireEvent.click(await screen.findByTestId('import-confirm'));
    const alert = await screen.findByTestId('import-error');
    expect(alert.textContent).toBe('导入失败，批注库未作任何更改：存储空间已满：请导出并删除一些旧批注后再试。');
    expect(shownIds()).not.toContain(NEW.id);
  });
});

describe('NotesManager: export', () => {
  let blobs: Blob[];
  let downloads: string[];
  beforeEach(() => {
    blobs = [];
    downloads = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return `blob:test/${blobs.length}`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(`${this.download} ${this.getAttribute('href')}`);
    });
  });

  it('exports the filtered notes as CSV (a Blob of text/csv with a dated file name)', async () => {
    setup({ search: '?tag=%E9%98%B2%E6%B1%9B' }); // 防汛: B1, B3
    await loaded();
    expect(screen.getByTestId('export-scope').textContent).toBe('导出当前筛选的 2 条');
    fireEvent.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blobs[0]!.arrayBuffer()); // keeps the BOM
    expect(text).toBe(notesToCsv([B1, B3])); // the list's order: newest update first
    expect(text).toContain('提交防汛物资储备清单');
    expect(text).not.toContain('资金到位情况待核实');
    expect(downloads).toEqual(['gazette-lens-notes-20240610.csv blob:test/1']);
    expect(screen.getByTestId('toast').textContent).toContain('已导出 2 条批注：gazette-lens-notes-20240610.csv');
  });

  it('says when the browser refuses the file, and keeps working', async () => {
    setup();
    await loaded();
    vi.mocked(URL.createObjectURL).mockImplementationOnce(() => {
      throw new Error('Blob 太大');
    });
    fireEvent.click(screen.getByTestId('export-md'));
    expect((await screen.findByTestId('error')).textContent).toContain('导出失败：Blob 太大');
    fireEvent.click(screen.getByTestId('export-md'));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('downloads through a temporary link and frees the object URL afterwards', () => {
    vi.useFakeTimers();
    const blob = new Blob(['x'], { type: 'text/plain' });
    downloadBlob(blob, 'gazette-lens-notes-20240610.md');
    expect(blobs).toEqual([blob]);
    expect(downloads).toEqual(['gazette-lens-notes-20240610.md blob:test/1']);
    expect(document.querySelector('a[download]')).toBeNull(); // the link is gone again
    expect(URL.revokeObjectURL).not.toHaveBeenCalled(); // Firefox may not have started reading it yet
    vi.advanceTimersByTime(10_000);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
    expect(exportFilename('ics', TODAY)).toBe('gazette-lens-notes-20240610.ics');
  });

  it('exports the selection as JSON-LD that imports back to the same notes', async () => {
    setup();
    await loaded();
    fireEvent.click(within(row(A1)).getByRole('checkbox'));
    fireEvent.click(within(row(C1)).getByRole('checkbox'));
    fireEvent.click(screen.getByTestId('export-jsonld'));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(blobs[0]!.type).toContain('application/ld+json');
    const parsed = parseNotesFile(await blobs[0]!.text());
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.notes.map((n) => n.id).sort()).toEqual([A1.id, C1.id].sort());
    expect(parsed.notes.find((n) => n.id === A1.id)).toEqual(A1);
    expect(parsed.pages.map((p) => p.url).sort()).toEqual([PAGE_A.url, C1.url].sort());
    expect(downloads[0]).toMatch(/^gazette-lens-notes-20240610\.jsonld /);
  });

  it('exports Markdown and iCalendar, and disables iCalendar with a hint when no note has a due date', async () => {
    setup();
    await loaded();
    fireEvent.click(screen.getByTestId('export-md'));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(blobs[0]!.type).toBe('text/markdown;charset=utf-8');
    expect(await blobs[0]!.text()).toContain(PAGE_A.docNumber!);
    fireEvent.click(screen.getByTestId('export-ics'));
    await waitFor(() => expect(blobs).toHaveLength(2));
    expect(blobs[1]!.type).toBe('text/calendar;charset=utf-8');
    const ics = await blobs[1]!.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('提交防汛物资储备清单');
    expect(ics).not.toContain('资金到位情况待核实'); // A2 has no due date

    select('filter-due', 'none');
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('export-ics').disabled).toBe(true));
    expect(screen.getByTestId('export-ics-hint').textContent).toContain('没有截止日期');
    expect(screen.getByTestId('export-ics').getAttribute('aria-describedby')).toContain('export-ics-hint');
  });
});

/** What Tab visits, in order (DOM order; nothing here sets a positive tabindex). */
function tabSequence(root: ParentNode = document.body): HTMLElement[] {
  const candidates = root.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]');
  return [...candidates].filter((el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0 && !el.closest('[hidden]'));
}

/** The accessible name, the ways this page gives one. */
function nameOf(el: HTMLElement): string {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  if (el.id) {
    const forLabel = document.querySelector(`label[for="${el.id}"]`);
    if (forLabel?.textContent) return forLabel.textContent;
  }
  return (el.closest('label')?.textContent ?? el.textContent ?? '').trim();
}

describe('NotesManager: keyboard and labels', () => {
  it('moves between the views with the arrow keys, Home and End', async () => {
    const { lastSearch } = setup();
    await loaded();
    const notesTab = screen.getByRole('tab', { name: '全部批注' });
    const tasksTab = screen.getByRole('tab', { name: '待办期限' });
    expect(screen.getByRole('tablist').getAttribute('aria-label')).toBe('视图');
    notesTab.focus();
    fireEvent.keyDown(notesTab, { key: 'ArrowRight' });
    await waitFor(() => expect(tasksTab.getAttribute('aria-selected')).toBe('true'));
    expect(document.activeElement).toBe(tasksTab);
    expect(tasksTab.tabIndex).toBe(0);
    expect(notesTab.tabIndex).toBe(-1);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tasksTab.id);
    expect(shownIds()).toEqual([A1.id, B3.id, B1.id]);
    expect(lastSearch()).toBe('?view=tasks');
    fireEvent.keyDown(tasksTab, { key: 'ArrowRight' }); // wraps around
    await waitFor(() => expect(notesTab.getAttribute('aria-selected')).toBe('true'));
    fireEvent.keyDown(notesTab, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(tasksTab));
    fireEvent.keyDown(tasksTab, { key: 'ArrowLeft' });
    await waitFor(() => expect(document.activeElement).toBe(notesTab));
    expect(screen.getByTestId('view-notes')).toBeTruthy();
  });

  it('reaches every control with Tab, in reading order, each with a name', async () => {
    setup();
    await loaded();
    expect(document.querySelector('header')).toBeTruthy();
    expect(document.querySelector('main')).toBeTruthy();
    const seq = tabSequence();
    const at = (el: Element) => seq.indexOf(el as HTMLElement);
    const tab = screen.getByRole('tab', { name: '全部批注' });
    const search = screen.getByTestId('search');
    const selectAll = screen.getByTestId('select-all');
    const first = screen.getAllByTestId('note')[0]!;
    const firstCheckbox = within(first).getByRole('checkbox');
    const firstEdit = within(first).getByRole('button', { name: /^编辑/ });
    const exportJson = screen.getByTestId('export-jsonld');
    const importInput = screen.getByTestId('import-input');
    for (const el of [tab, search, selectAll, firstCheckbox, firstEdit, exportJson, importInput]) expect(at(el)).toBeGreaterThanOrEqual(0);
    expect(at(tab)).toBeLessThan(at(search));
    expect(at(search)).toBeLessThan(at(selectAll));
    expect(at(selectAll)).toBeLessThan(at(firstCheckbox));
    expect(at(firstCheckbox)).toBeLessThan(at(firstEdit));
    expect(at(firstEdit)).toBeLessThan(at(exportJson));
    expect(at(exportJson)).toBeLessThan(at(importInput));
    // Every row's controls are reachable; the inactive tab is reached with the arrow keys instead.
    for (const note of NOTES) for (const b of within(row(note)).getAllByRole('button')) expect(at(b)).toBeGreaterThanOrEqual(0);
    expect(at(screen.getByRole('tab', { name: '待办期限' }))).toBe(-1);
    const unnamed = seq.filter((el) => !nameOf(el));
    expect(unnamed.map((el) => el.outerHTML)).toEqual([]);
  });
});

describe('NotesManager: 10 000 notes', () => {
  it('renders the first rows only, counts all of them, and shows more on request', async () => {
    const many: Note[] = [];
    for (let i = 0; i < 10_000; i++) {
      const page = i % 2 ? PAGE_A : PAGE_B;
      const stamp = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
      many.push(
        makeNote(page, {
          id: uid(100_000 + i),
          body: `第${i}条批注`,
          tags: [i % 3 ? '常规' : '督办'],
          due: i % 5 ? null : '2024-07-01',
          createdAt: stamp,
          updatedAt: stamp,
        }),
      );
    }
    const started = performance.now();
    setup({ notes: many });
    await loaded();
    const firstRender = performance.now() - started;
    expect(screen.getByTestId('counts').textContent).toBe('共 10000 条，待办 2000 条，已逾期 0 条');
    expect(screen.getByTestId('filtered-count').textContent).toBe('符合条件 10000 条');
    await waitFor(() => expect(screen.getAllByTestId('note')).toHaveLength(200)); // 50 at once, the rest a frame later
    fireEvent.click(screen.getByTestId('show-more'));
    await waitFor(() => expect(screen.getAllByTestId('note')).toHaveLength(400));
    expect(screen.getByTestId('show-more').textContent).toBe('显示更多（还有 9600 条）');

    const typed = performance.now();
    fireEvent.input(screen.getByTestId('search'), { target: { value: '督办' } });
    await waitFor(() => expect(screen.getByTestId('filtered-count').textContent).toBe('符合条件 3334 条'));
    const filterMs = performance.now() - typed;
    // A new filter starts from the top again.
    await waitFor(() => expect(screen.getAllByTestId('note')).toHaveLength(200));
    expect(screen.getAllByTestId('note')[0]!.textContent).toContain('第9999条批注');
    console.info(`notes manager, 10 000 notes in happy-dom: first render ${firstRender.toFixed(0)} ms, search ${filterMs.toFixed(0)} ms`);
  });
});
