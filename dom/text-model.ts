/**
 * Text model of a page's content: the text of its text nodes in document order, shaped like the
 * corpus text the extractor was written against (one line per block, table rows as tab-separated
 * cells, HTML whitespace collapsed), plus a map from every offset of that text back to a
 * (text node, offset) pair so an entity found in the text becomes a DOM Range — also when it
 * crosses element boundaries (<span>河政办</span><b>发〔2024〕12号</b>).
 *
 * Never modifies the DOM. Built iteratively with a time budget (`step(deadline)`), so a large
 * page can be modelled in several short tasks.
 */

/** Elements whose content is never page text. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'SVG',
  'MATH',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
]);

/** Elements that start and end a line (td/th/tr/br have their own handling). */
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIR',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'LEGEND',
  'LI',
  'MAIN',
  'MENU',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'UL',
]);

/** Attribute that marks the extension's own UI; such subtrees are never part of the model. */
export const UI_ATTRIBUTE = 'data-gazette-lens';

// A line break between two CJK characters is not a word space (CSS Text 3 segment breaks).
const CJK = /[\u2E80-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\uD800-\uDFFF]/;
const WS = /[ \t\n\r\f]+/g;

type Pending = 'none' | 'space' | 'lineBreak';

export interface TextModel {
  /** The model text; entity offsets from extract() index into it. */
  readonly text: string;
  /** DOM Range for text.slice(start, end); null when the span covers no page text at all. */
  rangeFor(start: number, end: number): Range | null;
  /**
   * The model offsets a DOM Range covers (e.g. the reader's selection): from the first to the last
   * modelled character inside it; null when it holds no page text (only our UI, or whitespace).
   */
  offsetsOf(range: Range): { start: number; end: number } | null;
  /** Number of mapped text runs (for tests and diagnostics). */
  readonly pieceCount: number;
}

/** True for elements the model leaves out (besides SKIPPED tags). */
function isExcluded(el: Element): boolean {
  // Our fallback <mark>s (dom/highlighter.ts) hold page text: they are walked like any inline element.
  if (el.hasAttribute(UI_ATTRIBUTE) && el.tagName.toUpperCase() !== 'MARK') return true;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const style = (el as HTMLElement).style;
  return !!style && style.display === 'none';
}

