import { Component } from 'preact';
import { quoteOf, type Note, type NoteEntity, type NoteStatus } from '@/lib/notes/note';
import type { NotePatch } from '@/lib/notes/notes-api';
import { COLOR_LABEL } from './note-colors';
import { NoteEditor } from './NoteEditor';
import { formatDay, relativeDue } from './notes-dates';
import { t, type MessageKey } from '@/utils/i18n';

const KIND_LABEL: Record<NoteEntity['kind'], MessageKey> = {
  docNumber: 'kindDocNumber',
  deadline: 'kindDeadline',
  unit: 'kindUnit',
};

/** A short name for the note in control labels (选择批注：…, 删除批注：…). */
export function noteLabel(note: Note): string {
  const text = (note.body.trim() || quoteOf(note).trim() || note.pageTitle).replace(/\s+/g, ' ');
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

export interface NoteRowActions {
  onToggleSelect: (id: string, selected: boolean) => void;
  onEdit: (id: string | null) => void;
  onSave: (id: string, patch: NotePatch) => Promise<void>;
  onDelete: (ids: string[]) => void;
  onSetStatus: (ids: string[], status: NoteStatus) => void;
}

export interface NoteRowProps {
  note: Note;
  today: string;
  selected: boolean;
  editing: boolean;
  /** While the manager writes something, actions wait (buttons disabled). */
  busy: boolean;
  /** In the deadlines view notes are not grouped by page, so each row names its page. */
  showPage: boolean;
  actions: NoteRowActions;
}

function DueLine({ note, today }: { note: Note; today: string }) {
  if (note.due === null) {
    return note.target.type === 'entity' && note.target.entity.kind === 'deadline' ? <span class="due">{t('dueUndated')}</span> : null;
  }
  const rel = note.status === 'todo' ? relativeDue(note.due, today) : null;
  return (
    <span class={rel?.overdue ? 'due overdue' : 'due'} data-testid="note-due">
      {t('dueOn', formatDay(note.due))}
      {rel ? <span class="days"> · {rel.text}</span> : null}
    </span>
  );
}

/** One note: its quote, body, tags, colour, status and due date, with its actions or its editor. */
function NoteRowView({ note, today, selected, editing, busy, showPage, actions }: NoteRowProps) {
  const label = noteLabel(note);
  const quote = quoteOf(note);
  const target = note.target;
  const done = note.status === 'done';
  return (
    <li class={`note color-${note.color}${done ? ' done' : ''}`} data-testid="note" data-note-id={note.id}>
      <div class="note-head">
        <input
          type="checkbox"
          class="select"
          aria-label={t('selectNote', label)}
          checked={selected}
          onChange={(ev) => actions.onToggleSelect(note.id, ev.currentTarget.checked)}
        />
        <span class={`swatch color-${note.color}`} role="img" aria-label={t('colorSwatch', t(COLOR_LABEL[note.color]))} />
        {target.type === 'entity' ? (
          <span class={`kind kind-${target.entity.kind}`}>{t(KIND_LABEL[target.entity.kind])}</span>
        ) : target.type === 'page' ? (
          <span class="kind kind-page">{t('pageNote')}</span>
        ) : null}
        <span class={`status status-${note.status}`} data-testid="note-status">
          {t(done ? 'statusDone' : 'statusTodo')}
        </span>
        <DueLine note={note} today={today} />
      </div>
      {showPage ? (
        <p class="note-page">
          <a href={note.url} target="_blank" rel="noopener noreferrer">
            {note.pageTitle || t('untitledPage')}
          </a>
          {note.docNumber ? <span class="docnumber"> · {note.docNumber}</span> : null}
        </p>
      ) : null}
      {quote ? (
        <blockquote class="quote" aria-label={t('quoteLabel')}>
          {quote}
        </blockquote>
      ) : null}
      {editing ? (
        <NoteEditor note={note} onSave={(patch) => actions.onSave(note.id, patch)} onCancel={() => actions.onEdit(null)} />
      ) : (
        <>
          {note.body ? <p class="body">{note.body}</p> : quote ? null : <p class="body muted">{t('noBody')}</p>}
          {note.tags.length > 0 ? (
            <ul class="tags" aria-label={t('tagsLabel')}>
              {note.tags.map((tag) => (
                <li key={tag}>{tag}</li>
              ))}
            </ul>
          ) : null}
          <div class="actions">
            <button
              type="button"
              data-action="edit"
              aria-label={t('editNote', label)}
              disabled={busy}
              onClick={() => actions.onEdit(note.id)}
            >
              {t('edit')}
            </button>
            <button type="button" disabled={busy} onClick={() => actions.onSetStatus([note.id], done ? 'todo' : 'done')}>
              {t(done ? 'markTodo' : 'markDone')}
            </button>
            <button
              type="button"
              class="danger"
              aria-label={t('deleteNoteLabel', label)}
              disabled={busy}
              onClick={() => actions.onDelete([note.id])}
            >
              {t('deleteNote')}
            </button>
          </div>
        </>
      )}
    </li>
  );
}

/**
 * A row re-renders only when its own props change (ticking one checkbox among thousands of shown
 * rows must not redraw them all). Written here instead of preact/compat's memo: importing compat
 * would turn every onChange of the page into onInput.
 */
export class NoteRow extends Component<NoteRowProps> {
  override shouldComponentUpdate(next: NoteRowProps): boolean {
    const prev = this.props;
    return (Object.keys(next) as Array<keyof NoteRowProps>).some((k) => next[k] !== prev[k]);
  }
  override render() {
    return <NoteRowView {...this.props} />;
  }
}
