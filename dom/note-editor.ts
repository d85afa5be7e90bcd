/**
 * The on-page note editor: a small card in a CLOSED shadow root on <html> (outside <body>, so the
 * page's DOM and text stay its own, and the page's scripts and styles can't reach into it).
 * Built with textContent and DOM properties only: page text (the quote) never goes through HTML.
 * Keyboard: focus starts in the text box; Ctrl/⌘+Enter saves, Escape cancels, Tab walks the fields.
 */
import { NOTE_COLORS, type Note, type NoteColor } from '@/lib/notes/note';
import type { NotePatch } from '@/lib/notes/notes-api';
import { t, type MessageKey } from '@/utils/i18n';
import { formatTags, parseTags } from '@/lib/notes/tags';
import { createUiHost } from './ui-host';

export const NOTE_COLOR_LABELS: Record<NoteColor, MessageKey> = {
  yellow: 'colorYellowShort',
  green: 'colorGreenShort',
  blue: 'colorBlueShort',
  pink: 'colorPinkShort',
  purple: 'colorPurpleShort',
};

/** Note colours as highlight tints (light, so page text keeps its contrast) and swatch borders. */
export const NOTE_COLOR_TINTS: Record<NoteColor, { background: string; line: string }> = {
  yellow: { background: 'rgb(255, 241, 153)', line: '#8a6d00' },
  green: { background: 'rgb(200, 240, 200)', line: '#1e6b1e' },
  blue: { background: 'rgb(200, 225, 255)', line: '#1a4f8b' },
  pink: { background: 'rgb(255, 208, 226)', line: '#8b1a4a' },
  purple: { background: 'rgb(228, 212, 255)', line: '#5a2d91' },
};

const CSS_TEXT = `
.editor { position: absolute; z-index: 2147483647; width: 320px; background: #fff; color: #1f2328;
  border: 1px solid #8c959f; border-radius: 8px; box-shadow: 0 6px 20px rgba(0,0,0,.22); padding: 10px 12px;
  font: 13px/1.6 system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; box-sizing: border-box; }
h2 { font-size: 13px; margin: 0 0 4px; }
blockquote { margin: 0 0 6px; padding: 2px 8px; border-left: 3px solid #8c959f; color: #424a53; max-height: 5.2em; overflow: auto; white-space: pre-wrap; word-break: break-all; }
label { display: block; margin: 4px 0 2px; color: #424a53; }
textarea, input[type=text], input[type=date] { font: inherit; width: 100%; box-sizing: border-box; border: 1px solid #8c959f; border-radius: 4px; padding: 3px 6px; color: inherit; background: #fff; }
textarea { min-height: 4.8em; resize: vertical; }
fieldset { border: none; margin: 4px 0; padding: 0; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
legend { float: left; margin-right: 6px; color: #424a53; padding: 0; }
.swatch { display: inline-flex; align-items: center; gap: 2px; margin: 0; }
.swatch span { display: inline-block; width: 14px; height: 14px; border-radius: 3px; border: 1px solid; }
.row { display: flex; gap: 8px; align-items: center; }
.row > * { flex: 1; }
.status { display: flex; gap: 4px; align-items: center; margin: 4px 0; }
.status input { margin: 0; }
.actions { display: flex; gap: 6px; margin-top: 8px; }
button { font: inherit; cursor: pointer; border: 1px solid #8c959f; border-radius: 4px; background: #f6f8fa; padding: 2px 10px; color: inherit; }
button.primary { background: #0a5c36; border-color: #0a5c36; color: #fff; }
button.danger { margin-left: auto; color: #b3261e; }
.hint { color: #57606a; font-size: 11px; margin-top: 4px; }
.error { color: #b3261e; margin-top: 4px; }
:focus-visible { outline: 2px solid #0072B2; outline-offset: 1px; }
`;

/** What the editor edits: a new note's target description, or an existing note. */
export interface EditorSubject {
  /** Heading: 新批注 / 编辑批注 / 加入待办 … */
  title: string;
  /** The quoted passage ('' for a page note). */
  quote: string;
  /** The existing note, when editing. */
  note?: Note;
  /** Initial values for a new note. */
  initial?: { body?: string; tags?: string[]; color?: NoteColor; due?: string | null };
}

