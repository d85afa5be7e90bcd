import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { CSV_HEADERS, notesToCsv } from '@/lib/notes/csv';
import type { Note } from '@/lib/notes/note';
import { noteArb, sampleNotes } from './notes-fixtures';

/** What a cell holds after the formula guard: a leading apostrophe before = + - @ tab CR. */
const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function parseBack(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const r = Papa.parse<string[]>(csv.slice(1), { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
}

function expectedRow(n: Note): string[] {
  const quote = n.target.type === 'page' ? '' : n.target.quote.exact;
  return [
    n.id,
    n.pageTitle,
    n.url,
    n.site,
    n.docNumber ?? '',
    n.docDate ?? '',
    '',
    quote,
    n.body,
    n.tags.join('、'),
    '',
    n.due ?? '',
    n.createdAt,
    n.updatedAt,
  ].map(guarded);
}
/** Columns checked against the note field by field (类型 and 状态 are labels, checked separately). */
const LABELS = [6, 10];
const withoutLabels = (row: string[]) => row.filter((_, i) => !LABELS.includes(i));

describe('notesToCsv', () => {
  it('starts with a UTF-8 BOM and the Chinese header row, one row per note, CRLF line ends', () => {
    const csv = notesToCsv(sampleNotes);
    expect(csv.slice(0, 4)).toBe('\uFEFFID,');
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${CSV_HEADERS.join(',')}`);
    expect(CSV_HEADERS).toEqual([
      'ID',
      '页面标题',
      '网址',
      '站点',
      '文号',
      '成文日期',
      '类型',
      '引文',
      '批注',
      '标签',
      '状态',
      '截止日期',
      '创建时间',
      '更新时间',
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Outside quoted cells every line ends in CRLF (the LF in the two-line note is inside quotes).
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes).not.toMatch(/[^\r]\n|\r[^\n]/);
    expect(csv).toContain('"问林业站：隔离带宽度标准是多少？\n第二行, 含逗号; 分号 \\ 反斜杠"');
    const rows = parseBack(csv);
    expect(rows).toHaveLength(sampleNotes.length + 1);
  });

  it('keeps every cell as in the note: commas, quotes, line breaks and Chinese intact', () => {
    const rows = parseBack(notesToCsv(sampleNotes)).slice(1);
    sampleNotes.forEach((n, i) => expect(withoutLabels(rows[i]!)).toEqual(withoutLabels(expectedRow(n))));
    expect(rows.map((r) => r[6])).toEqual(['整页', '摘录', '期限', '文号', '单位', '期限']);
    expect(rows.map((r) => r[10])).toEqual(['', '待办', '已完成', '', '待办', '待办']);
    expect(rows[1]![8]).toBe('问林业站：隔离带宽度标准是多少？\n第二行, 含逗号; 分号 \\ 反斜杠');
  });

  it('puts an apostrophe before a cell a spreadsheet would run as a formula', () => {
    const csv = notesToCsv([
      { ...sampleNotes[0]!, body: '=HYPERLINK("http://evil.example","点我")', tags: ['+1', '-2', '@3'], pageTitle: '\t标题' },
      { ...sampleNotes[0]!, body: '=1+1\n第二行', pageTitle: '\r回车' },
    ]);
    const [first, second] = parseBack(csv).slice(1);
    expect(first![8]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(first![9]).toBe(`'+1、-2、@3`);
    expect(first![1]).toBe(`'\t标题`);
    // papaparse's own default pattern misses a formula followed by a line break; ours does not.
    expect(second![8]).toBe(`'=1+1\n第二行`);
    expect(second![1]).toBe(`'\r回车`);
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"",""点我"")"');
  });

  it('round-trips any note through a CSV parser (property)', () => {
    fc.assert(
      fc.property(fc.array(noteArb, { maxLength: 5 }), (notes) => {
        const rows = parseBack(notesToCsv(notes));
        expect(rows[0]).toEqual([...CSV_HEADERS]);
        expect(rows).toHaveLength(notes.length + 1);
        notes.forEach((n, i) => expect(withoutLabels(rows[i + 1]!)).toEqual(withoutLabels(expectedRow(n))));
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
