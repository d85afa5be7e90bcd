import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnCells, headers, tableRows, type TableRows } from '../../lib/table';
import { squash } from '../../lib/cjk';

type PlainRows = Array<{ cells: Array<{ start: number; end: number; text: string; first: number }>; last: number } | null>;

/** The straightforward reading tableRows must agree with: every line in turn. */
function rowsLineByLine(text: string): PlainRows {
  const rows: PlainRows = [];
  if (!text.includes('\t')) return rows;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.includes('\t')) {
      const cells = [];
      let s = start;
      for (const part of line.split('\t')) {
        cells.push({ start: s, end: s + part.length, text: part, first: s + part.length - part.trimStart().length });
        s += part.length + 1;
      }
      let last = -1;
      cells.forEach((c, i) => {
        if (squash(c.text) !== '') last = i;
      });
      rows.push({ cells, last });
    } else if (rows.length > 0 && rows[rows.length - 1] !== null && /\S/.test(line.slice(0, 200))) {
      rows.push(null);
    }
    start = end + 1;
  }
  return rows;
}

const plain = (rows: TableRows): PlainRows =>
  rows.map(
    (r) =>
      r && {
        cells: r.cells.map((c) => ({ start: c.start, end: c.end, text: c.text, first: c.first })),
        last: r.last,
      },
  );

const PIECES = ['\t', '\n', '\r\n', ' ', '　', '责任单位', '完成时限', '县应急局', '6月底前', '。', 'x'];
const tabbed = fc.array(fc.constantFrom(...PIECES), { maxLength: 50 }).map((a) => a.join(''));

describe('tableRows', () => {
  it('reads the same rows as a line-by-line pass, prose lines ending a table', () => {
    fc.assert(
      fc.property(tabbed, (text) => {
        expect(plain(tableRows(text))).toEqual(rowsLineByLine(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the cells under a responsibility column, across blank lines but not across prose', () => {
    const text = [
      '序号\t工作任务\t责任单位\t完成时限',
      '1\t排查隐患\t县应急局\t6月底前',
      '',
      '2\t整治河道\t县水利局\t年底前',
      '山河县人民政府办公室',
      '3\t不在表内\t县林业局\t长期坚持',
    ].join('\n');
    const units = columnCells(tableRows(text), headers(['责任单位'])).map((c) => c.candidates[0]!.text);
    expect(units).toEqual(['县应急局', '县水利局']);
  });
});