export interface EditorResult extends Required<Pick<NotePatch, 'body' | 'tags' | 'color' | 'due'>> {
  status: Note['status'];
}

export interface EditorCallbacks {
  save(result: EditorResult): Promise<void>;
  /** Only offered for an existing note. */
  remove?(): Promise<void>;
  /** Called after the editor closed (saved, cancelled or deleted). */
  closed?(): void;
}

export class NoteEditor {
  private host: HTMLElement | null = null;
  private restoreFocus: Element | null = null;

  /** `shadowMode` open only in unit tests (happy-dom can't reach into a closed root). */
  constructor(
    private readonly doc: Document,
    private readonly shadowMode: ShadowRootMode = 'closed',
  ) {}

  get isOpen(): boolean {
    return this.host !== null;
  }

  /** True when `node` is inside the editor's host (events from a closed shadow root retarget to it). */
  contains(target: EventTarget | null): boolean {
    return !!this.host && target === this.host;
  }

  /** A short message for the reader (e.g. 请先选中要批注的文字), top right, gone after a few seconds. */
  notice(message: string, ms = 4000): void {
    const doc = this.doc;
    const { host, root } = createUiHost(doc, 'gazette-lens-notice');
    const box = doc.createElement('div');
    box.setAttribute('role', 'status');
    box.lang = t('locale');
    box.textContent = t('notice', message);
    box.style.cssText =
      'position:fixed;top:12px;right:12px;z-index:2147483647;background:#1f2328;color:#fff;padding:8px 12px;border-radius:6px;' +
      "font:13px/1.5 system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;box-shadow:0 4px 14px rgba(0,0,0,.25);";
    root.append(box);
    doc.documentElement.append(host);
    setTimeout(() => host.remove(), ms);
  }

  close(): void {
    if (!this.host) return;
    this.host.remove();
    this.host = null;
    // Back where the reader was (the page keeps its own focus order).
    if (this.restoreFocus instanceof HTMLElement && this.restoreFocus.isConnected) this.restoreFocus.focus({ preventScroll: true });
    this.restoreFocus = null;
  }

  open(subject: EditorSubject, at: DOMRect, callbacks: EditorCallbacks): void {
    this.close();
    const doc = this.doc;
    this.restoreFocus = doc.activeElement;
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] => {
      const e = doc.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    };
    let seq = 0;
    const idFor = (name: string) => `gl-${name}-${++seq}`;
    const note = subject.note;
    const init = {
      body: note?.body ?? subject.initial?.body ?? '',
      tags: note?.tags ?? subject.initial?.tags ?? [],
      color: note?.color ?? subject.initial?.color ?? 'yellow',
      due: note?.due ?? subject.initial?.due ?? null,
      status: note?.status ?? 'todo',
    };

    const { host, root } = createUiHost(doc, 'gazette-lens-note-editor', this.shadowMode);
    const form = el('form', undefined, 'editor');
    form.setAttribute('role', 'dialog');
    form.setAttribute('aria-label', t('editorDialog', subject.title));
    form.lang = t('locale');
    form.noValidate = true;

    form.append(el('h2', subject.title));
    if (subject.quote) form.append(el('blockquote', subject.quote.length > 200 ? `${subject.quote.slice(0, 200)}…` : subject.quote));

    const bodyId = idFor('body');
    const bodyLabel = el('label', t('editorBody'));
    bodyLabel.htmlFor = bodyId;
    const body = el('textarea');
    body.id = bodyId;
    body.value = init.body;
    body.placeholder = t('editorPlaceholder');
    body.maxLength = 20000;

    const tagsId = idFor('tags');
    const tagsLabel = el('label', t('editTags'));
    tagsLabel.htmlFor = tagsId;
    const tags = el('input');
    tags.type = 'text';
    tags.id = tagsId;
    tags.value = formatTags(init.tags);

