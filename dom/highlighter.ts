/**
 * Paints entities with the CSS Custom Highlight API: one Highlight per kind, registered in
 * CSS.highlights, styled by ::highlight() rules in a <style> the extension adds to <head>. The page's
 * DOM and text are never changed (the <style> holds only our constant CSS, never page text).
 * Where the API is missing, paintMarks() wraps entities in <mark> elements instead (the page's text
 * stays identical) and removeMarks() restores the page's DOM.
 */
import type { Entity } from '@/lib/entity';
import { daysUntil } from '@/lib/dates';
import type { HighlightKind } from './summary';
import type { TextModel } from './text-model';
import { UI_ATTRIBUTE } from './text-model';

export const HIGHLIGHT_NAMES: Record<HighlightKind, string> = {
  docnumber: 'gl-docnumber',
  deadline: 'gl-deadline',
  'deadline-overdue': 'gl-deadline-overdue',
  unit: 'gl-unit',
};

/**
 * Okabe–Ito hues (distinguishable with the common colour-vision deficiencies), each kind also with
 * its own underline style so colour is never the only cue: 文号 blue solid, 期限 orange dashed,
 * overdue vermilion wavy and thicker with dark text, units purple dotted. Backgrounds are opaque
 * light tints so they read the same on any page background.
 */
export const HIGHLIGHT_COLORS = {
  docnumber: { background: 'rgb(214, 234, 248)', line: '#0072B2' },
  deadline: { background: 'rgb(253, 232, 196)', line: '#E69F00' },
  'deadline-overdue': { background: 'rgb(250, 212, 196)', line: '#D55E00' },
  unit: { background: 'rgb(240, 220, 234)', line: '#CC79A7' },
} as const satisfies Record<HighlightKind, { background: string; line: string }>;

const c = HIGHLIGHT_COLORS;
export const HIGHLIGHT_CSS = `
::highlight(gl-docnumber) { background-color: ${c.docnumber.background}; text-decoration: underline solid ${c.docnumber.line} 2px; }
::highlight(gl-deadline) { background-color: ${c.deadline.background}; text-decoration: underline dashed ${c.deadline.line} 2px; }
::highlight(gl-deadline-overdue) { background-color: ${c['deadline-overdue'].background}; color: #7a1f00; text-decoration: underline wavy ${c['deadline-overdue'].line} 3px; }
::highlight(gl-unit) { background-color: ${c.unit.background}; text-decoration: underline dotted ${c.unit.line} 2px; }
::highlight(gl-flash) { background-color: #ffd400; color: #000; }
mark[data-gazette-lens] { color: inherit; background-color: transparent; }
mark.gl-docnumber[data-gazette-lens] { background-color: ${c.docnumber.background}; text-decoration: underline solid ${c.docnumber.line} 2px; }
mark.gl-deadline[data-gazette-lens] { background-color: ${c.deadline.background}; text-decoration: underline dashed ${c.deadline.line} 2px; }
mark.gl-deadline-overdue[data-gazette-lens] { background-color: ${c['deadline-overdue'].background}; color: #7a1f00; text-decoration: underline wavy ${c['deadline-overdue'].line} 3px; }
mark.gl-unit[data-gazette-lens] { background-color: ${c.unit.background}; text-decoration: underline dotted ${c.unit.line} 2px; }
${(Object.keys(c) as HighlightKind[]).map((k) => `html[data-gl-off~="${k}"] mark.gl-${k}[data-gazette-lens]`).join(', ')} { background-color: transparent; color: inherit; text-decoration: none; }
`;

/** Attribute on <html> listing the kinds the legend switched off (fallback marks only). */
export const MARKS_OFF_ATTRIBUTE = 'data-gl-off';

/** Name of the short-lived highlight that marks the entity the reader jumped to. */
export const FLASH_NAME = 'gl-flash';

export const STYLE_ID = 'gazette-lens-highlight-style';

export function highlightApiAvailable(): boolean {
  return typeof Highlight === 'function' && typeof CSS !== 'undefined' && !!CSS.highlights;
}

/** Adds (once) the ::highlight() rules to the page document's <head>, outside <body>. */
export function injectStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.setAttribute(UI_ATTRIBUTE, '');
  style.textContent = HIGHLIGHT_CSS;
  (doc.head ?? doc.documentElement).appendChild(style);
}

export function highlightKind(entity: Entity, today: string): HighlightKind {
  if (entity.kind === 'docNumber') return 'docnumber';
  if (entity.kind === 'unit') return 'unit';
  return entity.date !== null && daysUntil(entity.date, today) < 0 ? 'deadline-overdue' : 'deadline';
}

export type PaintCounts = Record<HighlightKind, number>;

/**
 * Builds one Highlight per kind from the entities' ranges, in slices of about `sliceMs` with yields
 * in between, then registers them all at once in CSS.highlights (replacing earlier ones, so a
 * re-run after the page changed never flickers). Returns the number of ranges per kind.
 */
export async function paint(
  model: TextModel,
  entities: Entity[],
  today: string,
  yieldNow: () => Promise<void>,
  sliceMs = 12,
): Promise<PaintCounts> {
  const counts: PaintCounts = { docnumber: 0, deadline: 0, 'deadline-overdue': 0, unit: 0 };
  const highlights = {} as Record<HighlightKind, Highlight>;
  for (const kind of Object.keys(HIGHLIGHT_NAMES) as HighlightKind[]) highlights[kind] = new Highlight();
  let sliceEnd = performance.now() + sliceMs;
  for (let i = 0; i < entities.length; i++) {
    if ((i & 31) === 31 && performance.now() > sliceEnd) {
      await yieldNow();
      sliceEnd = performance.now() + sliceMs;
    }
    const e = entities[i]!;
    const range = model.rangeFor(e.start, e.end);
    if (!range) continue;
    const kind = highlightKind(e, today);
    highlights[kind].add(range);
    counts[kind]++;
  }
  for (const kind of Object.keys(HIGHLIGHT_NAMES) as HighlightKind[]) CSS.highlights.set(HIGHLIGHT_NAMES[kind], highlights[kind]);
  return counts;
}

