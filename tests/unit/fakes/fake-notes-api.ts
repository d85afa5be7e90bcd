/**
 * An in-memory NotesApi for component tests: behaves like the store's contract (newest first,
 * newer updatedAt wins on import, restore puts notes back as they were) and records every call,
 * so a test can prove what was — and was not — written.
 */
import type { AnnotatedPage, Note, PageInfo } from '@/lib/notes/note';
import { normalizeUrl } from '@/lib/notes/note';
import { NotesError, type ImportPlan, type ImportResult, type NoteDraft, type NotePatch, type NotesApi } from '@/lib/notes/notes-api';

export interface FakeCall {
  method: keyof NotesApi;
  args: unknown[];
}

/** Methods that change the database. */
export const WRITES: ReadonlyArray<keyof NotesApi> = ['create', 'update', 'remove', 'restore', 'applyImport'];

const byUpdatedDesc = (a: { updatedAt: string }, b: { updatedAt: string }) =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
const clone = <T>(v: T): T => structuredClone(v);

/** The note a fake store makes of a draft on a page (defaults as the real store's, no validation). */
export function noteFromDraft(draft: NoteDraft, page: PageInfo, id: string, at: string): Note {
  return {
    id,
    url: normalizeUrl(page.url),
    pageTitle: page.title,
    site: page.site,
    docNumber: page.docNumber,
    docDate: page.docDate,
    target: draft.target,
    body: draft.body,
    tags: draft.tags ?? [],
    color: draft.color ?? 'yellow',
    status: draft.status ?? 'todo',
    due: draft.due ?? null,
    createdAt: at,
    updatedAt: at,
  };
}

export class FakeNotesApi implements NotesApi {
  readonly notes = new Map<string, Note>();
  readonly pageMap = new Map<string, AnnotatedPage>();
  readonly calls: FakeCall[] = [];
  /** The next call of this method rejects with this error (once). */
  private failures = new Map<keyof NotesApi, Error>();
  private seq = 0;

  constructor(notes: Note[] = [], pages: AnnotatedPage[] = []) {
    for (const n of notes) this.notes.set(n.id, clone(n));
    for (const p of pages) this.pageMap.set(p.url, clone(p));
  }

  failNext(method: keyof NotesApi, error: Error = new NotesError('storage', '存储失败：请稍后再试。 / Storage failed.')): void {
    this.failures.set(method, error);
  }

  /** Calls of the methods that write. */
  writes(): FakeCall[] {
    return this.calls.filter((c) => WRITES.includes(c.method));
  }

  private record(method: keyof NotesApi, args: unknown[]): void {
    this.calls.push({ method, args });
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  async listForPage(url: string): Promise<Note[]> {
    this.record('listForPage', [url]);
    const key = normalizeUrl(url);
    return [...this.notes.values()]
      .filter((n) => n.url === key)
      .sort(byUpdatedDesc)
      .map(clone);
  }

  async all(): Promise<Note[]> {
    this.record('all', []);
    return [...this.notes.values()].sort(byUpdatedDesc).map(clone);
  }

  async pages(): Promise<AnnotatedPage[]> {
    this.record('pages', []);
    return [...this.pageMap.values()].sort(byUpdatedDesc).map(clone);
  }

  async get(id: string): Promise<Note | undefined> {
    this.record('get', [id]);
    const n = this.notes.get(id);
    return n && clone(n);
  }

  async create(draft: NoteDraft, page: PageInfo, now = new Date()): Promise<Note> {
    this.record('create', [draft, page, now]);
    const at = now.toISOString();
    const note = noteFromDraft(draft, page, `fake-${++this.seq}`, at);
    this.notes.set(note.id, note);
    this.pageMap.set(note.url, { ...page, url: note.url, updatedAt: at });
    return clone(note);
  }

  async update(id: string, patch: NotePatch, now = new Date()): Promise<Note> {
    this.record('update', [id, patch, now]);
    const n = this.notes.get(id);
    if (!n) throw new NotesError('not-found', '这条批注已不存在（可能已在其他窗口删除）。 / Note not found.');
    const next = { ...n, ...clone(patch), updatedAt: now.toISOString() };
    this.notes.set(id, next);
    return clone(next);
  }

  async remove(ids: string[]): Promise<Note[]> {
    this.record('remove', [ids]);
    const removed: Note[] = [];
    for (const id of ids) {
      const n = this.notes.get(id);
      if (n) {
        removed.push(n);
        this.notes.delete(id);
      }
    }
    return removed.map(clone);
  }

  async restore(notes: Note[]): Promise<void> {
    this.record('restore', [notes]);
    for (const n of notes) this.notes.set(n.id, clone(n));
  }

  private plan(notes: Note[], pages: AnnotatedPage[]): ImportPlan {
    const plan: ImportPlan = { added: [], updated: [], unchanged: [], pages };
    for (const n of notes) {
      const have = this.notes.get(n.id);
      if (!have) plan.added.push(n);
      else if (have.updatedAt < n.updatedAt) plan.updated.push(n);
      else plan.unchanged.push(n);
    }
    return plan;
  }

  async planImport(notes: Note[], pages: AnnotatedPage[]): Promise<ImportPlan> {
    this.record('planImport', [notes, pages]);
    return this.plan(notes, pages);
  }

  async applyImport(notes: Note[], pages: AnnotatedPage[]): Promise<ImportResult> {
    this.record('applyImport', [notes, pages]);
    const plan = this.plan(notes, pages);
    for (const n of [...plan.added, ...plan.updated]) this.notes.set(n.id, clone(n));
    for (const p of pages) {
      const have = this.pageMap.get(p.url);
      if (!have || have.updatedAt < p.updatedAt) this.pageMap.set(p.url, clone(p));
    }
    return { added: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length };
  }
}
