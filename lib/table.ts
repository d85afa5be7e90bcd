/**
 * Tab-separated tables (PDF extraction and our HTML-to-text both emit a row per line, cells split by
 * tabs). Finds the cells of the columns whose header names a given field, e.g. 责任单位 or 完成时限.
 * Rows may be separated by blank lines and a header may repeat after a page break.
 *
 * The text is split into rows once (tableRows) and every column lookup reuses them: deadlines and
 * units each look up their own headers in the same tables.
 */
import { CodeSet, isWhiteSpaceCode, squash } from './cjk';
import { Alphabet, CharPositions } from './anchored-scan';

/**
 * A cell: [start, end) of the text, and `first`, the offset of its first non-space (end when the
 * cell is blank). Its text is only sliced when asked for: most cells of a table are never read.
 */
export class Cell {
  constructor(
    readonly source: string,
    readonly start: number,
    readonly end: number,
    readonly first: number,
  ) {}
  get text(): string {
    return this.source.slice(this.start, this.end);
  }
}

/** A line holding a tab: its cells and the last non-blank cell. */
interface Row {
  cells: Cell[];
  last: number;
}

/** Rows in text order; null stands for a prose line, which ends a table. Blank lines are left out. */
export type TableRows = ReadonlyArray<Row | null>;

/** A line counts as prose when it has a non-space within its first 200 characters. */
function isProse(text: string, start: number, end: number): boolean {
  const stop = Math.min(end, start + 200);
  for (let i = start; i < stop; i++) if (!isWhiteSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

/** A row from the line [start, end), whose tabs are tabs[t], tabs[t + 1] … up to end. */
function splitRow(text: string, start: number, end: number, tabs: ArrayLike<number>, t: number): Row {
  const cells: Cell[] = [];
  let last = -1;
  let s = start;
  for (;;) {
    const i = t < tabs.length && tabs[t]! < end ? tabs[t++]! : end;
    let first = s;
    while (first < i && isWhiteSpaceCode(text.charCodeAt(first))) first++;
    if (first < i) last = cells.length;
    cells.push(new Cell(text, s, i, first));
    if (i === end) break;
    s = i + 1;
  }
  return { cells, last };
}

/** The characters tableRows looks up in a CharPositions index. */
export const TABLE_CHARS = '\n\t';
const TABLE_ALPHABET = new Alphabet(TABLE_CHARS);

/**
 * Rows come from the lines holding a tab, found from the tabs rather than by reading every line:
 * the lines between two such lines only matter for whether one of them is prose.
 */
export function tableRows(text: string, positions: CharPositions = new CharPositions(text, TABLE_ALPHABET)): TableRows {
  const rows: Array<Row | null> = [];
  const tabs = positions.of('\t');
  const breaks = positions.of('\n');
  // The line break ending the line at an offset: breaks[b] once b has advanced past earlier ones.
  let b = 0;
  const lineEndAt = (pos: number): number => {
    while (b < breaks.length && breaks[b]! < pos) b++;
    return b < breaks.length ? breaks[b]! : text.length;
  };
  /** Whether a line in [from, to] (line starts) is prose; `to` may be text.length (a last empty line). */
  const proseIn = (from: number, to: number): boolean => {
    for (let start = from; start <= to;) {
      const end = lineEndAt(start);
      if (isProse(text, start, end)) return true;
      start = end + 1;
    }
    return false;
  };
  let next = 0; // where the line after the last row starts
  for (let t = 0; t < tabs.length;) {
    const start = lastBreakBefore(breaks, tabs[t]!) + 1;
    // A prose line between two table lines ends the table (one null however many there are).
    if (rows.length > 0 && start > next && proseIn(next, start - 1)) rows.push(null);
    const end = lineEndAt(start);
    rows.push(splitRow(text, start, end, tabs, t));
    while (t < tabs.length && tabs[t]! < end) t++;
    next = end + 1;
  }
  if (rows.length > 0 && next <= text.length && proseIn(next, text.length)) rows.push(null);
  return rows;
}

/** The last of the (increasing) line breaks before pos, or -1. */
function lastBreakBefore(breaks: ArrayLike<number>, pos: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? breaks[lo - 1]! : -1;
}

/** Header names a column lookup accepts, with their first characters for a quick test. */
export interface Headers {
  names: ReadonlySet<string>;
  firsts: CodeSet;
}

export function headers(names: readonly string[]): Headers {
  return { names: new Set(names), firsts: new CodeSet(names.map((h) => h[0] ?? '').join('')) };
}

/**
 * Cells under a header named in `header` (compared with the cell without whitespace). For each
 * data row, `candidates` holds the cell at the header's index and, when the header column is the
 * last one, the row's last non-empty cell too (PDF rows often carry extra leading tabs); the caller
 * validates which one really is the field.
 */
export function columnCells(rows: TableRows, header: Headers): Array<{ header: string; candidates: Cell[] }> {
  const out: Array<{ header: string; candidates: Cell[] }> = [];
  // Every matching column of the current header row (牵头单位 and 配合单位 side by side).
  let cols: Array<{ col: number; name: string; isLast: boolean }> = [];
  // A cell can only name a header when its first non-space starts one; others are not squashed.
  const { names, firsts } = header;
  for (const row of rows) {
    if (row === null) {
      cols = [];
      continue;
    }
    const matching: typeof cols = [];
    for (let i = 0; i < row.cells.length; i++) {
      const c = row.cells[i]!;
      if (c.first === c.end || !firsts.has(c.source.charCodeAt(c.first))) continue;
      const k = squash(c.text);
      if (names.has(k)) matching.push({ col: i, name: k, isLast: row.last === i });
    }
    if (matching.length) {
      cols = matching;
      continue;
    }
    for (const { col, name, isLast } of cols) {
      const candidates: Cell[] = [];
      const atIndex = row.cells[col];
      if (atIndex && atIndex.first < atIndex.end) candidates.push(atIndex);
      if (isLast) {
        const l = row.last;
        if (l >= 0 && row.cells[l] !== atIndex) candidates.push(row.cells[l]!);
      }
      if (candidates.length) out.push({ header: name, candidates });
    }
  }
  return out;
}
