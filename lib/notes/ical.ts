/**
 * The reader's tasks as an iCalendar file (RFC 5545): one VTODO per note with a due date (for task
 * lists: Thunderbird, Apple Reminders, Outlook tasks), or one all-day VEVENT (for calendars that
 * ignore to-dos). Notes without a due date are left out. Built with ical.js (lib/ics.ts).
 */
import ICAL from 'ical.js';
import { calendarText, icsDate, icsText, icsUtc, newCalendar, nextDay } from '../ics';
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

const firstLine = (s: string) => s.split(/\r\n|\r|\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';

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

function component(note: Note & { due: string }, kind: 'VTODO' | 'VEVENT', stamp: ICAL.Time): ICAL.Component {
  const c = new ICAL.Component(kind.toLowerCase());
  const done = note.status === 'done';
  c.addPropertyWithValue('uid', note.id);
  c.addPropertyWithValue('dtstamp', stamp);
  c.addPropertyWithValue('created', icsUtc(new Date(note.createdAt)));
  c.addPropertyWithValue('last-modified', icsUtc(new Date(note.updatedAt)));
  if (kind === 'VTODO') {
    c.addPropertyWithValue('due', icsDate(note.due));
    c.addPropertyWithValue('status', done ? 'COMPLETED' : 'NEEDS-ACTION');
    // When it was marked done is not kept; its last change is the closest we know.
    if (done) c.addPropertyWithValue('completed', icsUtc(new Date(note.updatedAt)));
  } else {
    c.addPropertyWithValue('dtstart', icsDate(note.due));
    c.addPropertyWithValue('dtend', icsDate(nextDay(note.due)));
    // A deadline does not make the reader busy all day.
    c.addPropertyWithValue('transp', 'TRANSPARENT');
  }
  // An event has no "completed" status: say it in the title instead.
  const summary = summaryOf(note);
  c.addPropertyWithValue('summary', icsText(kind === 'VEVENT' && done ? `【已完成】${summary}` : summary));
  c.addPropertyWithValue('description', icsText(descriptionOf(note)));
  // A URI value, which iCalendar does not escape: percent-encoded instead.
  c.addPropertyWithValue('url', toUri(note.url));
  if (note.tags.length > 0) {
    const categories = new ICAL.Property('categories');
    categories.setValues(note.tags.map(icsText));
    c.addProperty(categories);
  }
  return c;
}

/** One VTODO (or VEVENT) per note with a due date, in the order given. */
export function notesToIcs(notes: Note[], options: NotesToIcsOptions = {}): string {
  const stamp = icsUtc(options.now ?? new Date());
  const kind = options.kind ?? 'VTODO';
  const cal = newCalendar();
  cal.addPropertyWithValue('x-wr-calname', '公报透镜待办');
  for (const note of notes) {
    if (note.due !== null) cal.addSubcomponent(component({ ...note, due: note.due }, kind, stamp));
  }
  return calendarText(cal);
}
