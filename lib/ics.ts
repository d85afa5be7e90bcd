/**
 * iCalendar (RFC 5545) files built with ical.js, which escapes TEXT values (\ ; , and line breaks).
 * Its folding counts UTF-8 octets and never splits a character, but cuts 75-octet chunks, so a
 * continuation line with its leading space is 76 octets: calendarText() unfolds its output and
 * folds again with icsFold (75 octets including the space). Pure: callers pass the time and uid.
 */
import ICAL from 'ical.js';
import { toUri } from './uri';

const utf8Length = (c: string) => {
  const cp = c.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
};

/** Folds a content line at 75 octets (UTF-8), never inside a character; continuation lines start with a space. */
export function icsFold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const c of line) {
    const n = utf8Length(c);
    const limit = out.length === 0 ? 75 : 74; // continuation lines carry the leading space
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += c;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

/**
 * TEXT as ical.js should get it: it escapes \n but passes a bare CR through, and RFC 5545 allows no
 * other control character than tab in TEXT, so CR LF / CR become \n and the rest are dropped.
 */
export function icsText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** An all-day DATE value (YYYY-MM-DD); written with VALUE=DATE. */
export const icsDate = (iso: string): ICAL.Time => ICAL.Time.fromDateString(iso);

/** A UTC DATE-TIME value (written as 20240301T083005Z). */
export const icsUtc = (d: Date): ICAL.Time => ICAL.Time.fromJSDate(d, true);

/** The day after an ISO date (the exclusive DTEND of an all-day event). */
export function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** An empty VCALENDAR with the properties every file of ours carries. */
export function newCalendar(): ICAL.Component {
  const cal = new ICAL.Component('vcalendar');
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('prodid', '-//Gazette Lens//公报透镜//ZH');
  cal.addPropertyWithValue('calscale', 'GREGORIAN');
  return cal;
}

/** The calendar as file text: CRLF line ends (also after the last line), lines folded at 75 octets. */
export function calendarText(cal: ICAL.Component): string {
  // icsText() leaves no CR or LF in values, so CRLF + space only ever marks an ical.js fold.
  const lines = cal.toString().replace(/\r\n /g, '').split('\r\n');
  return `${lines.map(icsFold).join('\r\n')}\r\n`;
}

export interface IcsEventInput {
  /** Due date, YYYY-MM-DD. */
  date: string;
  summary: string;
  description?: string;
  url?: string;
  uid: string;
  /** DTSTAMP, e.g. new Date(). */
  now: Date;
}

/** A one-event file for a deadline: an all-day event on its due date (the entity card's 加入日历). */
export function icsEvent(e: IcsEventInput): string {
  const cal = newCalendar();
  const event = new ICAL.Component('vevent');
  event.addPropertyWithValue('uid', icsText(e.uid));
  event.addPropertyWithValue('dtstamp', icsUtc(e.now));
  event.addPropertyWithValue('dtstart', icsDate(e.date));
  event.addPropertyWithValue('dtend', icsDate(nextDay(e.date)));
  event.addPropertyWithValue('summary', icsText(e.summary));
  if (e.description) event.addPropertyWithValue('description', icsText(e.description));
  if (e.url) event.addPropertyWithValue('url', toUri(e.url));
  cal.addSubcomponent(event);
  return calendarText(cal);
}