export class TextModelBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private last = ''; // last character written ('' at the start)
  private pending: Pending = 'none';
  private forced = false; // a block edge inside a table cell: a space before the next word
  private pendingNode: Text | null = null;
  private pendingOffset = 0;
  private cellDepth = 0;
  private readonly rows: number[] = [];
  // Cells of earlier rows reaching down into this one (rowspan): column → rows still covered. An
  // empty cell (a tab) stands in for each, so columns stay under their headers (lib/table.ts).
  private readonly spans = new Map<number, number>();
  // Pieces: text[pStart, pStart+pLen) maps to node.data[nStart, nStart+pLen).
  private readonly pStart: number[] = [];
  private readonly pLen: number[] = [];
  private readonly pNode: Text[] = [];
  private readonly pNodeStart: number[] = [];
  private cur: Node | null;
  private readonly roots: Node[];
  private rootIndex = 0;
  private root: Node;

  /** `root`: one subtree, or several (e.g. the 信息公开 block and the main content), each its own block. */
  constructor(root: Node | Node[]) {
    this.roots = Array.isArray(root) ? root : [root];
    this.root = this.roots[0]!;
    this.cur = this.root.firstChild;
  }

  /** Moves on to the next root, if any (a line break between roots); false when none is left. */
  private nextRoot(): boolean {
    while (this.rootIndex + 1 < this.roots.length) {
      this.rootIndex++;
      this.root = this.roots[this.rootIndex]!;
      this.softBreak();
      this.rows.length = 0;
      this.cellDepth = 0;
      this.cur = this.root.firstChild;
      if (this.cur) return true;
    }
    return false;
  }

  /** Works until done or until performance.now() passes `deadline`; returns true when done. */
  step(deadline = Infinity): boolean {
    let n = 0;
    while (this.cur || this.nextRoot()) {
      if ((++n & 127) === 0 && performance.now() > deadline) return false;
      const node: Node = this.cur!;
      const descend = this.enter(node);
      if (descend && node.firstChild) {
        this.cur = node.firstChild;
        continue;
      }
      if (descend) this.exit(node as Element);
      let x: Node | null = node;
      while (x && x !== this.root && !x.nextSibling) {
        x = x.parentNode;
        if (x && x !== this.root) this.exit(x as Element);
      }
      this.cur = x && x !== this.root ? x.nextSibling : null;
    }
    return true;
  }

  finish(): TextModel {
    this.step();
    const text = this.parts.join('');
    const { pStart, pLen, pNode, pNodeStart } = this;
    const count = pStart.length;
    const doc = this.root.ownerDocument ?? (this.root as Document);
    return {
      text,
      pieceCount: count,
      rangeFor(start, end) {
        if (!(end > start)) return null;
        // First piece ending after `start`.
        let lo = 0;
        let hi = count;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (pStart[mid]! + pLen[mid]! > start) hi = mid;
          else lo = mid + 1;
        }
        const i = lo;
        if (i >= count || pStart[i]! >= end) return null;
        // Last piece starting before `end`.
        lo = i;
        hi = count;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (pStart[mid]! < end) lo = mid + 1;
          else hi = mid;
        }
        const j = lo - 1;
        const range = doc.createRange();
        range.setStart(pNode[i]!, pNodeStart[i]! + Math.max(0, start - pStart[i]!));
        range.setEnd(pNode[j]!, pNodeStart[j]! + Math.min(pLen[j]!, end - pStart[j]!));
        return range;
      },
      offsetsOf(range) {
        // Linear in the pieces: it runs once per reader action, not per entity.
        let start = -1;
        let end = -1;
        for (let i = 0; i < count; i++) {
          const node = pNode[i]!;
          if (!range.intersectsNode(node)) continue;
          const n0 = pNodeStart[i]!;
          const n1 = n0 + pLen[i]!;
          const s = node === range.startContainer ? Math.max(n0, range.startOffset) : n0;
          const e = node === range.endContainer ? Math.min(n1, range.endOffset) : n1;
          if (e <= s) continue;
          if (start < 0) start = pStart[i]! + (s - n0);
          end = pStart[i]! + (e - n0);
        }
        return start < 0 ? null : { start, end };
      },
    };
  }

  // -- traversal ---------------------------------------------------------------------------------

  /** Handles entering a node; returns true for an element whose children should be walked. */
  private enter(node: Node): boolean {
    if (node.nodeType === 3) {
      this.text(node as Text);
      return false;
    }
    if (node.nodeType !== 1) return false;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIPPED.has(tag) || isExcluded(el)) return false;
    if (tag === 'BR') {
      if (this.cellDepth > 0) this.space();
      else this.hardBreak();
      return false;
    }
    if (tag === 'TD' || tag === 'TH') {
      if (this.cellDepth > 0) {
        this.space();
      } else {
        const row = this.rows.length - 1;
        if (row >= 0) {
          for (let col = this.rows[row]!; (this.spans.get(col) ?? 0) > 0; col = this.rows[row]!) {
            this.spans.set(col, this.spans.get(col)! - 1);
            if (col > 0) this.write('\t');
            this.rows[row] = col + 1;
          }
          const col = this.rows[row]!;
          if (col > 0) this.write('\t');
          this.rows[row] = col + 1;
          const rowspan = Number(el.getAttribute('rowspan'));
          if (Number.isInteger(rowspan) && rowspan > 1) this.spans.set(col, Math.min(rowspan, 1000) - 1);
        } else {
          this.softBreak();
        }
      }
      this.cellDepth++;
      return true;
    }
    if (this.cellDepth > 0) {
      if (BLOCKS.has(tag) || tag === 'TR') this.space();
      return true;
    }
    if (tag === 'TABLE') this.spans.clear();
    if (tag === 'TR') {
      this.softBreak();
      this.rows.push(0);
      return true;
    }
    if (BLOCKS.has(tag)) this.softBreak();
    return true;
  }

  private exit(el: Element): void {
    const tag = el.tagName.toUpperCase();
    if (tag === 'TD' || tag === 'TH') {
      this.cellDepth--;
      if (this.cellDepth > 0) this.space();
      else this.pending = 'none'; // trailing whitespace of a cell is dropped
      if (this.cellDepth === 0) this.forced = false;
      return;
    }
    if (this.cellDepth > 0) {
      if (BLOCKS.has(tag) || tag === 'TR') this.space();
      return;
    }
    if (tag === 'TR') {
      // Spanned columns after the row's last cell are covered by this row too.
      const row = this.rows.length - 1;
      if (row >= 0) for (const [col, left] of this.spans) if (col >= this.rows[row]! && left > 0) this.spans.set(col, left - 1);
      this.softBreak();
      this.rows.pop();
      return;
    }
    if (BLOCKS.has(tag)) this.softBreak();
  }

  // -- text output -----------------------------------------------------------------------------

  private text(node: Text): void {
    const data = node.data;
    let pos = 0;
    WS.lastIndex = 0;
    for (let m = WS.exec(data); ; m = WS.exec(data)) {
      const wsStart = m ? m.index : data.length;
      if (wsStart > pos) this.visible(node, pos, data.slice(pos, wsStart));
      if (!m) break;
      const ws = m[0];
      const kind: Pending = ws.includes('\n') || ws.includes('\r') ? 'lineBreak' : 'space';
      if (this.pending === 'none' || (kind === 'lineBreak' && this.pending === 'space')) {
        this.pending = kind;
        this.pendingNode = node;
        this.pendingOffset = m.index;
      }
      pos = m.index + ws.length;
    }
  }

  /** Writes a run of non-whitespace characters of `node` starting at `offset`. */
  private visible(node: Text, offset: number, s: string): void {
    this.flushPending(s[0]!);
    this.piece(node, offset, s.replace(/\u00A0/g, ' '));
  }

  private flushPending(next: string): void {
    if (this.forced) {
      this.forced = false;
      const l = this.last;
      if (l !== '' && l !== '\n' && l !== '\t' && l !== ' ') {
        this.write(' '); // synthetic: maps to no node, it only separates words in the model
        this.pending = 'none';
      }
    }
    if (this.pending === 'none') return;
    const last = this.last;
    const dropped =
      last === '' || last === '\n' || last === '\t' || last === ' ' || (this.pending === 'lineBreak' && CJK.test(last) && CJK.test(next));
    if (!dropped && this.pendingNode) this.piece(this.pendingNode, this.pendingOffset, ' ');
    this.pending = 'none';
    this.pendingNode = null;
  }

  private piece(node: Text, nodeStart: number, s: string): void {
    this.pStart.push(this.length);
    this.pLen.push(s.length);
    this.pNode.push(node);
    this.pNodeStart.push(nodeStart);
    this.write(s);
  }

  private write(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    this.last = s[s.length - 1]!;
    if (s === '\n' || s === '\t') {
      this.pending = 'none';
      this.forced = false;
    }
  }

  /** A space inside a table cell where a block or <br> ends. */
  private space(): void {
    this.forced = true;
  }

  private softBreak(): void {
    this.pending = 'none';
    this.forced = false;
    if (this.last !== '' && this.last !== '\n') this.write('\n');
  }

  private hardBreak(): void {
    this.pending = 'none';
    this.forced = false;
    const n = this.parts.length;
    // At most one blank line in a row.
    if (this.last === '\n' && n >= 2 && this.parts[n - 2]!.endsWith('\n')) return;
    if (this.last !== '') this.write('\n');
  }
}

/** Builds the whole model in one go. */
export function buildTextModel(root: Node | Node[]): TextModel {
  return new TextModelBuilder(root).finish();
}

/** Builds the model in slices of about `sliceMs`, yielding to the event loop between slices. */
export async function buildTextModelChunked(root: Node | Node[], yieldNow: () => Promise<void>, sliceMs = 12): Promise<TextModel> {
  const builder = new TextModelBuilder(root);
  while (!builder.step(performance.now() + sliceMs)) await yieldNow();
  return builder.finish();
}
