/**
 * NotesApi over the Dexie database. Every public method is `async`: Dexie's promises are not native
 * Promises, and a runtime.onMessage handler that returns one gives the sender undefined.
 * Every failure reaches the caller as a NotesError (see notes-errors.ts).
 */
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
import { notesByUrl, pageOf, pageRecord, type PageRecord } from './page-record';

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

/** Newest updatedAt first; ties in the order given (sort is stable). */
const newestFirst = (a: { updatedAt: string }, b: { updatedAt: string }): number =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;

/** Newest first, ties by key descending (the order of a reversed index walk). */
function newestFirstThen<T extends { updatedAt: string }>(key: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => newestFirst(a, b) || (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0);
}

const laterOf = (a: string, b: string): string => (a > b ? a : b);

/** What a transaction that read `records` wrote: the records whose notes or page fields changed. */
type Touched = Map<string, { page: AnnotatedPage; notes: Map<string, Note> }>;

function touch(touched: Touched, record: PageRecord): { page: AnnotatedPage; notes: Map<string, Note> } {
  let entry = touched.get(record.url);
  if (!entry) {
    entry = { page: pageOf(record), notes: new Map(record.notes.map((n) => [n.id, n])) };
    touched.set(record.url, entry);
  }
  return entry;
}

const recordsOf = (touched: Touched): PageRecord[] => [...touched.values()].map((e) => pageRecord(e.page, e.notes.values()));

export class DexieNotesStore implements NotesApi {
  /**
   * A whole-table read in flight: all() and pages() asked together (the manager does) share it
   * rather than each deserialising every note. Cleared when it settles and when a write starts,
   * so a read asked for after a write never answers from before it.
   */
  private reading: Promise<PageRecord[]> | undefined;

