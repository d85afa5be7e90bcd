/**
 * NotesApi over the Dexie database. Every public method is `async`: Dexie's promises are not native
 * Promises, and a runtime.onMessage handler that returns one gives the sender undefined.
 * Every failure reaches the caller as a NotesError (see notes-errors.ts).
 */
import type { Table } from 'dexie';
import { parseIsoDate } from '../lib/dates';
import {
  NOTE_COLORS,
  NOTE_STATUSES,
  normalizeUrl,
  siteOf,
  type AnnotatedPage,
  type Note,
  type NoteColor,
  type NoteStatus,
  type NoteTarget,
  type PageInfo,
} from '../lib/notes/note';
import { NotesError, type ImportPlan, type ImportResult, type NoteDraft, type NotePatch, type NotesApi } from '../lib/notes/notes-api';
import { planMerge } from './import-plan';
import { pagesFromNotes, type NotesDatabase } from './notes-db';
import { asNotesError } from './notes-errors';

const NOT_FOUND_MESSAGE =
  '找不到这条批注：它可能已在其他窗口中被删除。请刷新列表后重试。' +
  ' / Note not found: it may have been deleted in another window. Refresh the list and try again.';

/** Trims tags and drops empty and repeated ones, keeping the reader's order. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];
}

function invalid(zh: string, en: string): NotesError {
  return new NotesError('invalid', `${zh} / ${en}`);
}

function checkedDue(due: string | null): string | null {
  if (due !== null && !parseIsoDate(due)) {
    throw invalid(`截止日期“${due}”无效，请使用 YYYY-MM-DD 格式的真实日期。`, `Invalid due date "${due}": use a real date as YYYY-MM-DD.`);
  }
  return due;
}

function checkedColor(color: NoteColor): NoteColor {
  if (!NOTE_COLORS.includes(color)) throw invalid(`未知的颜色“${color}”。`, `Unknown colour "${color}".`);
  return color;
}

function checkedStatus(status: NoteStatus): NoteStatus {
  if (!NOTE_STATUSES.includes(status)) throw invalid(`未知的状态“${status}”。`, `Unknown status "${status}".`);
  return status;
}

/** The patch's own fields only (a message may carry more), checked and cleaned. */
function checkedPatch(patch: NotePatch): NotePatch {
  const out: NotePatch = {};
  if (patch.body !== undefined) out.body = patch.body;
  if (patch.tags !== undefined) out.tags = cleanTags(patch.tags);
  if (patch.color !== undefined) out.color = checkedColor(patch.color);
  if (patch.status !== undefined) out.status = checkedStatus(patch.status);
  if (patch.due !== undefined) out.due = checkedDue(patch.due);
  return out;
}

/** A note on a dated deadline is due on that date unless the reader set another one. */
function deadlineDateOf(target: NoteTarget): string | null {
  return target.type === 'entity' && target.entity.kind === 'deadline' ? target.entity.date : null;
}

/** The page record after a new note: fresh title and 文号/日期, unless this visit failed to detect them. */
function mergedPage(current: AnnotatedPage | undefined, info: PageInfo, url: string, stamp: string): AnnotatedPage {
  return {
    url,
    title: info.title || current?.title || '',
    site: info.site || current?.site || siteOf(url),
    docNumber: info.docNumber ?? current?.docNumber ?? null,
    docDate: info.docDate ?? current?.docDate ?? null,
    updatedAt: current && current.updatedAt > stamp ? current.updatedAt : stamp,
  };
}

const newestFirst = (a: { updatedAt: string }, b: { updatedAt: string }): number =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;

