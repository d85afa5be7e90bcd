/**
 * The reader's tasks as an iCalendar file (RFC 5545): one VTODO per note with a due date (for task
 * lists: Thunderbird, Apple Reminders, Outlook tasks), or one all-day VEVENT (for calendars that
 * ignore to-dos). Notes without a due date are left out. Built with ical.js (lib/ics.ts).
 */
import { icsText, icsUtc, jcalText, newCalendar, nextDay, type JCalComponent, type JCalProperty } from '../ics';
import { toUri } from '../uri';
import type { Note } from './note';

export interface NotesToIcsOptions {
  /** DTSTAMP: when the file was written (default: now). */
  now?: Date;
  /** VTODO (default) or an all-day VEVENT per note. */
  kind?: 'VTODO' | 'VEVENT';
}

/** Longest SUMMARY kept whole; longer ones are cut with … (the full text is in DESCRIPTION). */
export const SUMMARY_MAX = 60;

const firstLine = (s: string) =>
  s
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .find((l) => l !== '') ?? '';

/** The reader's words if any, else the quoted passage, else the page title. */
export function summaryOf(note: Note): string {
  const quote = note.target.type === 'page' ? '' : note.target.quote.exact;
  const text = firstLine(note.body) || firstLine(quote) || firstLine(note.pageTitle) || '公报透镜待办';
  const chars = [...text];
  return chars.length > SUMMARY_MAX ? `${chars.slice(0, SUMMARY_MAX - 1).join('')}…` : text;
}

/** The note in full: its text, the quote, and the document it is on. */
export function descriptionOf(note: Note): string {
  const lines: string[] = [];
  if (note.body.trim()) lines.push(note.body.trim(), '');
  if (note.target.type !== 'page') lines.push(`引文：“${note.target.quote.exact}”`);
  if (note.pageTitle) lines.push(`文件：${note.pageTitle}`);
  if (note.docNumber) lines.push(`文号：${note.docNumber}`);
  lines.push(`网址：${note.url}`);
  return lines.join('\n');
}

/**
 * A timestamp as a jCal UTC DATE-TIME value (whole seconds, as ICAL.Time.fromJSDate writes it):
 * the stored ISO strings only lose their milliseconds; anything else goes through ical.js.
 */
function utcValue(iso: string): string {
  const d = new Date(iso);
  const year = d.getUTCFullYear(); // NaN for an invalid date
  return year >= 1000 && year <= 9999 ? `${d.toISOString().slice(0, 19)}Z` : icsUtc(d).toString();
}

/** One VTODO / VEVENT as jCal; ical.js escapes and writes it (lib/ics.ts jcalText). */
function component(note: Note & { due: string }, kind: 'VTODO' | 'VEVENT', stamp: string, uri: (url: string) => string): JCalComponent {
  const done = note.status === 'done';
  const modified = utcValue(note.updatedAt);
  const props: JCalProperty[] = [
    ['uid', {}, 'text', note.id],
    ['dtstamp', {}, 'date-time', stamp],
    ['created', {}, 'date-time', utcValue(note.createdAt)],
    ['last-modified', {}, 'date-time', modified],
  ];
  if (kind === 'VTODO') {
    props.push(['due', {}, 'date', note.due], ['status', {}, 'text', done ? 'COMPLETED' : 'NEEDS-ACTION']);
    // When it was marked done is not kept; its last change is the closest we know.
    if (done) props.push(['completed', {}, 'date-time', modified]);
  } else {
    // A deadline does not make the reader busy all day.
    props.push(['dtstart', {}, 'date', note.due], ['dtend', {}, 'date', nextDay(note.due)], ['transp', {}, 'text', 'TRANSPARENT']);
  }
  // An event has no "completed" status: say it in the title instead.
  const summary = summaryOf(note);
  props.push(
    ['summary', {}, 'text', icsText(kind === 'VEVENT' && done ? `【已完成】${summary}` : summary)],
    ['description', {}, 'text', icsText(descriptionOf(note))],
    // A URI value, which iCalendar does not escape: percent-encoded instead.
    ['url', {}, 'uri', uri(note.url)],
  );
  if (note.tags.length > 0) props.push(['categories', {}, 'text', ...note.tags.map(icsText)]);
  return [kind.toLowerCase(), props, []];
}

/** One VTODO (or VEVENT) per note with a due date, in the order given. */
export function notesToIcs(notes: Note[], options: NotesToIcsOptions = {}): string {
  const stamp = icsUtc(options.now ?? new Date()).toString();
  const kind = options.kind ?? 'VTODO';
  const [name, properties] = newCalendar().toJSON() as JCalComponent;
  properties.push(['x-wr-calname', {}, 'unknown', '公报透镜待办']);
  // Many notes share a page: each URL is percent-encoded once.
  const uris = new Map<string, string>();
  const uri = (url: string) => {
    let u = uris.get(url);
    if (u === undefined) uris.set(url, (u = toUri(url)));
    return u;
  };
  const components: JCalComponent[] = [];
  for (const note of notes) {
    if (note.due !== null) components.push(component({ ...note, due: note.due }, kind, stamp, uri));
  }
  return jcalText([name, properties, components]);
}
