import { useEffect, useRef, useState } from 'preact/hooks';
import { NOTE_COLORS, type Note, type NoteColor } from '@/lib/notes/note';
import type { NotePatch } from '@/lib/notes/notes-api';
import { COLOR_LABEL } from './note-colors';
import { formatTags, parseTags } from '@/lib/notes/tags';
import { t } from '@/utils/i18n';

export interface NoteEditorProps {
  note: Note;
  /** Resolves when saved; a rejection keeps the form open with the reader's text and shows why. */
  onSave: (patch: NotePatch) => Promise<void>;
  onCancel: () => void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The inline edit form of one note: body, tags, colour, due date. Ctrl+Enter (⌘+Enter) saves from
 * anywhere in it, Esc cancels, and Enter in the tag field never submits by accident.
 */
export function NoteEditor({ note, onSave, onCancel }: NoteEditorProps) {
  const [body, setBody] = useState(note.body);
  const [tags, setTags] = useState(formatTags(note.tags));
  const [color, setColor] = useState<NoteColor>(note.color);
  const [due, setDue] = useState(note.due ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => bodyRef.current?.focus(), []);

  const id = `edit-${note.id}`;
  const save = async () => {
    if (saving) return;
    setSaving(true);
    setError(null);
    try {
      await onSave({ body, tags: parseTags(tags), color, due: due || null });
    } catch (e) {
      setError(messageOf(e));
      setSaving(false);
    }
  };
  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      void save();
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      onCancel();
    }
  };
  return (
    <form
      class="note-editor"
      aria-label={t('editorLabel')}
      aria-busy={saving}
      data-testid="note-editor"
      onKeyDown={onKeyDown}
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
    >
      <label for={`${id}-body`}>{t('editBody')}</label>
      <textarea id={`${id}-body`} ref={bodyRef} rows={4} value={body} onInput={(ev) => setBody(ev.currentTarget.value)} />
      <label for={`${id}-tags`}>{t('editTags')}</label>
      <input
        id={`${id}-tags`}
        type="text"
        value={tags}
        onInput={(ev) => setTags(ev.currentTarget.value)}
        onKeyDown={(ev) => {
          // Enter after typing a tag must not save the form (an IME's own Enter never submits).
          if (ev.key === 'Enter' && !ev.isComposing && !ev.ctrlKey && !ev.metaKey) ev.preventDefault();
        }}
      />
      <fieldset class="colors">
        <legend>{t('editColor')}</legend>
        {NOTE_COLORS.map((c) => (
          <label key={c} class="color-choice">
            <input type="radio" name={`${id}-color`} value={c} checked={color === c} onChange={() => setColor(c)} />
            <span class={`swatch color-${c}`} aria-hidden="true" />
            {t(COLOR_LABEL[c])}
          </label>
        ))}
      </fieldset>
      <label for={`${id}-due`}>{t('editDue')}</label>
      <span class="due-input">
        <input id={`${id}-due`} type="date" value={due} onInput={(ev) => setDue(ev.currentTarget.value)} />
        {due ? (
          <button type="button" onClick={() => setDue('')}>
            {t('editDueClear')}
          </button>
        ) : null}
      </span>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <p class="hint">{t('editHint')}</p>
      <div class="actions">
        <button type="submit" class="primary" disabled={saving} data-testid="editor-save">
          {t('save')}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