    const colours = el('fieldset');
    colours.append(el('legend', t('editColor')));
    const colourName = idFor('color');
    for (const c of NOTE_COLORS) {
      const label = el('label', undefined, 'swatch');
      const radio = el('input');
      radio.type = 'radio';
      radio.name = colourName;
      radio.value = c;
      radio.checked = c === init.color;
      const chip = el('span');
      chip.style.background = NOTE_COLOR_TINTS[c].background;
      chip.style.borderColor = NOTE_COLOR_TINTS[c].line;
      chip.setAttribute('aria-hidden', 'true');
      label.append(radio, chip, doc.createTextNode(t(NOTE_COLOR_LABELS[c])));
      colours.append(label);
    }

    const dueId = idFor('due');
    const dueLabel = el('label', t('editorDue'));
    dueLabel.htmlFor = dueId;
    const due = el('input');
    due.type = 'date';
    due.id = dueId;
    due.value = init.due ?? '';

    const statusRow = el('label', undefined, 'status');
    const done = el('input');
    done.type = 'checkbox';
    done.checked = init.status === 'done';
    statusRow.append(done, doc.createTextNode(t('statusDone')));

    const error = el('div', undefined, 'error');
    error.setAttribute('role', 'alert');

    const actions = el('div', undefined, 'actions');
    const save = el('button', t('save'), 'primary');
    save.type = 'submit';
    const cancel = el('button', t('cancel'));
    cancel.type = 'button';
    actions.append(save, cancel);
    let removeButton: HTMLButtonElement | null = null;
    if (note && callbacks.remove) {
      removeButton = el('button', t('deleteNote'), 'danger');
      removeButton.type = 'button';
      actions.append(removeButton);
    }
    const hint = el('div', t('editorHintShort'), 'hint');

    form.append(bodyLabel, body, tagsLabel, tags, colours, dueLabel, due, statusRow, error, actions, hint);
    const style = el('style', CSS_TEXT);
    root.append(style, form);

    const finish = () => {
      this.close();
      callbacks.closed?.();
    };
    const busy = (on: boolean) => {
      for (const b of [save, cancel, removeButton]) if (b) b.disabled = on;
      form.setAttribute('aria-busy', String(on));
    };
    /** Runs a save or delete: closes on success; on failure stays open (nothing the reader typed is lost) and says why. */
    const attempt = async (failed: 'saveFailed' | 'deleteFailed', action: () => Promise<void>) => {
      busy(true);
      error.textContent = '';
      try {
        await action();
        finish();
      } catch (e) {
        error.textContent = t(failed, e instanceof Error ? e.message : String(e));
        busy(false);
      }
    };
    const submit = async () => {
      const dueValue = due.value.trim();
      if (dueValue && !/^\d{4}-\d{2}-\d{2}$/.test(dueValue)) {
        error.textContent = t('editorBadDate');
        due.focus();
        return;
      }
      const colour = (root.querySelector(`input[name="${colourName}"]:checked`) as HTMLInputElement | null)?.value as NoteColor | undefined;
      await attempt('saveFailed', () =>
        callbacks.save({
          body: body.value,
          tags: parseTags(tags.value),
          color: colour ?? 'yellow',
          due: dueValue || null,
          status: done.checked ? 'done' : 'todo',
        }),
      );
    };
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void submit();
    });
    cancel.addEventListener('click', finish);
    removeButton?.addEventListener('click', () => void attempt('deleteFailed', () => callbacks.remove!()));
    form.addEventListener('keydown', (ev) => {
      // Keys typed here are the reader's: the page's own shortcuts must not see them.
      ev.stopPropagation();
      if (ev.key === 'Escape') {
        ev.preventDefault();
        finish();
      } else if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        void submit();
      } else if (ev.key === 'Enter' && ev.target === tags) {
        ev.preventDefault(); // Enter in the tag field does not submit by accident
      }
    });

    // Document coordinates: the editor scrolls with the passage it belongs to.
    const view = doc.defaultView;
    const sx = view?.scrollX ?? 0;
    const sy = view?.scrollY ?? 0;
    const width = view?.innerWidth ?? 800;
    form.style.left = `${Math.max(8, Math.min(at.left, width - 330)) + sx}px`;
    const below = (view?.innerHeight ?? 600) - at.bottom;
    form.style.top = `${(below >= 330 || at.top < 330 ? at.bottom + 6 : Math.max(8, at.top - 336)) + sy}px`;
    doc.documentElement.append(host);
    this.host = host;
    body.focus({ preventScroll: true });
  }
}
