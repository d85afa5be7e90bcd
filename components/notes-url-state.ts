/**
 * The manager's view and filters, kept in the page's query string so a link opens exactly that
 * view: `notes.html?view=tasks` (deadlines), `notes.html?page=<url>` (one page's notes, linked from
 * the popup), `?q=&tag=&site=&status=&due=&sort=`. Defaults are left out of the URL.
 */
import type { NoteQuery, NoteSort } from '@/lib/notes/note-query';

export type ManagerView = 'notes' | 'tasks';
export type StatusFilter = NonNullable<NoteQuery['status']>;
export type DueFilter = NonNullable<NoteQuery['due']>;

export interface ManagerState {
  view: ManagerView;
  /** Free-text search. */
  q: string;
  /** One tag, '' for all. */
  tag: string;
  /** One host name, '' for all. */
  site: string;
  status: StatusFilter;
  due: DueFilter;
  sort: NoteSort;
  /** A page URL: only that page's notes; '' for all pages. */
  page: string;
}

export const VIEWS: readonly ManagerView[] = ['notes', 'tasks'];
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'todo', 'done'];
export const DUE_FILTERS: readonly DueFilter[] = ['all', 'overdue', 'today', 'week', 'has', 'none'];
export const SORTS: readonly NoteSort[] = ['updated', 'created', 'due', 'page'];

export const DEFAULT_STATE: ManagerState = {
  view: 'notes',
  q: '',
  tag: '',
  site: '',
  status: 'all',
  due: 'all',
  sort: 'updated',
  page: '',
};

function oneOf<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Reads `location.search`; unknown or malformed values fall back to the defaults. */
export function parseManagerState(search: string): ManagerState {
  const p = new URLSearchParams(search);
  return {
    view: oneOf(VIEWS, p.get('view'), DEFAULT_STATE.view),
    q: p.get('q') ?? '',
    tag: p.get('tag') ?? '',
    site: p.get('site') ?? '',
    status: oneOf(STATUS_FILTERS, p.get('status'), DEFAULT_STATE.status),
    due: oneOf(DUE_FILTERS, p.get('due'), DEFAULT_STATE.due),
    sort: oneOf(SORTS, p.get('sort'), DEFAULT_STATE.sort),
    page: p.get('page') ?? '',
  };
}

/** `?q=…&view=tasks` with only the non-default values ('' when all are defaults). */
export function managerSearch(state: ManagerState): string {
  const p = new URLSearchParams();
  for (const key of ['q', 'tag', 'site', 'status', 'due', 'sort', 'view', 'page'] as const) {
    if (state[key] !== DEFAULT_STATE[key]) p.set(key, state[key]);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The filters as a NoteQuery for filterNotes(); the page restriction is applied separately. */
export function toNoteQuery(state: ManagerState): NoteQuery {
  return {
    text: state.q.trim() || undefined,
    tags: state.tag ? [state.tag] : undefined,
    site: state.site || undefined,
    status: state.status,
    due: state.due,
  };
}

/** True when any filter (not the view or sort) narrows the list. */
export function isFiltered(state: ManagerState): boolean {
  return (
    state.q.trim() !== '' || state.tag !== '' || state.site !== '' || state.status !== 'all' || state.due !== 'all' || state.page !== ''
  );
}
