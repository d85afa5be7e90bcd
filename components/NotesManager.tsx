import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { normalizeUrl, type AnnotatedPage, type Note, type NoteStatus } from '@/lib/notes/note';
import type { NotePatch, NotesApi } from '@/lib/notes/notes-api';
import { filterNotes, isOverdue, openTasks, sitesOf, sortNotes, tagsOf } from '@/lib/notes/note-query';
import { BulkBar } from './BulkBar';
import { downloadBlob, exportFilename } from './download';
import { ExportMenu } from './ExportMenu';
import { ImportPanel } from './ImportPanel';
import { NoteFilters } from './NoteFilters';
import type { NoteRowActions } from './NoteRow';
import { NotesList } from './NotesList';
import { todayIso } from './notes-dates';
import { pagesOf, type ExportSpec } from './notes-export-formats';
import { t } from '@/utils/i18n';
import { managerSearch, parseManagerState, toNoteQuery, isFiltered, type ManagerState } from './notes-url-state';
import { Toast, type ToastMessage } from './Toast';
import { ViewTabs, panelId, tabId } from './ViewTabs';

export interface NotesManagerProps {
  api: NotesApi;
  /** The reader's day (YYYY-MM-DD) that due dates count from; default: today, read once. */
  today?: string;
  /** The clock for export timestamps. */
  now?: () => Date;
  /** The initial query string (view and filters); default: this page's location.search. */
  search?: string;
  /** Called with the query string of the current view and filters; default: history.replaceState. */
  onSearchChange?: (search: string) => void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function replaceSearch(search: string): void {
  const url = `${location.pathname}${search}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
}

/**
 * The notes manager (notes.html): every note grouped by document, the open tasks by due date,
 * search and filters kept in the URL, inline editing, bulk actions, export and import.
 * Loads api.all() + api.pages() once and again after each change it makes.
 */
export function NotesManager({ api, today: todayProp, now = () => new Date(), search, onSearchChange = replaceSearch }: NotesManagerProps) {
  const today = useMemo(() => todayProp ?? todayIso(), [todayProp]);
  const [data, setData] = useState<{ notes: Note[]; pages: AnnotatedPage[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [state, setState] = useState<ManagerState>(() => parseManagerState(search ?? location.search));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editingId, setEditingId] = useState<string | null>(null);
  const [busyCount, setBusyCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const toastId = useRef(0);
  const panel = useRef<HTMLDivElement>(null);
  const exportBox = useRef<HTMLDivElement>(null);
  const busy = busyCount > 0;

  const reload = useCallback(async () => {
    try {
      const [notes, pages] = await Promise.all([api.all(), api.pages()]);
      setData({ notes, pages });
      setLoadError(null);
      // Deleted notes leave the selection.
      setSelected((sel) => {
        if (sel.size === 0) return sel;
        const ids = new Set(notes.map((n) => n.id));
        return new Set([...sel].filter((id) => ids.has(id)));
      });
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => onSearchChange(managerSearch(state)), [state]);

  // Back from an editor (saved or cancelled): focus returns to the 编辑 button that opened it.
  const lastEdited = useRef<string | null>(null);
  useEffect(() => {
    const closed = lastEdited.current;
    lastEdited.current = editingId;
    // Only when no other editor opened instead (that one has taken focus itself).
    if (closed === null || editingId !== null) return;
    panel.current?.querySelector<HTMLButtonElement>(`[data-note-id="${CSS.escape(closed)}"] [data-action="edit"]`)?.focus();
  }, [editingId]);

  const showToast = (text: string, undo?: () => void) => setToast({ id: ++toastId.current, text, undo });
  /** Runs a write with the page marked busy; an error is shown and nothing else is lost. */
  const withBusy = async (job: () => Promise<void>, failure: (message: string) => string = (m) => t('actionFailed', m)) => {
    setBusyCount((n) => n + 1);
    setError(null);
    try {
      await job();
    } catch (e) {
      setError(failure(messageOf(e)));
    } finally {
      setBusyCount((n) => n - 1);
    }
  };

  const changeState = (patch: Partial<ManagerState>) => {
    setState((s) => ({ ...s, ...patch }));
    // What was selected may no longer be in view: a selection only ever covers what is shown.
    setSelected(new Set());
  };

  // ---- derived lists (memoised: 10 000 notes are filtered only when notes or filters change)
  const notes = data?.notes ?? [];
  const pageUrl = state.page ? normalizeUrl(state.page) : '';
  const scoped = useMemo(() => (pageUrl ? notes.filter((n) => n.url === pageUrl) : notes), [notes, pageUrl]);
  const tags = useMemo(() => tagsOf(scoped), [scoped]);
  const sites = useMemo(() => sitesOf(scoped), [scoped]);
  const query = useMemo(() => toNoteQuery(state.view === 'tasks' ? { ...state, status: 'all' } : state), [state]);
  const filtered = useMemo(() => filterNotes(scoped, query, today), [scoped, query, today]);
  const list = useMemo(
    () => (state.view === 'tasks' ? openTasks(filtered) : sortNotes(filtered, state.sort)),
    [filtered, state.view, state.sort],
  );
  const counts = useMemo(
    () => ({ total: notes.length, todo: openTasks(notes).length, overdue: notes.filter((n) => isOverdue(n, today)).length }),
    [notes, today],
  );
  const pageMap = useMemo(() => new Map((data?.pages ?? []).map((p) => [p.url, p])), [data?.pages]);
  const selectedInList = useMemo(() => (selected.size === 0 ? [] : list.filter((n) => selected.has(n.id))), [list, selected]);
  const exportNotes = selectedInList.length > 0 ? selectedInList : list;

  // ---- actions
  const setStatus = (ids: string[], status: NoteStatus) =>
    withBusy(async () => {
      try {
        for (const id of ids) await api.update(id, { status }, now());
      } finally {
        await reload();
      }
      showToast(t(status === 'done' ? 'markedDone' : 'markedTodo', ids.length));
    });

  const remove = (ids: string[]) =>
    withBusy(async () => {
      const removed = await api.remove(ids);
      if (editingId && ids.includes(editingId)) setEditingId(null);
      await reload();
      showToast(
        t('deleted', removed.length),
        () =>
          void withBusy(async () => {
            await api.restore(removed);
            await reload();
            showToast(t('restored', removed.length));
          }),
      );
    });

  const save = async (id: string, patch: NotePatch) => {
    setBusyCount((n) => n + 1);
    try {
      // A rejection goes back to the editor, which keeps the reader's text and shows why.
      const updated = await api.update(id, patch, now());
      setData((d) => d && { ...d, notes: d.notes.map((n) => (n.id === id ? updated : n)) });
      setEditingId(null);
      showToast(t('saved'));
    } finally {
      setBusyCount((n) => n - 1);
    }
    void reload();
  };

  /**
   * Writes the file within the click. It only reads the notes in memory, so there is no store
   * write to guard with the busy state (marking the page busy first cost a render of every row,
   * and the work blocks the page either way: 10 000 notes take a few hundred ms).
   */
  const exportAs = (spec: ExportSpec) => {
    setError(null);
    try {
      const picked = spec.pick(exportNotes);
      const text = spec.write(picked, pagesOf(picked, data?.pages ?? []), { now: now(), today });
      const filename = exportFilename(spec.ext, today);
      downloadBlob(new Blob([text], { type: spec.mime }), filename);
      showToast(t('exportDone', picked.length, filename));
    } catch (e) {
      setError(t('exportFailed', messageOf(e)));
    }
  };

  // Rows are memoised; their callbacks stay the same objects and reach the latest handlers.
  const handlers = useRef({ setStatus, remove, save });
  handlers.current = { setStatus, remove, save };
  const rowActions = useMemo<NoteRowActions>(
    () => ({
      onToggleSelect: (id, on) =>
        setSelected((sel) => {
          const next = new Set(sel);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      onEdit: (id) => setEditingId(id),
      onSave: (id, patch) => handlers.current.save(id, patch),
      onDelete: (ids) => void handlers.current.remove(ids),
      onSetStatus: (ids, status) => void handlers.current.setStatus(ids, status),
    }),
    [],
  );

  const focusExport = () => {
    const button = exportBox.current?.querySelector<HTMLButtonElement>('button:not(:disabled)');
    button?.scrollIntoView?.({ block: 'nearest' });
    button?.focus();
  };

  const selectedIds = selectedInList.map((n) => n.id);
  const resetKey = `${state.view}\n${state.sort}\n${pageUrl}\n${JSON.stringify(query)}`;
  const pageTitle = pageUrl ? (pageMap.get(pageUrl)?.title ?? scoped[0]?.pageTitle ?? pageUrl) : '';

  return (
    <div class="manager">
      <header class="top">
        <h1>{t('pageTitle')}</h1>
        {data ? (
          <p class="counts" data-testid="counts">
            {t('countsLine', counts.total, counts.todo, counts.overdue)}
          </p>
        ) : null}
      </header>
      <main aria-busy={busy} data-testid="manager">
        {error ? (
          <div class="error banner" role="alert" data-testid="error">
            <span>{error}</span>
            <button type="button" onClick={() => setError(null)}>
              {t('dismiss')}
            </button>
          </div>
        ) : null}
        {loadError ? (
          <div class="error banner" role="alert" data-testid="load-error">
            <span>{t('loadFailed', loadError)}</span>
            <button type="button" onClick={() => void reload()}>
              {t('retry')}
            </button>
          </div>
        ) : null}
        {!data && !loadError ? <p role="status">{t('loading')}</p> : null}
        <div class="layout">
          <div class="views">
            <ViewTabs view={state.view} onChange={(view) => changeState({ view })} />
            <NoteFilters state={state} onChange={changeState} tags={tags} sites={sites} />
            {pageUrl ? (
              <p class="page-only" data-testid="page-only">
                {t('pageOnly', pageTitle)}{' '}
                <button type="button" onClick={() => changeState({ page: '' })}>
                  {t('pageOnlyClear')}
                </button>
              </p>
            ) : null}
            {(['notes', 'tasks'] as const).map((view) =>
              view !== state.view ? (
                <div key={view} id={panelId(view)} role="tabpanel" aria-labelledby={tabId(view)} hidden />
              ) : (
                <div
                  key={view}
                  id={panelId(view)}
                  role="tabpanel"
                  aria-labelledby={tabId(view)}
                  tabIndex={-1}
                  ref={panel}
                  class="panel"
                  data-testid={`view-${view}`}
                >
                  <p class="filtered-count" data-testid="filtered-count">
                    {t('filteredCount', list.length)}
                  </p>
                  {list.length === 0 ? null : (
                    <BulkBar
                      total={list.length}
                      selected={selectedIds.length}
                      busy={busy}
                      onSelectAll={(all) => setSelected(all ? new Set(list.map((n) => n.id)) : new Set())}
                      onDone={() => void setStatus(selectedIds, 'done')}
                      onTodo={() => void setStatus(selectedIds, 'todo')}
                      onDelete={() => void remove(selectedIds)}
                      onExport={focusExport}
                      onClear={() => setSelected(new Set())}
                    />
                  )}
                  {data && list.length === 0 ? (
                    <p class="empty" data-testid="empty">
                      {notes.length === 0 ? t('emptyAll') : isFiltered(state) || view === 'notes' ? t('emptyFiltered') : t('emptyTasks')}
                    </p>
                  ) : (
                    <NotesList
                      notes={list}
                      grouped={view === 'notes'}
                      pages={pageMap}
                      today={today}
                      selected={selected}
                      editingId={editingId}
                      busy={busy}
                      actions={rowActions}
                      resetKey={resetKey}
                    />
                  )}
                </div>
              ),
            )}
          </div>
          <div class="tools" ref={exportBox}>
            <ExportMenu notes={exportNotes} scope={selectedInList.length > 0 ? 'selected' : 'filtered'} busy={busy} onExport={exportAs} />
            <ImportPanel
              plan={(n, p) => api.planImport(n, p)}
              apply={(n, p) => api.applyImport(n, p)}
              onImported={() => void reload()}
              busy={busy}
              onBusyChange={(b) => setBusyCount((n) => n + (b ? 1 : -1))}
            />
          </div>
        </div>
        <Toast toast={toast} onClose={() => setToast(null)} onFocusOut={() => panel.current?.focus()} />
      </main>
    </div>
  );
}
