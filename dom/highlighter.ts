/**
 * Paints entities with the CSS Custom Highlight API: one Highlight per kind, registered in
 * CSS.highlights, styled by ::highlight() rules in a <style> the extension adds to <head>. The page's
 * DOM and text are never changed (the <style> holds only our constant CSS, never page text).
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
`;

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
