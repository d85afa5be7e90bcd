import { useMemo } from 'preact/hooks';
import type { AnnotatedPage, Note } from '@/lib/notes/note';
import { NoteRow, type NoteRowActions } from './NoteRow';
import { formatShortDay } from './notes-dates';
import { t } from '@/utils/i18n';
import { useIncremental } from './useIncremental';

export interface NotesListProps {
  /** The notes in display order (already filtered and sorted). */
  notes: Note[];
  /** true: under a heading per document (全部批注); false: one flat ordered list (待办期限). */
  grouped: boolean;
  pages: ReadonlyMap<string, AnnotatedPage>;
  today: string;
  selected: ReadonlySet<string>;
  editingId: string | null;
  busy: boolean;
  actions: NoteRowActions;
  /** Changes when the filter does: the list starts again from its first rows. */
  resetKey: unknown;
}

interface Group {
  url: string;
  notes: Note[];
}

/** Notes under their pages, pages in the order their first note comes. */
function groupByPage(notes: Note[]): Group[] {
  const groups = new Map<string, Group>();
  for (const note of notes) {
    let g = groups.get(note.url);
    if (!g) groups.set(note.url, (g = { url: note.url, notes: [] }));
    g.notes.push(note);
  }
  return [...groups.values()];
}

function PageHeading({ url, page, sample, count }: { url: string; page: AnnotatedPage | undefined; sample: Note; count: number }) {
  const title = page?.title || sample.pageTitle || t('untitledPage');
  const docNumber = page?.docNumber ?? sample.docNumber;
  const docDate = page?.docDate ?? sample.docDate;
  const site = page?.site || sample.site;
  return (
    <header class="group-head">
      <h2>
        <a href={url} target="_blank" rel="noopener noreferrer" title={t('openPage')}>
          {title}
        </a>
      </h2>
      <p class="meta">
        {docNumber ? <span>{t('groupDocNumber', docNumber)}</span> : null}
        {docDate ? <span>{t('groupDocDate', formatShortDay(docDate))}</span> : null}
        {site ? <span>{t('groupSite', site)}</span> : null}
        <span>{t('groupCount', count)}</span>
      </p>
    </header>
  );
}

/** The notes of a view, rendered incrementally (first 200, then more on demand or on scroll). */
export function NotesList({ notes, grouped, pages, today, selected, editingId, busy, actions, resetKey }: NotesListProps) {
  const { shown, more, sentinel, filling } = useIncremental<HTMLParagraphElement>(notes.length, resetKey);
  const visible = useMemo(() => notes.slice(0, shown), [notes, shown]);
  // A page's count covers all its filtered notes, not only the rows rendered so far.
  const perPage = useMemo(() => {
    const counts = new Map<string, number>();
    if (grouped) for (const n of notes) counts.set(n.url, (counts.get(n.url) ?? 0) + 1);
    return counts;
  }, [notes, grouped]);

  const row = (note: Note) => (
    <NoteRow
      key={note.id}
      note={note}
      today={today}
      selected={selected.has(note.id)}
      editing={editingId === note.id}
      busy={busy}
      showPage={!grouped}
      actions={actions}
    />
  );
  return (
    <>
      {grouped ? (
        <ul class="groups" data-testid="list">
          {groupByPage(visible).map((g) => (
            <li key={g.url} class="group" data-testid="page-group" data-url={g.url}>
              <PageHeading url={g.url} page={pages.get(g.url)} sample={g.notes[0]!} count={perPage.get(g.url) ?? g.notes.length} />
              <ul class="notes">{g.notes.map(row)}</ul>
            </li>
          ))}
        </ul>
      ) : (
        <ol class="notes tasks" data-testid="list">
          {visible.map(row)}
        </ol>
      )}
      {shown < notes.length && !filling ? (
        <p class="more" ref={sentinel}>
          <button type="button" data-testid="show-more" onClick={more}>
            {t('showMore', notes.length - shown)}
          </button>
        </p>
      ) : null}
    </>
  );
}
