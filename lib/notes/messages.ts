/**
 * Messages about notes between the content script, the background (which owns the database: a
 * content script's IndexedDB would belong to the website's origin) and the popup.
 * Types and names only: the background validates every incoming message with zod
 * (storage/notes-handler.ts); the content script stays small and never imports zod.
 */
import type { Note, PageInfo } from './note';
import type { NoteDraft, NotePatch } from './notes-api';

/** Content script → background. */
export type NotesRequest =
  | { type: 'gl:notes:list'; url: string }
  | { type: 'gl:notes:create'; draft: NoteDraft; page: PageInfo }
  | { type: 'gl:notes:update'; id: string; patch: NotePatch }
  | { type: 'gl:notes:remove'; ids: string[] }
  | { type: 'gl:notes:restore'; notes: Note[] }
  | { type: 'gl:notes:open-manager'; url?: string };

/** Every answer: the value, or a message the reader can act on (never a thrown error across the channel). */
export type NotesResponse<T> = { ok: true; value: T } | { ok: false; error: string };

export const NOTES_REQUEST_TYPES = [
  'gl:notes:list',
  'gl:notes:create',
  'gl:notes:update',
  'gl:notes:remove',
  'gl:notes:restore',
  'gl:notes:open-manager',
] as const;

export function isNotesRequestType(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && (NOTES_REQUEST_TYPES as readonly string[]).includes(type);
}

/** Background / popup → content script. */
export type PageNotesRequest =
  /** Open the note editor for the reader's current selection (context menu, keyboard shortcut). */
  | { type: 'gl:notes:compose' }
  /** The page's notes changed elsewhere (popup, manager): reload and re-anchor them. */
  | { type: 'gl:notes:refresh' }
  /** Scroll to a note's passage and flash it; answers false when it is not on the page. */
  | { type: 'gl:notes:reveal'; id: string }
  /** The page's notes as the content script holds them, and where each is anchored: answers PageNotesState. */
  | { type: 'gl:notes:state' };

/** id → how the note was placed ('position' | 'quote' | 'fuzzy'), or null: 未能定位. Page notes are absent. */
export type NoteAnchoring = Record<string, 'position' | 'quote' | 'fuzzy' | null>;

/**
 * What the page's content script knows of its notes: the list it loaded (and kept up to date with
 * its own changes) and where each sits. The popup renders from it without opening the database,
 * then checks it against the database (a note edited in the manager since may differ).
 */
export interface PageNotesState {
  /** Normalised URL of the page these notes belong to. */
  url: string;
  notes: Note[];
  anchoring: NoteAnchoring;
}

export function isPageNotesRequest(message: unknown): message is PageNotesRequest {
  const m = message as { type?: unknown; id?: unknown } | null;
  if (typeof m !== 'object' || m === null) return false;
  if (m.type === 'gl:notes:reveal') return typeof m.id === 'string';
  return m.type === 'gl:notes:compose' || m.type === 'gl:notes:refresh' || m.type === 'gl:notes:state';
}
