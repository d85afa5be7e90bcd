/**
 * The reader's notes: the data model every part of the notes feature shares (storage, anchoring,
 * popup, manager, export/import). Pure types and small pure helpers; no DOM, no browser API.
 *
 * Timestamps are ISO 8601 UTC strings (`2026-11-23T08:15:00.000Z`): they sort as text, map
 * one-to-one onto Web Annotation `created`/`modified`, and survive export → import byte for byte.
 */
import type { DeadlinePrecision, UnitRole } from '../entity';

export type NoteStatus = 'todo' | 'done';
export const NOTE_STATUSES: readonly NoteStatus[] = ['todo', 'done'];

/** Highlight colours a reader can give a note (the UI maps them to accessible swatches). */
export type NoteColor = 'yellow' | 'green' | 'blue' | 'pink' | 'purple';
export const NOTE_COLORS: readonly NoteColor[] = ['yellow', 'green', 'blue', 'pink', 'purple'];

/** W3C Web Annotation selectors over the page's text model (the text the highlighter indexes). */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** What a note on a highlighted entity remembers of it (enough to show it when the page is gone). */
export type NoteEntity =
  | { kind: 'docNumber'; text: string; normalized: string }
  | { kind: 'deadline'; text: string; date: string | null; precision: DeadlinePrecision }
  | { kind: 'unit'; text: string; name: string; role: UnitRole };

export type NoteTarget =
  | { type: 'page' }
  | { type: 'selection'; quote: TextQuoteSelector; position: TextPositionSelector }
  | { type: 'entity'; entity: NoteEntity; quote: TextQuoteSelector; position: TextPositionSelector };

export interface Note {
  /** RFC 4122 uuid (crypto.randomUUID()). */
  id: string;
  /** Page URL, normalised with normalizeUrl(): the key that groups notes by page. */
  url: string;
  pageTitle: string;
  /** Host name, e.g. www.shanhe.gov.cn. */
  site: string;
  /** The page's own 文号 (normalised, 山政发〔2023〕15号) and 成文日期 (YYYY-MM-DD), when detected. */
  docNumber: string | null;
  docDate: string | null;
  target: NoteTarget;
  body: string;
  tags: string[];
  color: NoteColor;
  /** A note with a due date is a task: todo until the reader marks it done. */
  status: NoteStatus;
  /** YYYY-MM-DD: from a deadline entity or set by hand. */
  due: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A page the reader has annotated (kept so the manager can group notes by document). */
export interface AnnotatedPage {
  url: string;
  title: string;
  site: string;
  docNumber: string | null;
  docDate: string | null;
  updatedAt: string;
}

/** What the content script knows about the page a note is written on. */
export type PageInfo = Omit<AnnotatedPage, 'updatedAt'>;

/** Query parameters that only track the visit (they never change which document is shown). */
const TRACKING_PARAM =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|spm|from|isappinstalled|share_token|scene|clicktime|enterid|_hsenc|_hsmi|yclid)$/i;

/**
 * The page URL notes are keyed by: no fragment, no tracking parameters, the remaining parameters in
 * their original order, host lower-cased (URL does that), default ports dropped.
 * Returns the input unchanged when it is not a URL.
 */
export function normalizeUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw;
  }
  u.hash = '';
  const kept = [...u.searchParams].filter(([k]) => !TRACKING_PARAM.test(k));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  return u.toString();
}

export function siteOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** A note on a deadline is a task; others may become one when the reader sets a due date. */
export function isTask(note: Pick<Note, 'due' | 'target'>): boolean {
  return note.due !== null || (note.target.type === 'entity' && note.target.entity.kind === 'deadline');
}

/** The quoted text of a note's target ('' for a page note). */
export function quoteOf(note: Pick<Note, 'target'>): string {
  return note.target.type === 'page' ? '' : note.target.quote.exact;
}

/** Same notes in the same versions (ids and updatedAt), in any order. */
export function sameNoteVersions(a: readonly Note[], b: readonly Note[]): boolean {
  const versions = new Map(a.map((n) => [n.id, n.updatedAt]));
  return a.length === b.length && b.every((n) => versions.get(n.id) === n.updatedAt);
}
