/**
 * What an import does, decided by id and updatedAt alone (pure: the store passes in the records the
 * database holds under the incoming ids and URLs).
 */
import type { AnnotatedPage, Note } from '../lib/notes/note';
import { NotesError, type ImportPlan } from '../lib/notes/notes-api';
import { pagesFromNotes } from './notes-db';

/** True when timestamp `a` is later than `b`; ISO strings compare as instants, anything else as text. */
export function isLater(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isFinite(ta) && Number.isFinite(tb) ? ta > tb : a > b;
}

/** Rejects a file that holds one id twice: which of the two the reader meant cannot be guessed. */
export function assertUniqueIds(notes: readonly Note[]): void {
  const seen = new Set<string>();
  for (const n of notes) {
    if (seen.has(n.id)) {
      throw new NotesError(
        'invalid',
        `导入内容中同一批注 id 出现了两次（${n.id}），未导入任何内容。请检查文件是否被编辑或合并过。` +
          ` / The import holds the note id ${n.id} twice; nothing was imported. Check whether the file was edited or merged.`,
      );
    }
    seen.add(n.id);
  }
}

export function planMerge(
  notes: readonly Note[],
  existingNotes: ReadonlyMap<string, Note>,
  pages: readonly AnnotatedPage[],
  existingPages: ReadonlyMap<string, AnnotatedPage>,
): ImportPlan {
  assertUniqueIds(notes);
  const plan: ImportPlan = { added: [], updated: [], unchanged: [], pages: [] };
  for (const note of notes) {
    const current = existingNotes.get(note.id);
    if (!current) plan.added.push(note);
    else if (isLater(note.updatedAt, current.updatedAt)) plan.updated.push(note);
    else plan.unchanged.push(note);
  }

  const toWrite = new Map<string, AnnotatedPage>();
  const fromFile = new Map<string, AnnotatedPage>();
  for (const page of pages) {
    const seen = fromFile.get(page.url);
    if (!seen || isLater(page.updatedAt, seen.updatedAt)) fromFile.set(page.url, page);
  }
  for (const page of fromFile.values()) {
    const current = existingPages.get(page.url);
    if (!current || isLater(page.updatedAt, current.updatedAt)) toWrite.set(page.url, page);
  }
  // A written note always has its page, so the manager can group it even when the file lists no pages.
  for (const page of pagesFromNotes([...plan.added, ...plan.updated])) {
    if (!fromFile.has(page.url) && !existingPages.has(page.url)) toWrite.set(page.url, page);
  }
  plan.pages = [...toWrite.values()];
  return plan;
}
