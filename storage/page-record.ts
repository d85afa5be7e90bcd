/**
 * How schema version 3 stores notes: one record per annotated page, holding the page's notes.
 *
 * Why not one record per note: IndexedDB's cost is per record. In Chromium, writing 10 000
 * one-note records takes 1.5–2 s whatever their indexes (each put is a request to the browser
 * process); the same notes as 500 page records take 0.25–0.33 s. A page's notes are also what
 * the popup reads (one get) and what the manager groups by.
 *
 * A record is a function of its page fields and its set of notes: notes are kept in id order and
 * the index keys are derived here on every write, so equal contents give deep-equal records.
 */
import type { AnnotatedPage, Note, NoteStatus } from '../lib/notes/note';

export interface PageRecord extends AnnotatedPage {
  /** The page's notes, in id order. */
  notes: Note[];
  /** Index keys (multi-entry), derived from `notes` by pageRecord(): */
  /** ids of the notes, to find a note's page. */
  noteIds: string[];
  /** Every tag used on the page. */
  tags: string[];
  statuses: NoteStatus[];
  /** Due dates of the page's open tasks: "open tasks by due date" without reading every record. */
  openDues: string[];
}

/** Dexie store declaration for PageRecord (url is the primary key). */
export const PAGE_RECORD_STORE = 'url, site, updatedAt, *noteIds, *tags, *statuses, *openDues';

const byId = (a: Note, b: Note): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function uniqueSorted<T extends string>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort();
}

export function pageRecord(page: AnnotatedPage, notes: Iterable<Note>): PageRecord {
  const sorted = [...notes].sort(byId);
  return {
    url: page.url,
    title: page.title,
    site: page.site,
    docNumber: page.docNumber,
    docDate: page.docDate,
    updatedAt: page.updatedAt,
    notes: sorted,
    noteIds: sorted.map((n) => n.id),
    tags: uniqueSorted(sorted.flatMap((n) => n.tags)),
    statuses: uniqueSorted(sorted.map((n) => n.status)),
    openDues: uniqueSorted(sorted.flatMap((n) => (n.status === 'todo' && n.due !== null ? [n.due] : []))),
  };
}

/** The page fields of a record, as the manager and the export describe a document. */
export function pageOf(record: AnnotatedPage): AnnotatedPage {
  return {
    url: record.url,
    title: record.title,
    site: record.site,
    docNumber: record.docNumber,
    docDate: record.docDate,
    updatedAt: record.updatedAt,
  };
}

/** Notes grouped by their page URL, in first-seen order of the URLs. */
export function notesByUrl(notes: Iterable<Note>): Map<string, Note[]> {
  const groups = new Map<string, Note[]>();
  for (const n of notes) {
    const group = groups.get(n.url);
    if (group) group.push(n);
    else groups.set(n.url, [n]);
  }
  return groups;
}
