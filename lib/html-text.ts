/**
 * Plain text of an HTML page, shaped like the corpus: one line per block, table rows as
 * tab-separated cells. Pure (no DOM), so it runs in Node, workers and tests alike.
 */
import { Parser } from 'htmlparser2';

/** Elements whose content is never page text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg', 'math']);

/** Elements that start and end a line. td/th/tr/br/pre have their own handling. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'option',
  'p',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'ul',
]);

// CJK ideographs, kana, hangul, CJK punctuation, full-width forms and surrogates (ext. B+).
// A line break between two of these is not a word space in Chinese (CSS Text 3 segment breaks).
const CJK = /[\u2E80-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uD800-\uDFFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/;

const isHtmlSpace = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';

/** Whitespace waiting to be written before the next visible character. */
type Pending = 'none' | 'space' | 'lineBreak' | 'forced';

class TextBuilder {
  private readonly lines: string[] = [];
  private cells: string[] = [];
  private cell = '';
  private pending: Pending = 'none';

  /** Appends HTML text, collapsing whitespace runs the way a browser renders them. */
  text(data: string): void {
    for (const c of data) {
      if (isHtmlSpace(c)) {
        const kind = c === '\n' || c === '\r' ? 'lineBreak' : 'space';
        if (this.pending === 'none' || (kind === 'lineBreak' && this.pending === 'space')) {
          this.pending = kind;
        }
        continue;
      }
      this.flushPending(c);
      // &nbsp; is deliberate spacing: keep it, as a plain space.
      this.cell += c === '\u00A0' ? ' ' : c;
    }
  }

  /** Preformatted text: every character and line break is kept. */
  preText(data: string): void {
    const parts = data.replace(/\r\n?/g, '\n').split('\n');
    parts.forEach((part, i) => {
      if (i > 0) this.hardBreak();
      this.flushPending(part[0] ?? '');
      this.cell += part.replace(/\u00A0/g, ' ');
    });
  }

  /** A space that survives even between CJK characters (block boundary inside a table cell). */
  forcedSpace(): void {
    if (this.cell !== '') this.pending = 'forced';
  }

  /** End of a block: starts a new line unless the current one is still empty. */
  softBreak(): void {
    if (this.cells.some((c) => c.trim() !== '') || this.cell.trim() !== '') this.hardBreak();
    else this.clearLine();
  }

  /** <br>: always ends the line, so consecutive ones make (at most one, later) blank line. */
  hardBreak(): void {
    this.cells.push(this.cell);
    this.lines.push(this.cells.map(trimCell).join('\t'));
    this.clearLine();
  }

  nextCell(): void {
    this.cells.push(this.cell);
    this.cell = '';
    this.pending = 'none';
  }

  finish(): string {
    this.softBreak();
    const out: string[] = [];
    for (const line of this.lines) {
      const blank = line.trim() === '';
      if (blank && (out.length === 0 || out[out.length - 1] === '')) continue;
      out.push(blank ? '' : line);
    }
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out.join('\n');
  }

  private flushPending(next: string): void {
    if (this.pending === 'none') return;
    const last = this.cell[this.cell.length - 1];
    const dropped = last === undefined || (this.pending === 'lineBreak' && CJK.test(last) && CJK.test(next));
    if (!dropped) this.cell += ' ';
    this.pending = 'none';
  }

  private clearLine(): void {
    this.cells = [];
    this.cell = '';
    this.pending = 'none';
  }
}

// Leading full-width spaces are paragraph indentation, not content.
const trimCell = (s: string) => s.replace(/^[ \u3000]+|[ \u3000]+$/g, '');

/** Body text of an HTML document (entities decoded, scripts and styles dropped). */
export function htmlToText(html: string): string {
  const out = new TextBuilder();
  let skipDepth = 0;
  let preDepth = 0;
  let cellDepth = 0;
  // Cells seen so far in each open <tr>; a nested table inside a cell is flattened into it.
  const rows: number[] = [];
  // Cells of earlier rows that reach down into this one (rowspan): column → rows still covered.
  // An empty cell stands in for each, so the columns under a 牵头单位 header stay under it.
  const spans = new Map<number, number>();
  const spannedCells = (row: number, upTo: number) => {
    for (let col = rows[row]!; col <= upTo && (spans.get(col) ?? 0) > 0; col = rows[row]!) {
      spans.set(col, spans.get(col)! - 1);
      if (col > 0) out.nextCell();
      rows[row] = col + 1;
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIPPED.has(name)) {
          skipDepth++;
          return;
        }
        // Pages that never close <head> would otherwise lose their whole body.
        if (name === 'body') skipDepth = 0;
        if (skipDepth > 0) return;
        if (name === 'br') {
          if (cellDepth > 0) out.forcedSpace();
          else out.hardBreak();
          return;
        }
        if (cellDepth > 0 && (BLOCKS.has(name) || name === 'tr' || name === 'td' || name === 'th' || name === 'pre')) {
          out.forcedSpace();
          if (name === 'td' || name === 'th') cellDepth++;
          return;
        }
        if (name === 'table') spans.clear();
        if (name === 'tr') {
          out.softBreak();
          rows.push(0);
          return;
        }
        if (name === 'td' || name === 'th') {
          const row = rows.length - 1;
          if (row >= 0) {
            spannedCells(row, Infinity);
            const col = rows[row] ?? 0;
            if (col > 0) out.nextCell();
            rows[row] = col + 1;
            const rowspan = Number(attribs.rowspan);
            if (Number.isInteger(rowspan) && rowspan > 1) spans.set(col, Math.min(rowspan, 1000) - 1);
          } else {
            out.softBreak(); // a cell outside any row: treat as a block
          }
          cellDepth++;
          return;
        }
        if (name === 'pre') preDepth++;
        if (BLOCKS.has(name) || name === 'pre') out.softBreak();
      },
      ontext(data) {
        if (skipDepth > 0) return;
        if (preDepth > 0 && cellDepth === 0) out.preText(data);
        else out.text(data);
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) {
          if (skipDepth > 0) skipDepth--;
          return;
        }
        if (skipDepth > 0 || name === 'br') return;
        if (name === 'td' || name === 'th') {
          if (cellDepth > 0) cellDepth--;
          if (cellDepth > 0) out.forcedSpace();
          return;
        }
        if (cellDepth > 0) {
          if (BLOCKS.has(name) || name === 'tr' || name === 'pre') out.forcedSpace();
          return;
        }
        if (name === 'tr') {
          // Spanned columns after the row's last cell are covered by this row too.
          const row = rows.length - 1;
          if (row >= 0) for (const [col, left] of spans) if (col >= rows[row]! && left > 0) spans.set(col, left - 1);
          out.softBreak();
          rows.pop();
          return;
        }
        if (name === 'pre' && preDepth > 0) preDepth--;
        if (BLOCKS.has(name) || name === 'pre') out.softBreak();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out.finish();
}
