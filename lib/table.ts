/**
 * Tab-separated tables (PDF extraction and our HTML-to-text both emit a row per line, cells split by
 * tabs). Finds the cells of the columns whose header names a given field, e.g. 责任单位 or 完成时限.
 * Rows may be separated by blank lines and a header may repeat after a page break.
 */
export interface Cell { start: number; end: number; text: string }

interface Line { start: number; end: number; text: string }

/** Lines, with the text sliced only for lines that hold a tab (the rest only end a table). */
function* lines(text: string): Generator<Line> {
  let start = 0;
  let tab = text.indexOf('\t');
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (tab >= 0 && tab < start) tab = text.indexOf('\t', start);
    if (tab >= 0 && tab < end) yield { start, end, text: text.slice(start, end) };
    else if (/\S/.test(text.slice(start, Math.min(end, start + 200)))) yield { start, end, text: 'x' };
    start = end + 1;
  }
}

function splitCells(line: Line): Cell[] {
  const cells: Cell[] = [];
  let s = 0;
  for (let i = 0; i <= line.text.length; i++) {
    if (i === line.text.length || line.text[i] === '\t') {
      cells.push({ start: line.start + s, end: line.start + i, text: line.text.slice(s, i) });
      s = i + 1;
    }
  }
  return cells;
}

const lastNonEmpty = (cells: Cell[]): number => {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i]!.text.trim() !== '') return i;
  return -1;
};

/**
 * Cells under a header matching `header`. For each data row, `candidates` holds the cell at the
 * header's index and, when the header column is the last one, the row's last non-empty cell too
 * (PDF rows often carry extra leading tabs); the caller validates which one really is the field.
 */
export function columnCells(text: string, header: RegExp): Array<{ header: string; candidates: Cell[] }> {
  const out: Array<{ header: string; candidates: Cell[] }> = [];
  if (!text.includes('\t')) return out;
  let col = -1;
  let name = '';
  let isLast = false;
  for (const line of lines(text)) {
    if (!line.text.includes('\t')) {
      if (line.text.trim() !== '') col = -1; // a prose line ends the table
      continue;
    }
    const cells = splitCells(line);
    const h = cells.findIndex((c) => header.test(c.text.replace(/\s+/g, '')));
    if (h >= 0) {
      col = h;
      name = cells[h]!.text.replace(/\s+/g, '');
      isLast = lastNonEmpty(cells) === h;
      continue;
    }
    if (col < 0) continue;
    const candidates: Cell[] = [];
    const atIndex = cells[col];
    if (atIndex && atIndex.text.trim() !== '') candidates.push(atIndex);
    if (isLast) {
      const l = lastNonEmpty(cells);
      if (l >= 0 && cells[l] !== atIndex) candidates.push(cells[l]!);
    }
    if (candidates.length) out.push({ header: name, candidates });
  }
  return out;
}
