import { describe, expect, it } from 'vitest';
import type { Note, NoteTarget } from '@/lib/notes/note';
import { filterNotes, isOverdue, openTasks, sitesOf, sortNotes, tagsOf } from '@/lib/notes/note-query';
import { makeNote } from './notes-db-fixtures';

const TODAY = '2024-11-20';
const ids = (notes: Note[]): string[] => notes.map((n) => n.body);

const deadlineTarget = (date: string | null): NoteTarget => ({
  type: 'entity',
  entity: { kind: 'deadline', text: date ? '11月30日前' : '每月5日前', date, precision: date ? 'day' : 'recurring' },
  quote: { type: 'TextQuoteSelector', exact: date ? '11月30日前' : '每月5日前' },
  position: { type: 'TextPositionSelector', start: 10, end: 16 },
});

describe('filterNotes: text search', () => {
  const notes = [
    makeNote({ body: 'A 通知乡镇', tags: ['森林防火'], target: { type: 'page' } }),
    makeNote({
      body: 'B',
      target: {
        type: 'selection',
        quote: { type: 'TextQuoteSelector', exact: '县应急管理局牵头' },
        position: { type: 'TextPositionSelector', start: 0, end: 8 },
      },
    }),
    makeNote({ body: 'C', pageTitle: '关于印发山河县防汛Emergency预案的通知', docNumber: null, tags: [], target: { type: 'page' } }),
    makeNote({ body: 'D', docNumber: '山政发〔2023〕15号', tags: ['重点任务'], target: { type: 'page' } }),
  ];

  it('finds a term in the body, the quote, the page title, the 文号 or a tag', () => {
    expect(ids(filterNotes(notes, { text: '乡镇' }, TODAY))).toEqual(['A 通知乡镇']);
    expect(ids(filterNotes(notes, { text: '应急管理局' }, TODAY))).toEqual(['B']);
    expect(ids(filterNotes(notes, { text: '防汛' }, TODAY))).toEqual(['C']);
    expect(ids(filterNotes(notes, { text: '〔2023〕15' }, TODAY))).toEqual(['D']);
    expect(ids(filterNotes(notes, { text: '重点任务' }, TODAY))).toEqual(['D']);
  });

  it('ignores case and full-width forms, and requires every whitespace-separated term', () => {
    expect(ids(filterNotes(notes, { text: 'emergency' }, TODAY))).toEqual(['C']);
    expect(ids(filterNotes(notes, { text: 'ＥＭＥＲＧＥＮＣＹ' }, TODAY))).toEqual(['C']);
    expect(ids(filterNotes(notes, { text: '  防汛\u3000 预案 ' }, TODAY))).toEqual(['C']);
    expect(ids(filterNotes(notes, { text: '防汛 森林' }, TODAY))).toEqual([]);
    expect(filterNotes(notes, { text: '   ' }, TODAY)).toHaveLength(4);
  });
});

describe('filterNotes: tags, site, status, due', () => {
  const notes = [
    makeNote({ body: 'overdue', due: '2024-11-19', tags: ['防火', '督办'] }),
    makeNote({ body: 'done-past', due: '2024-11-01', status: 'done', site: 'www.hexi.gov.cn' }),
    makeNote({ body: 'today', due: TODAY, tags: ['防火'] }),
    makeNote({ body: 'in6', due: '2024-11-26' }),
    makeNote({ body: 'in7', due: '2024-11-27' }),
    makeNote({ body: 'none', due: null, tags: ['督办'] }),
  ];

  it('keeps notes carrying every selected tag', () => {
    expect(ids(filterNotes(notes, { tags: ['防火'] }, TODAY))).toEqual(['overdue', 'today']);
    expect(ids(filterNotes(notes, { tags: ['防火', '督办'] }, TODAY))).toEqual(['overdue']);
  });

  it('filters by site and status', () => {
    expect(ids(filterNotes(notes, { site: 'www.hexi.gov.cn' }, TODAY))).toEqual(['done-past']);
    expect(ids(filterNotes(notes, { status: 'done' }, TODAY))).toEqual(['done-past']);
    expect(filterNotes(notes, { status: 'all' }, TODAY)).toHaveLength(6);
  });

  it('overdue means open and past due; week is today and the next six days', () => {
    expect(ids(filterNotes(notes, { due: 'overdue' }, TODAY))).toEqual(['overdue']);
    expect(ids(filterNotes(notes, { due: 'today' }, TODAY))).toEqual(['today']);
    expect(ids(filterNotes(notes, { due: 'week' }, TODAY))).toEqual(['today', 'in6']);
    expect(ids(filterNotes(notes, { due: 'has' }, TODAY))).toEqual(['overdue', 'done-past', 'today', 'in6', 'in7']);
    expect(ids(filterNotes(notes, { due: 'none' }, TODAY))).toEqual(['none']);
    expect(isOverdue(notes[0]!, TODAY)).toBe(true);
    expect(isOverdue(notes[0]!, '2024-11-19')).toBe(false);
  });

  it('week crosses a month and a year end', () => {
    const n = [makeNote({ body: 'jan3', due: '2025-01-03' }), makeNote({ body: 'jan4', due: '2025-01-04' })];
    expect(ids(filterNotes(n, { due: 'week' }, '2024-12-28'))).toEqual(['jan3']);
  });
});