/** Marks `range` for a moment with the flash highlight (drawn above the others). */
export function flash(range: Range, ms = 1600): void {
  if (!highlightApiAvailable()) return;
  const h = new Highlight(range);
  h.priority = 10;
  CSS.highlights.set(FLASH_NAME, h);
  setTimeout(() => {
    if (CSS.highlights.get(FLASH_NAME) === h) CSS.highlights.delete(FLASH_NAME);
  }, ms);
}

/** Removes our highlights (the <style> stays: it is inert without them). */
export function clearHighlights(): void {
  if (!highlightApiAvailable()) return;
  for (const name of [...Object.values(HIGHLIGHT_NAMES), FLASH_NAME]) CSS.highlights.delete(name);
}

// -- fallback: <mark> elements where the CSS Custom Highlight API is missing -----------------------

/**
 * Called around our own DOM changes (wrapping and unwrapping marks): `before` lets an observer
 * handle the page's pending mutations, `after` lets it drop the records of ours (dom/live.ts).
 */
export interface MutationGuard {
  before(): void;
  after(): void;
}
export const mutationGuards = new Set<MutationGuard>();

function ownMutation<T>(fn: () => T): T {
  for (const g of mutationGuards) g.before();
  try {
    return fn();
  } finally {
    for (const g of mutationGuards) g.after();
  }
}

/** Per document: the text nodes our splits created, each with the page's node it was split from. */
const splits = new WeakMap<Document, Map<Text, Text>>();

/** Our marks in `doc`. */
export function markElements(doc: Document): HTMLElement[] {
  return Array.from(doc.querySelectorAll<HTMLElement>(`mark[${UI_ATTRIBUTE}]`));
}

/**
 * Wraps each entity's text in <mark class="gl-<kind>" data-gazette-lens> elements, one per text node
 * it covers (text nodes are split at the entity's edges). Only the element structure changes: every
 * character stays in place (document.body.textContent is unchanged). removeMarks() undoes it.
 */
export function paintMarks(model: TextModel, entities: Entity[], today: string): PaintCounts {
  const counts: PaintCounts = { docnumber: 0, deadline: 0, 'deadline-overdue': 0, unit: 0 };
  // Collect the pieces first (offsets in the unsplit nodes), then split each node from its end.
  const pieces = new Map<Text, Array<{ start: number; end: number; kind: HighlightKind }>>();
  for (const e of entities) {
    const range = model.rangeFor(e.start, e.end);
    if (!range) continue;
    const kind = highlightKind(e, today);
    counts[kind]++;
    for (const [node, start, end] of textPieces(range)) {
      if (end <= start) continue;
      let list = pieces.get(node);
      if (!list) pieces.set(node, (list = []));
      list.push({ start, end, kind });
    }
  }
  if (pieces.size === 0) return counts;
  const doc = model.rangeFor(0, 1)?.startContainer.ownerDocument ?? document;
  let created = splits.get(doc);
  if (!created) splits.set(doc, (created = new Map()));
  const made = created;
  ownMutation(() => {
    for (const [node, list] of pieces) {
      list.sort((a, b) => b.start - a.start);
      let floor = Infinity; // start of the piece wrapped last (pieces never overlap)
      for (const p of list) {
        if (p.end > floor || !node.parentNode) continue;
        if (p.end < node.data.length) made.set(node.splitText(p.end), made.get(node) ?? node);
        let target = node;
        if (p.start > 0) {
          target = node.splitText(p.start);
          made.set(target, made.get(node) ?? node);
        }
        const mark = doc.createElement('mark');
        mark.className = `gl-${p.kind}`;
        mark.setAttribute(UI_ATTRIBUTE, '');
        target.parentNode!.insertBefore(mark, target);
        mark.appendChild(target);
        floor = p.start;
      }
    }
  });
  return counts;
}

/** The (text node, start, end) pieces of a range. */
function textPieces(range: Range): Array<[Text, number, number]> {
  const out: Array<[Text, number, number]> = [];
  const { startContainer, endContainer, startOffset, endOffset } = range;
  if (startContainer === endContainer && startContainer.nodeType === 3) {
    return [[startContainer as Text, startOffset, endOffset]];
  }
  const root = range.commonAncestorContainer;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (!range.intersectsNode(t)) continue;
    const start = t === startContainer ? startOffset : 0;
    const end = t === endContainer ? endOffset : t.data.length;
    out.push([t, start, end]);
  }
  return out;
}

/** Removes our marks and joins the text nodes we split: the page's DOM is as before. */
export function removeMarks(doc: Document): void {
  const marks = markElements(doc);
  const made = splits.get(doc);
  if (marks.length === 0 && !made?.size) return;
  ownMutation(() => {
    for (const mark of marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      mark.remove();
    }
    if (!made) return;
    // Join each original node with the pieces split from it that follow it.
    const origins = new Set(made.values());
    for (const origin of origins) {
      let n = origin.nextSibling;
      while (n && n.nodeType === 3 && made.get(n as Text) === origin) {
        const next = n.nextSibling;
        origin.appendData((n as Text).data);
        n.parentNode!.removeChild(n);
        n = next;
      }
    }
    made.clear();
  });
}
