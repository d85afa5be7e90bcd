/**
 * The reader's notes on the page: loads them from the background, anchors each selection/entity note
 * over the page's text model (lib/notes/anchor.ts: position, then quote, then fuzzy), paints the
 * anchored passages with their own highlight per colour, opens the note editor for a new selection,
 * an entity, or a click on an anchored passage. A note that can't be placed is kept and reported
 * (the popup lists it as 未能定位 with its quote); it is never dropped.
 */
import { anchor, describeRange } from '@/lib/notes/anchor';
import type { Entity } from '@/lib/entity';
import { normalizeUrl, type Note, type NoteEntity, type NoteTarget, type PageInfo } from '@/lib/notes/note';
import type { NoteDraft, NotePatch } from '@/lib/notes/notes-api';
import type { NoteAnchoring, PageNotesState } from '@/lib/notes/messages';
import type { PageAnalysis } from './analyze';
import { flash, highlightApiAvailable } from './highlighter';
import { NOTE_COLOR_TINTS, NoteEditor, type EditorResult } from './note-editor';
import { UI_ATTRIBUTE } from './text-model';
import { t } from '@/utils/i18n';

/** How the layer reaches the notes database (in the background; a fake in tests). */
export interface NotesChannel {
  list(url: string): Promise<Note[]>;
  create(draft: NoteDraft, page: PageInfo): Promise<Note>;
  update(id: string, patch: NotePatch): Promise<Note>;
  remove(ids: string[]): Promise<Note[]>;
}

export interface NotesLayerOptions {
  channel: NotesChannel;
  current: () => Promise<PageAnalysis>;
  /** What is known of the page (url, title, 文号…), from the latest analysis. */
  page: (a: PageAnalysis) => PageInfo;
  /** Unit tests only: an open shadow root for the editor. */
  shadowMode?: ShadowRootMode;
}

export const NOTE_STYLE_ID = 'gazette-lens-note-style';
export const noteHighlightName = (color: Note['color']) => `gl-note-${color}`;

/** Double underline + tint: unlike any entity style, so a note reads as the reader's own mark. */
export const NOTE_CSS = Object.entries(NOTE_COLOR_TINTS)
  .map(([c, t]) => `::highlight(gl-note-${c}) { background-color: ${t.background}; text-decoration: underline double ${t.line} 2px; }`)
  .join('\n');

interface Placed {
  note: Note;
  start: number;
  end: number;
}

function entityOf(e: Entity): NoteEntity {
  if (e.kind === 'docNumber') return { kind: 'docNumber', text: e.text, normalized: e.normalized };
  if (e.kind === 'deadline') return { kind: 'deadline', text: e.text, date: e.date, precision: e.precision };
  return { kind: 'unit', text: e.text, name: e.name, role: e.role };
}

export class NotesLayer {
  private notes: Note[] = [];
  private placed: Placed[] = [];
  private anchoringState: NoteAnchoring = {};
  private readonly editor: NoteEditor;
  private loaded: Promise<void> = Promise.resolve();
  private readonly onClick = (ev: MouseEvent) => void this.handleClick(ev);

  constructor(
    private readonly doc: Document,
    private readonly options: NotesLayerOptions,
  ) {
    this.editor = new NoteEditor(doc, options.shadowMode);
  }

  attach(): () => void {
    this.doc.addEventListener('click', this.onClick, true);
    return () => {
      this.doc.removeEventListener('click', this.onClick, true);
      this.editor.close();
      this.clear();
    };
  }

  /** Reloads the page's notes and re-anchors them (after a change elsewhere, or a new analysis). */
  refresh(): Promise<void> {
    this.loaded = this.loaded
      .catch(() => undefined)
      .then(async () => {
        const a = await this.options.current();
        this.notes = await this.options.channel.list(this.options.page(a).url);
        await this.place(a);
      });
    return this.loaded;
  }

  /** Re-anchors the notes already loaded on a new analysis of the page (its content changed). */
  async reanchor(): Promise<void> {
    await this.loaded.catch(() => undefined);
    this.place(await this.options.current());
  }