describe('sortNotes', () => {
  const a = makeNote({ body: 'a', createdAt: '2024-01-03T00:00:00.000Z', updatedAt: '2024-02-01T00:00:00.000Z', due: '2024-12-01' });
  const b = makeNote({ body: 'b', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-03-01T00:00:00.000Z', due: null });
  const c = makeNote({ body: 'c', createdAt: '2024-01-02T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', due: '2024-11-01' });

  it('sorts by updated, created (newest first) and due (earliest first, undated last) without mutating', () => {
    const input = [a, b, c];
    expect(ids(sortNotes(input, 'updated'))).toEqual(['b', 'a', 'c']);
    expect(ids(sortNotes(input, 'created'))).toEqual(['a', 'c', 'b']);
    expect(ids(sortNotes(input, 'due'))).toEqual(['c', 'a', 'b']);
    expect(ids(input)).toEqual(['a', 'b', 'c']);
  });

  it('by page: documents in pinyin order of title, notes in reading order within one', () => {
    const page = { type: 'page' } as const;
    const at = (start: number): NoteTarget => ({
      type: 'selection',
      quote: { type: 'TextQuoteSelector', exact: '某段' },
      position: { type: 'TextPositionSelector', start, end: start + 2 },
    });
    const notes = [
      makeNote({ body: 'z-200', pageTitle: '质量安全通知', url: 'https://www.shanhe.gov.cn/z.html', target: at(200) }),
      makeNote({ body: 'a-50', pageTitle: '安全生产通知', url: 'https://www.shanhe.gov.cn/a.html', target: at(50) }),
      makeNote({ body: 'z-page', pageTitle: '质量安全通知', url: 'https://www.shanhe.gov.cn/z.html', target: page }),
      makeNote({ body: 'a-10', pageTitle: '安全生产通知', url: 'https://www.shanhe.gov.cn/a.html', target: at(10) }),
      makeNote({ body: 'f-1', pageTitle: '防汛通知', url: 'https://www.shanhe.gov.cn/f.html', target: at(1) }),
    ];
    expect(ids(sortNotes(notes, 'page'))).toEqual(['a-10', 'a-50', 'f-1', 'z-page', 'z-200']);
  });
});

describe('openTasks', () => {
  it('lists open tasks by due date (overdue first), then undated deadline tasks; never done or plain notes', () => {
    const notes = [
      makeNote({ body: 'later', due: '2024-12-31' }),
      makeNote({ body: 'plain', due: null }),
      makeNote({ body: 'recurring', due: null, target: deadlineTarget(null) }),
      makeNote({ body: 'overdue', due: '2024-11-01', target: deadlineTarget('2024-11-01') }),
      makeNote({ body: 'done', due: '2024-10-01', status: 'done' }),
      makeNote({ body: 'soon', due: '2024-11-22' }),
    ];
    expect(ids(openTasks(notes))).toEqual(['overdue', 'soon', 'later', 'recurring']);
  });
});

describe('tagsOf and sitesOf', () => {
  it('count notes per tag (pinyin order) and per site', () => {
    const notes = [
      makeNote({ tags: ['住建', '防火'], site: 'www.shanhe.gov.cn' }),
      makeNote({ tags: ['防火', '安全'], site: 'www.shanhe.gov.cn' }),
      makeNote({ tags: [], site: 'www.hexi.gov.cn' }),
      makeNote({ tags: ['防火'], site: '' }),
    ];
    expect(tagsOf(notes)).toEqual([
      { tag: '安全', count: 1 },
      { tag: '防火', count: 3 },
      { tag: '住建', count: 1 },
    ]);
    expect(sitesOf(notes)).toEqual([
      { site: 'www.hexi.gov.cn', count: 1 },
      { site: 'www.shanhe.gov.cn', count: 2 },
    ]);
  });
});
