/**
 * The popup's "本页批注": the reader's notes on the current page — add a page note, edit, mark
 * done, delete with undo — plus where each selection note sits on the page (未能定位 with its quote
 * when the passage can't be found any more; such a note is kept, never dropped).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { daysUntil } from '@/lib/dates';
import type { NoteAnchoring } from '@/lib/notes/messages';
import { isTask, quoteOf, type Note } from '@/lib/notes/note';
import type { NoteDraft, NotePatch } from '@/lib/notes/notes-api';

export interface PageNotesControl {
  list(): Promise<Note[]>;
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

const ENTITY_LABEL = { docNumber: '文号', deadline: '期限', unit: '单位' } as const;
const UNDO_MS = 8000;

export function dueLabel(due: string, today: string): { text: string; overdue: boolean } {
  const n = daysUntil(due, today);
  if (n === 0) return { text: `${due} · 今天到期`, overdue: false };
  return n > 0 ? { text: `${due} · 还剩 ${n} 天`, overdue: false } : { text: `${due} · 已逾期 ${-n} 天`, overdue: true };
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
          {note.target.type === 'entity' ? <span class="badge">{ENTITY_LABEL[note.target.entity.kind]}</span> : null}
          {placed === null ? (
            <>
              <span class="unplaced" data-testid="unplaced">未能定位</span>
              <q>{quote}</q>
            </>
          ) : (
            <button type="button" class="jump" title="在页面上定位" onClick={() => void control.reveal(note.id)}>
              <q>{quote}</q>
            </button>
          )}
        </p>
      ) : (
        <p class="quote muted">（整页批注）</p>
      )}
      {editing ? (
        <div class="edit">
          <label>
            <span class="sr-only">批注内容</span>
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
              // eslint-disable-next-line jsx-a11y/no-autofocus -- the reader just asked to edit this note
              autoFocus
            />
          </label>
          <button type="button" disabled={busy} onClick={() => void save()}>
            保存
          </button>
          <button type="button" disabled={busy} onClick={() => setEditing(false)}>
            取消
          </button>
        </div>
      ) : (
        <p class="body">{note.body || <span class="muted">（无内容）</span>}</p>
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
                  void run(control.update(note.id, { status: (e.currentTarget as HTMLInputElement).checked ? 'done' : 'todo' }).then(onChanged))
                }
              />
              已完成
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
            编辑
          </button>
          <button type="button" disabled={busy} onClick={() => void run(control.remove([note.id]).then(onDeleted))}>
            删除
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

  const load = useCallback(async () => {
    try {
      const [list, placed] = await Promise.all([control.list(), control.anchoring().catch(() => ({}))]);
      setNotes(list);
      setAnchoring(placed);
    } catch (e) {
      setNotes([]);
      setError(`读取批注失败：${errorText(e)}`);
    }
  }, [control]);
  useEffect(() => {
    void load();
    return () => clearTimeout(undoTimer.current);
  }, [load]);

  const add = async () => {
    if (!body.trim()) return;
    setAdding(true);
    setError('');
    try {
      const note = await control.create({ target: { type: 'page' }, body: body.trim() });
      setNotes((l) => [note, ...(l ?? [])]);
      setBody('');
    } catch (e) {
      setError(`保存失败：${errorText(e)}`); // the text stays in the box
    } finally {
      setAdding(false);
    }
  };
  const deleted = (gone: Note[]) => {
    const ids = new Set(gone.map((n) => n.id));
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
      setError(`撤销失败：${errorText(e)}`);
    }
  };

  const open = notes?.filter((n) => n.status === 'todo' && isTask(n)).length ?? 0;
  return (
    <section class="page-notes" data-testid="page-notes" aria-labelledby="page-notes-title">
      <div class="notes-head">
        <h2 id="page-notes-title">
          本页批注{notes ? `（${notes.length}）` : ''}
          {open > 0 ? <span class="muted"> · 待办 {open}</span> : null}
        </h2>
        <button type="button" class="link" data-action="open-manager" onClick={() => control.openManager()}>
          批注管理
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
          为本页添加批注
        </label>
        <textarea
          id="page-note-body"
          placeholder="为本页添加批注…（Ctrl+Enter 保存）"
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
          添加
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {notes === null ? (
        <p class="muted">正在读取批注…</p>
      ) : notes.length === 0 ? (
        <p class="muted">还没有批注。选中页面文字后右键「添加批注」，或点高亮的文号、期限、单位。</p>
      ) : (
        <ul class="notes" data-testid="page-notes-list">
          {notes.map((n) => (
            <NoteItem
              key={n.id}
              note={n}
              placed={anchoring[n.id]}
              today={today}
              control={control}
              onChanged={(u) => setNotes((l) => (l ?? []).map((x) => (x.id === u.id ? u : x)))}
              onDeleted={deleted}
              onError={(m) => setError(m)}
            />
          ))}
        </ul>
      )}
      <div role="status" class="toast" aria-live="polite">
        {undo ? (
          <>
            已删除 {undo.length} 条批注
            <button type="button" data-action="undo" onClick={() => void undoDelete()}>
              撤销
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}