  notice(message: string): void {
    this.editor.notice(message);
  }

  async anchoring(): Promise<NoteAnchoring> {
    await this.loaded.catch(() => undefined);
    return { ...this.anchoringState };
  }

  /** The page's notes as loaded here, and where each sits (for the popup's first render). */
  async state(): Promise<PageNotesState> {
    await this.loaded.catch(() => undefined);
    const url = this.options.page(await this.options.current()).url;
    return { url: normalizeUrl(url), notes: [...this.notes], anchoring: { ...this.anchoringState } };
  }

  /** The note whose passage is under a point (its highlight takes the click before an entity card). */
  async noteAt(x: number, y: number): Promise<Placed | null> {
    if (this.placed.length === 0) return null;
    const a = await this.options.current();
    for (const p of this.placed) {
      const range = a.model.rangeFor(p.start, p.end);
      if (range && rectsContain(range, x, y)) return p;
    }
    return null;
  }

  /** Synchronous check for the entity card (which must not open over a note's passage). */
  hasNoteAt(x: number, y: number, a: PageAnalysis): boolean {
    return this.placed.some((p) => {
      const range = a.model.rangeFor(p.start, p.end);
      return !!range && rectsContain(range, x, y);
    });
  }

  async reveal(id: string): Promise<boolean> {
    await this.loaded.catch(() => undefined);
    const p = this.placed.find((q) => q.note.id === id);
    if (!p) return false;
    const range = (await this.options.current()).model.rangeFor(p.start, p.end);
    if (!range) return false;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
    flash(range);
    return true;
  }

  /**
   * Opens the editor for the reader's selection (context menu 添加批注 or the keyboard shortcut).
   * Returns a message for the reader when there is nothing to annotate.
   */
  async composeFromSelection(): Promise<string | null> {
    const selection = this.doc.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return t('selectFirst');
    const range = selection.getRangeAt(0);
    const a = await this.options.current();
    const offsets = a.model.offsetsOf(range);
    if (!offsets || !a.text.slice(offsets.start, offsets.end).trim()) return t('selectionOutside');
    const { quote, position } = describeRange(a.text, offsets.start, offsets.end);
    const target: NoteTarget = { type: 'selection', quote, position };
    this.openNew(target, range.getBoundingClientRect(), { title: t('editorNew') }, a);
    return null;
  }

  /** 添加批注 / 加入待办 on an entity's card. */
  async composeForEntity(entity: Entity, how: { task: boolean; at: DOMRect }): Promise<void> {
    const a = await this.options.current();
    const { quote, position } = describeRange(a.text, entity.start, entity.end);
    const target: NoteTarget = { type: 'entity', entity: entityOf(entity), quote, position };
    const due = entity.kind === 'deadline' ? entity.date : how.task ? this.dueOnLine(a, entity) : null;
    const label = entity.kind === 'docNumber' ? entity.normalized : entity.kind === 'unit' ? entity.name : entity.text.replace(/\s+/g, '');
    this.openNew(target, how.at, { title: t(how.task ? 'editorTaskFor' : 'editorNoteFor', label), due }, a);
  }

  /** For a unit or 文号 made a task: the first dated deadline on its line (the task's due date). */
  private dueOnLine(a: PageAnalysis, entity: Entity): string | null {
    const lineStart = a.text.lastIndexOf('\n', entity.start - 1) + 1;
    const nl = a.text.indexOf('\n', entity.end);
    const lineEnd = nl < 0 ? a.text.length : nl;
    const d = a.entities.find((e) => e.kind === 'deadline' && e.date && e.start >= lineStart && e.end <= lineEnd);
    return d && d.kind === 'deadline' ? d.date : null;
  }

  private openNew(target: NoteTarget, at: DOMRect, o: { title: string; due?: string | null }, a: PageAnalysis): void {
    const quote = target.type === 'page' ? '' : target.quote.exact;
    this.editor.open({ title: o.title, quote, initial: { due: o.due ?? null } }, at, {
      save: async (r: EditorResult) => {
        const note = await this.options.channel.create({ target, ...r }, this.options.page(a));
        this.notes = [note, ...this.notes.filter((n) => n.id !== note.id)];
        await this.place(await this.options.current());
      },
    });
  }

