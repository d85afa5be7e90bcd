/**
 * The notes store for the background and extension pages (one database in the extension's origin).
 * Content scripts never import this: their IndexedDB would be the website's.
 */
import type { NotesApi } from '../lib/notes/notes-api';
import { NotesDatabase } from './notes-db';
import { DexieNotesStore } from './notes-store';

export { NotesDatabase } from './notes-db';
export { DexieNotesStore } from './notes-store';
export { requestPersistentStorage } from './persist';

let db: NotesDatabase | undefined;
let store: DexieNotesStore | undefined;

/** The shared store, created on first use (Dexie opens the database on the first query). */
export function notesStore(): NotesApi {
  store ??= new DexieNotesStore((db ??= new NotesDatabase()));
  return store;
}

/**
 * Starts opening the database now rather than at the first query (the popup: while it waits for
 * the page's summary, which names the page whose notes to read). Never throws: a failure to open
 * reaches the reader through that first query, as a NotesError.
 */
export function openNotesDatabase(): void {
  notesStore();
  db!.open().catch(() => undefined);
}
