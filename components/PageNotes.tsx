/**
 * The popup's "本页批注": the reader's notes on the current page — add a page note, edit, mark
 * done, delete with undo — plus where each selection note sits on the page (未能定位 with its quote
 * when the passage can't be found any more; such a note is kept, never dropped).
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { NoteAnchoring } from '@/lib/notes/messages';
import { isTask, quoteOf, sameNoteVersions, type Note } from '@/lib/notes/note';
import type { NoteDraft, NotePatch } from '@/lib/notes/notes-api';
import { dueIn, formatDate, t, type MessageKey } from '@/utils/i18n';

export interface PageNotesControl {
  /** The notes to show first (the page's own copy when it has one: no database to open). */
  list(): Promise<Note[]>;
  /** The database's list, when list() may have answered from a copy; it replaces the copy where they differ. */
  stored?(): Promise<Note[]>;
  /** From the page's content script; {} when it does not answer. */
  anchoring(): Promise<NoteAnchoring>;
  create(draft: NoteDraft): Promise<Note>;
  update(id: string, patch: NotePatch): Promise<Note>;
  remove(ids: string[]): Promise<Note[]>;
  restore(notes: Note[]): Promise<void>;
  /** Scrolls the page to the note's passage; false when it is not on the page. */
  reveal(id: string): Promise<boolean>;
  openManager(): void;
}

const ENTITY_LABEL: Record<'docNumber' | 'deadline' | 'unit', MessageKey> = {
  docNumber: 'kindDocNumber',
  deadline: 'kindDeadline',
  unit: 'kindUnit',
};
const UNDO_MS = 8000;

