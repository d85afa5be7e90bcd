/**
 * Tab-separated tables (PDF extraction and our HTML-to-text both emit a row per line, cells split by
 * tabs). Finds the cells of the columns whose header names a given field, e.g. 责任单位 or 完成时限.
 * Rows may be separated by blank lines and a header may repeat after a page break.
 *
 * The text is split into rows once (tableRows) and every column lookup reuses them: deadlines and
 * units each look up their own headers in the same tables.
 */
import { isWhiteSpaceCode, squash } from './cjk';

export interface Cell { start: number; end: number; text: string }

/** A line holding a tab: its cells, each cell's text without whitespace, the last non-blank cell. */
interface Row { cells: Cell[]; keys: string[]; last: number }

/** Rows in text order; null stands for a prose line, which ends a table. Blank lines are left out. */
export type TableRows = ReadonlyArray<Row | null>;

/** A line counts as prose when it has a non-space within its first 200 characters. */
function isProse(text: string, start: number, end: number): boolean {
  const stop = Math.min(end, start + 200);
  for (let i = start; i < stop; i++) if (!isWhiteSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

function splitRow(text: string, start: number, end: number): Row {
  const cells: Cell[] = [];
  const keys: string[] = [];
  let last = -1;
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === 0x09) {
      const cellText = text.slice(s, i);
      const key = squash(cellText);
      if (key !== '') last = cells.length;
      cells.push({ start: s, end: i, text: cellText });
      keys.push(key);
      s = i + 1;
    }
  }
  return { cells, keys, last };
}

export function tableRows(text: string): TableRows {
  const rows: Array<Row | null> = [];
  let tab = text.indexOf('\t');
  if (tab < 0) return rows;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (tab >= 0 && tab < start) tab = text.indexOf('\t', start);
    if (tab >= 0 && tab < end) rows.push(splitRow(text, start, end));
    else if (rows.length > 0 && rows[rows.length - 1] !== null && isProse(text, start, end)) rows.push(null);
    start = end + 1;
  }
  return rows;
}

/**
 * Cells under a header matching `header` (tested against the cell without whitespace). For each
 * data row, `candidates` holds the cell at the header's index and, when the header column is the
 * last one, the row's last non-empty cell too (PDF rows often carry extra leading tabs); the caller
 * validates which one really is the field.
 */
export function columnCells(rows: TableRows, header: RegExp): Array<{ header: string; candidates: Cell[] }> {
  const out: Array<{ header: string; candidates: Cell[] }> = [];
  // Every matching column of the current header row (牵头单位 and 配合单位 side by side).
  let cols: Array<{ col: number; name: string; isLast: boolean }> = [];
  for (const row of rows) {
    if (row === null) { cols = []; continue; }
    const matching: typeof cols = [];
    row.keys.forEach((k, i) => { if (header.test(k)) matching.push({ col: i, name: k, isLast: row.last === i }); });
    if (matching.length) { cols = matching; continue; }
    for (const { col, name, isLast } of cols) {
      const candidates: Cell[] = [];
      const atIndex = row.cells[col];
      if (atIndex && row.keys[col] !== '') candidates.push(atIndex);
      if (isLast) {
        const l = row.last;
        if (l >= 0 && row.cells[l] !== atIndex) candidates.push(row.cells[l]!);
      }
      if (candidates.length) out.push({ header: name, candidates });
    }
  }
  return out;
}