  private openExisting(note: Note, at: DOMRect): void {
    const quote = note.target.type === 'page' ? '' : note.target.quote.exact;
    this.editor.open({ title: t('editorLabel'), quote, note }, at, {
      save: async (r) => {
        const updated = await this.options.channel.update(note.id, r);
        this.notes = this.notes.map((n) => (n.id === updated.id ? updated : n));
        await this.place(await this.options.current());
      },
      remove: async () => {
        await this.options.channel.remove([note.id]);
        this.notes = this.notes.filter((n) => n.id !== note.id);
        await this.place(await this.options.current());
      },
    });
  }

  private async handleClick(ev: MouseEvent): Promise<void> {
    if (this.editor.contains(ev.target)) return;
    const selection = this.doc.getSelection();
    if (selection && !selection.isCollapsed && selection.toString().trim()) return; // the reader is selecting
    const hit = await this.noteAt(ev.clientX, ev.clientY);
    if (!hit) return;
    const range = (await this.options.current()).model.rangeFor(hit.start, hit.end);
    this.openExisting(hit.note, range?.getBoundingClientRect() ?? new DOMRect(ev.clientX, ev.clientY, 0, 0));
  }

  private placing = 0;

  /**
   * Anchors every note on the analysis' text and paints the placed ones. A note whose passage moved
   * far or is gone costs tens of ms on a large page (a whole-text fuzzy search), so the work yields
   * to the page every ~12 ms; a newer call supersedes one still running.
   */
  private async place(a: PageAnalysis): Promise<void> {
    const run = ++this.placing;
    const placed: Placed[] = [];
    const state: NoteAnchoring = {};
    let sliceEnd = performance.now() + 12;
    for (const note of this.notes) {
      const t = note.target;
      if (t.type === 'page') continue;
      if (performance.now() > sliceEnd) {
        await new Promise((r) => setTimeout(r, 0));
        if (run !== this.placing) return;
        sliceEnd = performance.now() + 12;
      }
      const hit = anchor(a.text, t.quote, t.position);
      state[note.id] = hit ? hit.method : null;
      if (hit) placed.push({ note, start: hit.start, end: hit.end });
    }
    if (run !== this.placing) return;
    this.placed = placed;
    this.anchoringState = state;
    this.paint(a);
  }

  private paint(a: PageAnalysis): void {
    if (!highlightApiAvailable()) return; // notes stay listed in the popup and the manager
    // The page gets our <style> only once it has a placed note (a page without notes stays untouched).
    if (this.placed.length > 0) this.injectStyle();
    const byColour = new Map<string, Highlight>();
    for (const p of this.placed) {
      const range = a.model.rangeFor(p.start, p.end);
      if (!range) continue;
      const name = noteHighlightName(p.note.color);
      let h = byColour.get(name);
      if (!h) {
        h = new Highlight();
        h.priority = 1; // above the entity highlights it may overlap
        byColour.set(name, h);
      }
      h.add(range);
    }
    for (const c of Object.keys(NOTE_COLOR_TINTS) as Note['color'][]) {
      const name = noteHighlightName(c);
      const h = byColour.get(name);
      if (h) CSS.highlights.set(name, h);
      else CSS.highlights.delete(name);
    }
  }

  private clear(): void {
    if (!highlightApiAvailable()) return;
    for (const c of Object.keys(NOTE_COLOR_TINTS) as Note['color'][]) CSS.highlights.delete(noteHighlightName(c));
  }

  private injectStyle(): void {
    if (this.doc.getElementById(NOTE_STYLE_ID)) return;
    const style = this.doc.createElement('style');
    style.id = NOTE_STYLE_ID;
    style.setAttribute(UI_ATTRIBUTE, '');
    style.textContent = NOTE_CSS;
    (this.doc.head ?? this.doc.documentElement).appendChild(style);
  }
}

function rectsContain(range: Range, x: number, y: number): boolean {
  for (const r of Array.from(range.getClientRects())) {
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  }
  return false;
}