export function dueLabel(due: string, today: string): { text: string; overdue: boolean } {
  const { text, overdue } = dueIn(due, today);
  return { text: `${formatDate(due)} · ${text}`, overdue };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function NoteItem({
  note,
  placed,
  today,
  control,
  onChanged,
  onDeleted,
  onError,
}: {
  note: Note;
  placed: 'position' | 'quote' | 'fuzzy' | null | undefined;
  today: string;
  control: PageNotesControl;
  onChanged: (n: Note) => void;
  onDeleted: (n: Note[]) => void;
  onError: (m: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const [busy, setBusy] = useState(false);
  const quote = quoteOf(note);
  const run = async (p: Promise<void>) => {
    setBusy(true);
    try {
      await p;
    } catch (e) {
      onError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(
      control.update(note.id, { body: draft }).then((n) => {
        onChanged(n);
        setEditing(false);
      }),
    );
  const due = note.due ? dueLabel(note.due, today) : null;
  return (
    <li class={`note color-${note.color}${note.status === 'done' ? ' done' : ''}`} data-note-id={note.id} aria-busy={busy}>
      {quote ? (
        <p class="quote">
          {note.target.type === 'entity' ? <span class="badge">{t(ENTITY_LABEL[note.target.entity.kind])}</span> : null}
          {placed === null ? (
            <>
              <span class="unplaced" data-testid="unplaced">
                {t('unplaced')}
              </span>
              <q>{quote}</q>
            </>
          ) : (
            <button type="button" class="jump" title={t('jumpToPage')} onClick={() => void control.reveal(note.id)}>
              <q>{quote}</q>
            </button>
          )}
        </p>
      ) : (
        <p class="quote muted">{t('pageNotesPageNote')}</p>
      )}
      {editing ? (
        <div class="edit">
          <label>
            <span class="sr-only">{t('editBody')}</span>
            <textarea
              value={draft}
              onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setEditing(false);
                }
              }}
              // The reader just asked to edit this note: the text box takes focus.
              autoFocus
            />
          </label>
          <button type="button" disabled={busy} onClick={() => void save()}>
            {t('save')}
          </button>
          <button type="button" disabled={busy} onClick={() => setEditing(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <p class="body">{note.body || <span class="muted">{t('pageNotesNoBody')}</span>}</p>
      )}
      <p class="meta">
        {note.tags.map((t) => (
          <span key={t} class="tag">
            #{t}
          </span>
        ))}
        {due ? <span class={due.overdue && note.status !== 'done' ? 'due overdue' : 'due'}>{due.text}</span> : null}
      </p>
      {!editing ? (
        <div class="actions">
          {isTask(note) ? (
            <label class="done-toggle">
              <input
                type="checkbox"
                checked={note.status === 'done'}
                disabled={busy}
                onChange={(e) =>
                  void run(
                    control.update(note.id, { status: (e.currentTarget as HTMLInputElement).checked ? 'done' : 'todo' }).then(onChanged),
                  )
                }
              />
              {t('statusDone')}
            </label>
          ) : null}
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setDraft(note.body);
              setEditing(true);
            }}
          >
            {t('edit')}
          </button>
          <button type="button" disabled={busy} onClick={() => void run(control.remove([note.id]).then(onDeleted))}>
            {t('deleteNote')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function PageNotes({ control, today }: { control: PageNotesControl; today: string }) {
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [anchoring, setAnchoring] = useState<NoteAnchoring>({});
  const [error, setError] = useState('');
  const [body, setBody] = useState('');
  const [adding, setAdding] = useState(false);
  const [undo, setUndo] = useState<Note[] | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Bumped by every change made here: a database list read before it must not undo it.
  const edits = useRef(0);
  const edited = () => void (edits.current += 1);

  const load = useCallback(async () => {
    const at = edits.current;
    try {
      const [list, placed] = await Promise.all([control.list(), control.anchoring().catch(() => ({}))]);
      setNotes(list);
      setAnchoring(placed);
    } catch (e) {
      setNotes([]);
      setError(t('loadFailed', errorText(e)));
      return;
    }
    if (!control.stored) return;
    try {
      const stored = await control.stored();
      if (edits.current === at) setNotes((shown) => (shown && sameNoteVersions(shown, stored) ? shown : stored));
    } catch (e) {
      setError(t('loadFailed', errorText(e)));
    }
  }, [control]);
  // Right after the first render, not after the first paint: the popup asked for the list already.
  useLayoutEffect(() => {
    void load();
    return () => clearTimeout(undoTimer.current);
  }, [load]);

  const add = async () => {
    if (!body.trim()) return;
    setAdding(true);
    setError('');
    try {
      const note = await control.create({ target: { type: 'page' }, body: body.trim() });
      edited();
      setNotes((l) => [note, ...(l ?? [])]);
      setBody('');
    } catch (e) {
      setError(t('saveFailed', errorText(e))); // the text stays in the box
    } finally {
      setAdding(false);
    }
  };
  const deleted = (gone: Note[]) => {
    const ids = new Set(gone.map((n) => n.id));
    edited();
    setNotes((l) => (l ?? []).filter((n) => !ids.has(n.id)));
    setUndo(gone);
    clearTimeout(undoTimer.current);
    undoTimer.current = setTimeout(() => setUndo(null), UNDO_MS);
  };
  const undoDelete = async () => {
    if (!undo) return;
    clearTimeout(undoTimer.current);
    try {
      await control.restore(undo);
      setUndo(null);
      await load();
    } catch (e) {
      setError(t('undoFailed', errorText(e)));
    }
  };

  const open = notes?.filter((n) => n.status === 'todo' && isTask(n)).length ?? 0;
  return (
    <section class="page-notes" data-testid="page-notes" aria-labelledby="page-notes-title">
      <div class="notes-head">
        <h2 id="page-notes-title">
          {notes ? t('pageNotesHeadingCount', notes.length) : t('pageNotesHeading')}
          {open > 0 ? <span class="muted"> · {t('pageNotesTodo', open)}</span> : null}
        </h2>
        <button type="button" class="link" data-action="open-manager" onClick={() => control.openManager()}>
          {t('pageNotesManager')}
        </button>
      </div>
      <form
        class="add-note"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label for="page-note-body" class="sr-only">
          {t('pageNotesAddLabel')}
        </label>
        <textarea
          id="page-note-body"
          placeholder={t('pageNotesAddPlaceholder')}
          value={body}
          onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void add();
            }
          }}
        />
        <button type="submit" disabled={adding || !body.trim()}>
          {t('add')}
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {notes === null ? (
        <p class="muted">{t('loading')}</p>
      ) : notes.length === 0 ? (
        <p class="muted">{t('pageNotesEmpty')}</p>
      ) : (
        <ul class="notes" data-testid="page-notes-list">
          {notes.map((n) => (
            <NoteItem
              key={n.id}
              note={n}
              placed={anchoring[n.id]}
              today={today}
              control={control}
              onChanged={(u) => {
                edited();
                setNotes((l) => (l ?? []).map((x) => (x.id === u.id ? u : x)));
              }}
              onDeleted={deleted}
              onError={(m) => setError(m)}
            />
          ))}
        </ul>
      )}
      <div role="status" class="toast" aria-live="polite">
        {undo ? (
          <>
            {t('pageNotesDeleted', undo.length)}
            <button type="button" data-action="undo" onClick={() => void undoDelete()}>
              {t('undo')}
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}
