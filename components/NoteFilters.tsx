import type { ComponentChildren } from 'preact';
import type { NoteSort } from '@/lib/notes/note-query';
import { SearchBox } from './SearchBox';
import { t, type MessageKey } from '@/utils/i18n';
import { DUE_FILTERS, SORTS, STATUS_FILTERS, isFiltered, type DueFilter, type ManagerState, type StatusFilter } from './notes-url-state';

const STATUS_LABEL: Record<StatusFilter, MessageKey> = { all: 'statusAll', todo: 'statusTodo', done: 'statusDone' };
const DUE_LABEL: Record<DueFilter, MessageKey> = {
  all: 'dueAll',
  overdue: 'dueOverdue',
  today: 'dueToday',
  week: 'dueWeek',
  has: 'dueHas',
  none: 'dueNone',
};
const SORT_LABEL: Record<NoteSort, MessageKey> = {
  updated: 'sortUpdated',
  created: 'sortCreated',
  due: 'sortDue',
  page: 'sortPage',
};

export interface NoteFiltersProps {
  state: ManagerState;
  onChange: (patch: Partial<ManagerState>) => void;
  /** Tags and sites in use, with their number of notes (tagsOf / sitesOf). */
  tags: ReadonlyArray<{ tag: string; count: number }>;
  sites: ReadonlyArray<{ site: string; count: number }>;
}

function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

const valueOf = (ev: Event) => (ev.currentTarget as HTMLInputElement | HTMLSelectElement).value;

/**
 * Search box and filters. In the deadlines view the status and sort are fixed (open tasks by due
 * date), so those two are not offered there.
 */
export function NoteFilters({ state, onChange, tags, sites }: NoteFiltersProps) {
  const tasks = state.view === 'tasks';
  // A tag or site from the URL that no note has any more stays selectable, so the filter shows.
  const tagOptions = tags.map(({ tag, count }) => ({ value: tag, count }));
  if (state.tag && !tags.some((x) => x.tag === state.tag)) tagOptions.unshift({ value: state.tag, count: 0 });
  const siteOptions = sites.map(({ site, count }) => ({ value: site, count }));
  if (state.site && !sites.some((x) => x.site === state.site)) siteOptions.unshift({ value: state.site, count: 0 });
  return (
    <div class="filters" role="search" aria-label={t('filtersLabel')}>
      <Field id="f-q" label={t('searchLabel')}>
        <SearchBox id="f-q" value={state.q} onCommit={(q) => onChange({ q })} />
      </Field>
      <Field id="f-tag" label={t('tagLabel')}>
        <select id="f-tag" data-testid="filter-tag" value={state.tag} onChange={(ev) => onChange({ tag: valueOf(ev) })}>
          <option value="">{t('tagAll')}</option>
          {tagOptions.map(({ value, count }) => (
            <option key={value} value={value}>
              {t('optionCount', value, count)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="f-site" label={t('siteFilterLabel')}>
        <select id="f-site" data-testid="filter-site" value={state.site} onChange={(ev) => onChange({ site: valueOf(ev) })}>
          <option value="">{t('siteAll')}</option>
          {siteOptions.map(({ value, count }) => (
            <option key={value} value={value}>
              {t('optionCount', value, count)}
            </option>
          ))}
        </select>
      </Field>
      {tasks ? null : (
        <Field id="f-status" label={t('statusLabel')}>
          <select
            id="f-status"
            data-testid="filter-status"
            value={state.status}
            onChange={(ev) => onChange({ status: valueOf(ev) as StatusFilter })}
          >
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABEL[s])}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="f-due" label={t('dueFilterLabel')}>
        <select id="f-due" data-testid="filter-due" value={state.due} onChange={(ev) => onChange({ due: valueOf(ev) as DueFilter })}>
          {DUE_FILTERS.map((d) => (
            <option key={d} value={d}>
              {t(DUE_LABEL[d])}
            </option>
          ))}
        </select>
      </Field>
      {tasks ? null : (
        <Field id="f-sort" label={t('sortLabel')}>
          <select id="f-sort" data-testid="sort" value={state.sort} onChange={(ev) => onChange({ sort: valueOf(ev) as NoteSort })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(SORT_LABEL[s])}
              </option>
            ))}
          </select>
        </Field>
      )}
      {isFiltered({ ...state, page: '' }) ? (
        <button type="button" class="clear-filters" onClick={() => onChange({ q: '', tag: '', site: '', status: 'all', due: 'all' })}>
          {t('clearFilters')}
        </button>
      ) : null}
    </div>
  );
}
