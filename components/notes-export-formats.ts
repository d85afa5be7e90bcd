/**
 * The export formats the manager offers: file extension, MIME type and the lib function that
 * writes the text. Pure glue; the formats themselves live in lib/notes/.
 */
import type { AnnotatedPage, Note } from '@/lib/notes/note';
import { serializeCollection, toAnnotationCollection } from '@/lib/notes/web-annotation';
import { notesToMarkdown } from '@/lib/notes/markdown';
import { notesToCsv } from '@/lib/notes/csv';
import { notesToIcs } from '@/lib/notes/ical';
import type { MessageKey } from '@/utils/i18n';

export type ExportFormat = 'jsonld' | 'md' | 'csv' | 'ics';

export interface ExportContext {
  now: Date;
  today: string;
}

export interface ExportSpec {
  format: ExportFormat;
  ext: string;
  mime: string;
  label: MessageKey;
  /** Why the button is disabled when pick() leaves nothing. */
  emptyHint?: MessageKey;
  /** Which of the notes this format writes (iCalendar: only those with a due date). */
  pick(notes: Note[]): Note[];
  write(notes: Note[], pages: AnnotatedPage[], ctx: ExportContext): string;
}

const all = (notes: Note[]) => notes;

export const EXPORT_FORMATS: readonly ExportSpec[] = [
  {
    format: 'jsonld',
    ext: 'jsonld',
    // The media type the Web Annotation protocol gives annotation documents.
    mime: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"',
    label: 'exportJsonld',
    pick: all,
    write: (notes, pages, { now }) => serializeCollection(toAnnotationCollection(notes, pages, { now })),
  },
  {
    format: 'md',
    ext: 'md',
    mime: 'text/markdown;charset=utf-8',
    label: 'exportMd',
    pick: all,
    write: (notes, pages, { today }) => notesToMarkdown(notes, pages, { today }),
  },
  {
    format: 'csv',
    ext: 'csv',
    mime: 'text/csv;charset=utf-8',
    label: 'exportCsv',
    pick: all,
    write: (notes) => notesToCsv(notes),
  },
  {
    format: 'ics',
    ext: 'ics',
    mime: 'text/calendar;charset=utf-8',
    label: 'exportIcs',
    emptyHint: 'exportIcsNone',
    pick: (notes) => notes.filter((n) => n.due !== null),
    write: (notes, _pages, { now }) => notesToIcs(notes, { now }),
  },
];

/** The pages the notes sit on (so a file carries its documents' titles, 文号 and dates). */
export function pagesOf(notes: Note[], pages: AnnotatedPage[]): AnnotatedPage[] {
  const urls = new Set(notes.map((n) => n.url));
  return pages.filter((p) => urls.has(p.url));
}
