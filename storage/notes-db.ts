/**
 * The notes database (IndexedDB through Dexie), opened by the background and extension pages only:
 * a content script's IndexedDB belongs to the website's origin.
 *
 * The schema's whole history is data (SCHEMA_HISTORY): every version a reader may still have on
 * disk is declared, so Dexie can upgrade from any of them. To change the schema, append a version
 * with its stores and an upgrade; never edit a released one.
 */
import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import { PAGE_RECORD_STORE, notesByUrl, pageOf, pageRecord, type PageRecord } from './page-record';
import {
  NOTE_COLORS,
  normalizeUrl,
  siteOf,
  type AnnotatedPage,
  type Note,
  type NoteColor,
  type TextPositionSelector,
  type TextQuoteSelector,
} from '../lib/notes/note';

export const DEFAULT_DB_NAME = 'gazette-lens';

/**
 * A note as version 1 stored it: a flatter record, page and selection notes only. Tags were one
 * comma-separated string, a task was `done` or not, the page URL was stored as visited, and absent
 * values were left out rather than null.
 */
export interface NoteV1 {
  id: string;
  url: string;
  title: string;
  docNumber?: string;
  docDate?: string;
  /** Both present for a selection note; both absent for a page note. */
  quote?: TextQuoteSelector;
  position?: TextPositionSelector;
  body: string;
  /** "通知, 待办，重点" — ASCII or full-width commas (what a Chinese keyboard types). */
  tags: string;
  color?: NoteColor;
  done: boolean;
  due?: string;
  createdAt: string;
  updatedAt: string;
}

export interface SchemaVersion {
  version: number;
  /** Dexie store declarations; null deletes a table. */
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Splits a v1 tag string; trims, drops empty and repeated tags, keeps the reader's order. */
export function splitV1Tags(tags: string): string[] {
  return [
    ...new Set(
      tags
        .split(/[,，]/)
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    ),
  ];
}

export function noteFromV1(old: NoteV1): Note {
  const url = normalizeUrl(old.url);
  return {
    id: old.id,
    url,
    pageTitle: old.title,
    site: siteOf(url),
    docNumber: old.docNumber ?? null,
    docDate: old.docDate ?? null,
    target: old.quote && old.position ? { type: 'selection', quote: old.quote, position: old.position } : { type: 'page' },
    body: old.body,
    tags: splitV1Tags(old.tags ?? ''),
    color: old.color && NOTE_COLORS.includes(old.color) ? old.color : 'yellow',
    status: old.done ? 'done' : 'todo',
    due: old.due ?? null,
    createdAt: old.createdAt,
    updatedAt: old.updatedAt,
  };
}

/** The annotated pages implied by notes: per URL, the page fields of its most recently updated note. */
export function pagesFromNotes(notes: readonly Note[]): AnnotatedPage[] {
  const byUrl = new Map<string, AnnotatedPage>();
  for (const n of notes) {
    const seen = byUrl.get(n.url);
    if (seen && seen.updatedAt >= n.updatedAt) continue;
    byUrl.set(n.url, {
      url: n.url,
      title: n.pageTitle,
      site: n.site,
      docNumber: n.docNumber,
      docDate: n.docDate,
      updatedAt: n.updatedAt,
    });
  }
  return [...byUrl.values()];
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  const old = (await tx.table('notes').toArray()) as NoteV1[];
  const notes = old.map(noteFromV1);
  // put() replaces each record under the same id; the new indexes are filled as it writes.
  await tx.table('notes').bulkPut(notes);
  await tx.table('pages').bulkPut(pagesFromNotes(notes));
}

/**
 * Version 2's two tables (notes, pages) become version 3's page records, each holding its page's
 * notes. Pages without notes stay (they are the reader's reading history); a note whose page
 * record is missing gets one from its own page fields.
 */
async function upgradeToV3(tx: Transaction): Promise<void> {
  const notes = (await tx.table('notes').toArray()) as Note[];
  const pages = (await tx.table('pages').toArray()) as AnnotatedPage[];
  const groups = notesByUrl(notes);
  const records: PageRecord[] = pages.map((p) => pageRecord(pageOf(p), groups.get(p.url) ?? []));
  const known = new Set(pages.map((p) => p.url));
  for (const page of pagesFromNotes(notes.filter((n) => !known.has(n.url)))) records.push(pageRecord(page, groups.get(page.url)!));
  await tx.table('pages').bulkPut(records);
  await tx.table('notes').clear();
}

const V2_NOTES = 'id, url, site, *tags, due, status, createdAt, updatedAt, [status+due]';

export const SCHEMA_HISTORY: readonly SchemaVersion[] = [
  { version: 1, stores: { notes: 'id, url, updatedAt' } },
  {
    version: 2,
    stores: {
      // Multi-entry tags; [status+due] serves "open tasks by due date" (notes without due are not in it).
      notes: V2_NOTES,
      pages: 'url, site, updatedAt',
    },
    upgrade: upgradeToV2,
  },
  // One record per page, holding its notes (why: storage/page-record.ts). The notes table is read
  // by version 3's upgrade and deleted by version 4: Dexie lets an upgrade read only tables that
  // still exist in its own version.
  { version: 3, stores: { notes: V2_NOTES, pages: PAGE_RECORD_STORE }, upgrade: upgradeToV3 },
  { version: 4, stores: { notes: null, pages: PAGE_RECORD_STORE } },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1]!.version;

function declareVersions(db: Dexie, upTo: number): void {
  for (const v of SCHEMA_HISTORY) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}

export class NotesDatabase extends Dexie {
  pages!: Table<PageRecord, string>;

  constructor(name = DEFAULT_DB_NAME, options?: DexieOptions) {
    super(name, options);
    declareVersions(this, CURRENT_SCHEMA_VERSION);
  }
}

/**
 * The database as an older release opened it (for migration tests: write records the way that
 * release did, close, then open with NotesDatabase).
 */
export function openAtVersion(version: number, name = DEFAULT_DB_NAME, options?: DexieOptions): Dexie {
  if (!SCHEMA_HISTORY.some((v) => v.version === version)) throw new RangeError(`no schema version ${version}`);
  const db = new Dexie(name, options);
  declareVersions(db, version);
  return db;
}

export function openVersion1(name = DEFAULT_DB_NAME, options?: DexieOptions): Dexie & { notes: Table<NoteV1, string> } {
  return openAtVersion(1, name, options) as Dexie & { notes: Table<NoteV1, string> };
}

/** Version 2's tables, for migration tests. */
export function openVersion2(
  name = DEFAULT_DB_NAME,
  options?: DexieOptions,
): Dexie & { notes: Table<Note, string>; pages: Table<AnnotatedPage, string> } {
  return openAtVersion(2, name, options) as Dexie & { notes: Table<Note, string>; pages: Table<AnnotatedPage, string> };
}
