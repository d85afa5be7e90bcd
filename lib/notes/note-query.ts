/**
 * How the notes manager filters and sorts notes in memory (pure; "today" is passed in).
 * Dates are YYYY-MM-DD, so they compare as text.
 */
import { daysUntil } from '../dates';
import { isTask, quoteOf, type Note, type NoteStatus } from './note';

export interface NoteQuery {
  /** Whitespace-separated terms; every term must occur in body, quote, page title, 文号 or a tag. */
  text?: string;
  /** The note must carry every one of these tags. */
  tags?: string[];
  site?: string;
  status?: NoteStatus | 'all';
  /** overdue: open and past due; today: due today; week: due today or in the next 6 days. */
  due?: 'all' | 'overdue' | 'today' | 'week' | 'has' | 'none';
}

export type NoteSort = 'updated' | 'created' | 'due' | 'page';

/** Chinese titles and tags in pinyin order, as readers expect from other Chinese software. */
const collator = new Intl.Collator('zh-CN', { numeric: true });

/** NFKC folds full-width letters and digits (ＡＢＣ１５) onto the ones a reader types. */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

function searchText(note: Note): string {
  return fold([note.body, quoteOf(note), note.pageTitle, note.docNumber ?? '', ...note.tags].join('\n'));
}

export function isOverdue(note: Pick<Note, 'status' | 'due'>, today: string): boolean {
  return note.status === 'todo' && note.due !== null && note.due < today;
}

function matchesDue(note: Note, due: NonNullable<NoteQuery['due']>, today: string): boolean {
  switch (due) {
    case 'all':
      return true;
    case 'overdue':
      return isOverdue(note, today);
    case 'today':
      return note.due === today;
    case 'week': {
      if (note.due === null) return false;
      const days = daysUntil(note.due, today);
      return days >= 0 && days <= 6;
    }
    case 'has':
      return note.due !== null;
    case 'none':
      return note.due === null;
  }
}

export function filterNotes(notes: readonly Note[], q: NoteQuery, today: string): Note[] {
  const terms = q.text
    ? fold(q.text)
        .split(/\s+/)
        .filter((t) => t !== '')
    : [];
  const tags = q.tags?.filter((t) => t !== '') ?? [];
  return notes.filter((note) => {
    if (q.status && q.status !== 'all' && note.status !== q.status) return false;
    if (q.site && note.site !== q.site) return false;
    if (q.due && !matchesDue(note, q.due, today)) return false;
    if (tags.length > 0 && !tags.every((t) => note.tags.includes(t))) return false;
    if (terms.length > 0) {
      const text = searchText(note);
      if (!terms.every((t) => text.includes(t))) return false;
    }
    return true;
  });
}

const desc = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);
const asc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Where a note sits in its document: page notes first, then by the passage's position. */
const positionOf = (note: Note): number => (note.target.type === 'page' ? -1 : note.target.position.start);

const COMPARATORS: Record<NoteSort, (a: Note, b: Note) => number> = {
  updated: (a, b) => desc(a.updatedAt, b.updatedAt),
  created: (a, b) => desc(a.createdAt, b.createdAt),
  // Earliest due first (so overdue before upcoming); notes without a due date last, newest first.
  due: (a, b) => (a.due === b.due ? desc(a.updatedAt, b.updatedAt) : a.due === null ? 1 : b.due === null ? -1 : asc(a.due, b.due)),
  // Grouped by document (title in pinyin order, then URL), in reading order within one.
  page: (a, b) =>
    collator.compare(a.pageTitle, b.pageTitle) || asc(a.url, b.url) || positionOf(a) - positionOf(b) || asc(a.createdAt, b.createdAt),
};

/** A sorted copy (the input is left as it is). */
export function sortNotes(notes: readonly Note[], sort: NoteSort): Note[] {
  return [...notes].sort(COMPARATORS[sort]);
}

/**
 * The deadlines view: open tasks with a due date, earliest first (overdue ones lead), then open
 * tasks without one (a deadline that has no date, e.g. 每月 or 长期), newest first.
 */
export function openTasks(notes: readonly Note[]): Note[] {
  const open = notes.filter((n) => n.status === 'todo' && isTask(n));
  const dated = open.filter((n) => n.due !== null);
  const undated = open.filter((n) => n.due === null);
  return [...sortNotes(dated, 'due'), ...sortNotes(undated, 'updated')];
}

function countOf(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Every tag in use with its number of notes, in pinyin/alphabetical order (for the tag filter). */
export function tagsOf(notes: readonly Note[]): Array<{ tag: string; count: number }> {
  return [...countOf(notes.flatMap((n) => [...new Set(n.tags)]))]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => collator.compare(a.tag, b.tag));
}

/** Every site with its number of notes, by host name (for the site filter). */
export function sitesOf(notes: readonly Note[]): Array<{ site: string; count: number }> {
  return [...countOf(notes.flatMap((n) => (n.site ? [n.site] : [])))]
    .map(([site, count]) => ({ site, count }))
    .sort((a, b) => asc(a.site, b.site));
}
