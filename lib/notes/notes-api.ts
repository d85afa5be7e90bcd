/**
 * The notes store's contract, shared by its Dexie implementation (storage/notes-store.ts), the
 * background's message handlers, the popup and the notes manager (which test against fakes of it).
 */
import type { AnnotatedPage, Note, NoteColor, NoteStatus, NoteTarget, PageInfo } from './note';

/** What a reader writes; the store adds id, page fields, status default and timestamps. */
export interface NoteDraft {
  target: NoteTarget;
  body: string;
  tags?: string[];
  color?: NoteColor;
  status?: NoteStatus;
  due?: string | null;
}

/** Fields a reader can change on an existing note. */
export type NotePatch = Partial<Pick<Note, 'body' | 'tags' | 'color' | 'status' | 'due'>>;

/** What an import would do, computed against the database as it is now (see NotesApi.planImport). */
export interface ImportPlan {
  /** Notes whose id is not in the database. */
  added: Note[];
  /** Notes whose id exists with an older updatedAt: the file's version replaces it. */
  updated: Note[];
  /** Notes the database already has in the same or a newer version (left as they are). */
  unchanged: Note[];
  /** Annotated pages from the file (upserted, newer updatedAt wins). */
  pages: AnnotatedPage[];
}

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
}

export interface NotesApi {
  /** Notes of one page (url normalised by the caller or not: the store normalises), newest first. */
  listForPage(url: string): Promise<Note[]>;
  /** Every note, newest updatedAt first. */
  all(): Promise<Note[]>;
  /** Every annotated page, newest first. */
  pages(): Promise<AnnotatedPage[]>;
  get(id: string): Promise<Note | undefined>;
  /** Creates a note on `page` (also records/updates the annotated page). */
  create(draft: NoteDraft, page: PageInfo, now?: Date): Promise<Note>;
  /** Applies `patch`, bumps updatedAt; rejects when the note does not exist. */
  update(id: string, patch: NotePatch, now?: Date): Promise<Note>;
  /** Deletes notes and returns them (for undo). */
  remove(ids: string[]): Promise<Note[]>;
  /** Puts deleted notes back exactly as they were (undo of remove). */
  restore(notes: Note[]): Promise<void>;
  /** Compares imported notes with the database by id (newer updatedAt wins). Writes nothing. */
  planImport(notes: Note[], pages: AnnotatedPage[]): Promise<ImportPlan>;
  /**
   * Merges in ONE transaction: re-plans inside it, so a concurrent edit is not overwritten by an
   * older file, and any failure (quota, constraint) rolls everything back.
   */
  applyImport(notes: Note[], pages: AnnotatedPage[]): Promise<ImportResult>;
}

/** Errors the UI shows as they are (Chinese message first, English after a ' / '). */
export class NotesError extends Error {
  constructor(
    readonly code: 'not-found' | 'quota' | 'invalid' | 'storage',
    message: string,
  ) {
    super(message);
    this.name = 'NotesError';
  }
}