export class DexieNotesStore implements NotesApi {
  constructor(
    private readonly db: NotesDatabase,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  async listForPage(url: string): Promise<Note[]> {
    const notes = await asNotesError(() => this.db.notes.where('url').equals(normalizeUrl(url)).toArray());
    return notes.sort(newestFirst);
  }

  async all(): Promise<Note[]> {
    return asNotesError(() => this.db.notes.orderBy('updatedAt').reverse().toArray());
  }

  async pages(): Promise<AnnotatedPage[]> {
    return asNotesError(() => this.db.pages.orderBy('updatedAt').reverse().toArray());
  }

  async get(id: string): Promise<Note | undefined> {
    return asNotesError(() => this.db.notes.get(id));
  }

  async create(draft: NoteDraft, page: PageInfo, now: Date = new Date()): Promise<Note> {
    const url = normalizeUrl(page.url);
    const stamp = now.toISOString();
    const fields = {
      body: draft.body,
      tags: cleanTags(draft.tags ?? []),
      color: checkedColor(draft.color ?? 'yellow'),
      status: checkedStatus(draft.status ?? 'todo'),
      due: checkedDue(draft.due ?? deadlineDateOf(draft.target)),
    };
    const { db } = this;
    return asNotesError(() =>
      db.transaction('rw', db.notes, db.pages, async () => {
        const pageRecord = mergedPage(await db.pages.get(url), page, url, stamp);
        const note: Note = {
          id: this.newId(),
          url,
          pageTitle: pageRecord.title,
          site: pageRecord.site,
          docNumber: pageRecord.docNumber,
          docDate: pageRecord.docDate,
          target: draft.target,
          ...fields,
          createdAt: stamp,
          updatedAt: stamp,
        };
        await db.notes.add(note);
        await db.pages.put(pageRecord);
        return note;
      }),
    );
  }

  async update(id: string, patch: NotePatch, now: Date = new Date()): Promise<Note> {
    const changes = checkedPatch(patch);
    const stamp = now.toISOString();
    const { db } = this;
    return asNotesError(() =>
      db.transaction('rw', db.notes, db.pages, async () => {
        const current = await db.notes.get(id);
        if (!current) throw new NotesError('not-found', NOT_FOUND_MESSAGE);
        const next: Note = { ...current, ...changes, updatedAt: stamp };
        await db.notes.put(next);
        // The page moves up the manager's "recently annotated" order with its notes.
        const page = await db.pages.get(current.url);
        if (page && page.updatedAt < stamp) await db.pages.put({ ...page, updatedAt: stamp });
        return next;
      }),
    );
  }

  /** Annotated pages are kept when their last note goes: they are the reader's reading history. */
  async remove(ids: string[]): Promise<Note[]> {
    const { db } = this;
    return asNotesError(() =>
      db.transaction('rw', db.notes, async () => {
        const found = (await db.notes.bulkGet([...new Set(ids)])).filter((n): n is Note => n !== undefined);
        await db.notes.bulkDelete(found.map((n) => n.id));
        return found;
      }),
    );
  }

  async restore(notes: Note[]): Promise<void> {
    const { db } = this;
    await asNotesError(() =>
      db.transaction('rw', db.notes, db.pages, async () => {
        await db.notes.bulkPut(notes);
        const urls = [...new Set(notes.map((n) => n.url))];
        const known = new Set((await db.pages.bulkGet(urls)).flatMap((p) => (p ? [p.url] : [])));
        await db.pages.bulkPut(pagesFromNotes(notes.filter((n) => !known.has(n.url))));
      }),
    );
  }

  async planImport(notes: Note[], pages: AnnotatedPage[]): Promise<ImportPlan> {
    const { db } = this;
    return asNotesError(() => db.transaction('r', db.notes, db.pages, () => this.planInTransaction(notes, pages)));
  }

  async applyImport(notes: Note[], pages: AnnotatedPage[]): Promise<ImportResult> {
    const { db } = this;
    return asNotesError(() =>
      db.transaction('rw', db.notes, db.pages, async () => {
        // Planned again inside the transaction: a note edited since the preview is not overwritten by an older file.
        const plan = await this.planInTransaction(notes, pages);
        await db.notes.bulkPut([...plan.added, ...plan.updated]);
        await db.pages.bulkPut(plan.pages);
        return { added: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length };
      }),
    );
  }

  private async planInTransaction(notes: readonly Note[], pages: readonly AnnotatedPage[]): Promise<ImportPlan> {
    const { db } = this;
    const ids = notes.map((n) => n.id);
    const urls = [...new Set([...pages.map((p) => p.url), ...notes.map((n) => n.url)])];
    const existingNotes = new Map<string, Note>();
    for (const n of await storedUnder(db.notes, ids)) existingNotes.set(n.id, n);
    const existingPages = new Map<string, AnnotatedPage>();
    for (const p of await storedUnder(db.pages, urls)) existingPages.set(p.url, p);
    return planMerge(notes, existingNotes, pages, existingPages);
  }
}

/**
 * The records a table holds under `keys`. bulkGet is one IndexedDB request per key (10 000 cost
 * 0.3–1 s in Chromium, whether found or not); the table's keys come in one request. So for many
 * keys, unless the table is much larger still, read its keys first and fetch only the records it
 * has: an import into an empty or unrelated database reads no record at all.
 */
async function storedUnder<T, K extends string>(table: Table<T, K>, keys: readonly K[]): Promise<T[]> {
  let wanted: readonly K[] = keys;
  if (keys.length > 50 && (await table.count()) <= keys.length * 10) {
    const stored = new Set(await table.toCollection().primaryKeys());
    wanted = keys.filter((k) => stored.has(k));
  }
  if (wanted.length === 0) return [];
  return (await table.bulkGet([...wanted])).filter((r): r is T => r !== undefined);
}