  constructor(
    private readonly db: NotesDatabase,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  private readAll(): Promise<PageRecord[]> {
    if (!this.reading) {
      const reading = asNotesError(() => this.db.pages.toArray());
      this.reading = reading;
      const clear = () => {
        if (this.reading === reading) this.reading = undefined;
      };
      reading.then(clear, clear);
    }
    return this.reading;
  }

  /** Every write goes through here: it ends the sharing of a read that started before it. */
  private write<T>(run: () => Promise<T>): Promise<T> {
    this.reading = undefined;
    return asNotesError(run);
  }

  async listForPage(url: string): Promise<Note[]> {
    const record = await asNotesError(() => this.db.pages.get(normalizeUrl(url)));
    return record ? [...record.notes].sort(newestFirst) : [];
  }

  async all(): Promise<Note[]> {
    const records = await this.readAll();
    return records.flatMap((r) => r.notes).sort(newestFirstThen((n) => n.id));
  }

  async pages(): Promise<AnnotatedPage[]> {
    const records = await this.readAll();
    return records.map(pageOf).sort(newestFirstThen((p) => p.url));
  }

  async get(id: string): Promise<Note | undefined> {
    const record = await asNotesError(() => this.db.pages.where('noteIds').equals(id).first());
    return record?.notes.find((n) => n.id === id);
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
    return this.write(() =>
      db.transaction('rw', db.pages, async () => {
        const current = await db.pages.get(url);
        const pageFields = mergedPage(current, page, url, stamp);
        const note: Note = {
          id: this.newId(),
          url,
          pageTitle: pageFields.title,
          site: pageFields.site,
          docNumber: pageFields.docNumber,
          docDate: pageFields.docDate,
          target: draft.target,
          ...fields,
          createdAt: stamp,
          updatedAt: stamp,
        };
        // add() semantics: a new note never replaces one (ids come from crypto.randomUUID()).
        if (current?.noteIds.includes(note.id)) {
          throw new NotesError('storage', `批注 id ${note.id} 已存在，未保存。 / Note id ${note.id} already exists; nothing was saved.`);
        }
        await db.pages.put(pageRecord(pageFields, [...(current?.notes ?? []), note]));
        return note;
      }),
    );
  }

  async update(id: string, patch: NotePatch, now: Date = new Date()): Promise<Note> {
    const changes = checkedPatch(patch);
    const stamp = now.toISOString();
    const { db } = this;
    return this.write(() =>
      db.transaction('rw', db.pages, async () => {
        const record = await db.pages.where('noteIds').equals(id).first();
        const current = record?.notes.find((n) => n.id === id);
        if (!record || !current) throw new NotesError('not-found', NOT_FOUND_MESSAGE);
        const next: Note = { ...current, ...changes, updatedAt: stamp };
        // The page moves up the manager's "recently annotated" order with its notes.
        const page = { ...pageOf(record), updatedAt: laterOf(record.updatedAt, stamp) };
        await db.pages.put(
          pageRecord(
            page,
            record.notes.map((n) => (n.id === id ? next : n)),
          ),
        );
        return next;
      }),
    );
  }

  /** Annotated pages are kept when their last note goes: they are the reader's reading history. */
  async remove(ids: string[]): Promise<Note[]> {
    const { db } = this;
    const wanted = [...new Set(ids)];
    return this.write(() =>
      db.transaction('rw', db.pages, async () => {
        const touched: Touched = new Map();
        for (const record of await db.pages.where('noteIds').anyOf(wanted).toArray()) touch(touched, record);
        const byId = new Map<string, Note>();
        for (const { notes } of touched.values()) for (const n of notes.values()) byId.set(n.id, n);
        const found = wanted.flatMap((id) => byId.get(id) ?? []);
        for (const n of found) touched.get(n.url)!.notes.delete(n.id);
        await db.pages.bulkPut(recordsOf(touched));
        return found;
      }),
    );
  }

  /** Puts deleted notes back exactly as they were; a page record that has gone since is recreated. */
  async restore(notes: Note[]): Promise<void> {
    const { db } = this;
    const groups = notesByUrl(notes);
    await this.write(() =>
      db.transaction('rw', db.pages, async () => {
        const urls = [...groups.keys()];
        const records = await db.pages.bulkGet(urls);
        const touched: Touched = new Map();
        urls.forEach((url, i) => {
          const group = groups.get(url)!;
          const entry = touch(touched, records[i] ?? pageRecord(pagesFromNotes(group)[0]!, []));
          for (const n of group) entry.notes.set(n.id, n);
        });
        await db.pages.bulkPut(recordsOf(touched));
      }),
    );
  }

  async planImport(notes: Note[], pages: AnnotatedPage[]): Promise<ImportPlan> {
    const { db } = this;
    return asNotesError(() => db.transaction('r', db.pages, async () => (await this.planInTransaction(notes, pages)).plan));
  }

  async applyImport(notes: Note[], pages: AnnotatedPage[]): Promise<ImportResult> {
    const { db } = this;
    return this.write(() =>
      db.transaction('rw', db.pages, async () => {
        // Planned again inside the transaction: a note edited since the preview is not overwritten by an older file.
        const { plan, records } = await this.planInTransaction(notes, pages);
        const touched: Touched = new Map();
        const stored = new Map(records.map((r) => [r.url, r]));
        const written = [...plan.added, ...plan.updated];
        const writtenIds = new Set(written.map((n) => n.id));
        // A note the file moves to another URL leaves its old page.
        for (const r of records) {
          if (r.noteIds.some((id) => writtenIds.has(id))) {
            const entry = touch(touched, r);
            for (const id of r.noteIds) if (writtenIds.has(id)) entry.notes.delete(id);
          }
        }
        for (const page of plan.pages) {
          const r = stored.get(page.url);
          if (r) touch(touched, r).page = page;
          else touched.set(page.url, { page, notes: new Map() });
        }
        for (const n of written) {
          const r = stored.get(n.url);
          // planMerge lists a page for every written note whose URL the database did not have.
          const entry = r ? touch(touched, r) : touched.get(n.url)!;
          entry.notes.set(n.id, n);
        }
        await db.pages.bulkPut(recordsOf(touched));
        return { added: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length };
      }),
    );
  }

  private async planInTransaction(
    notes: readonly Note[],
    pages: readonly AnnotatedPage[],
  ): Promise<{ plan: ImportPlan; records: PageRecord[] }> {
    const urls = [...new Set([...pages.map((p) => p.url), ...notes.map((n) => n.url)])];
    const records = await this.recordsFor(
      urls,
      notes.map((n) => n.id),
    );
    const existingNotes = new Map<string, Note>();
    const existingPages = new Map<string, AnnotatedPage>();
    for (const r of records) {
      existingPages.set(r.url, pageOf(r));
      for (const n of r.notes) existingNotes.set(n.id, n);
    }
    return { plan: planMerge(notes, existingNotes, pages, existingPages), records };
  }

  /**
   * The page records an import may change: those of its URLs and those holding its note ids. A
   * database not much larger than the import is read whole (one request); otherwise by URL, then
   * by note id for ids not found there (one request per key).
   */
  private async recordsFor(urls: readonly string[], ids: readonly string[]): Promise<PageRecord[]> {
    const { pages } = this.db;
    const total = await pages.count();
    if (total === 0) return [];
    if (total <= urls.length * 10) return pages.toArray();
    const byUrl = (await pages.bulkGet([...urls])).filter((r): r is PageRecord => r !== undefined);
    const held = new Set(byUrl.flatMap((r) => r.noteIds));
    const elsewhere = ids.filter((id) => !held.has(id));
    if (elsewhere.length === 0) return byUrl;
    const seen = new Set(byUrl.map((r) => r.url));
    const moved = await pages.where('noteIds').anyOf(elsewhere).toArray();
    return [...byUrl, ...moved.filter((r) => !seen.has(r.url) && seen.add(r.url))];
  }
}
