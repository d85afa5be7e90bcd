/**
 * iCalendar (RFC 5545) files built with ical.js, which escapes TEXT values (\ ; , and line breaks).
 * Its own folding (in toString) cuts 75-octet chunks, so a continuation line with its leading
 * space is 76 octets: calendarText() has it write each property unfolded and folds with icsFold
 * (75 octets including the space). Pure: callers pass the time and uid.
 */
import ICAL from 'ical.js';
import { toUri } from './uri';

/**
 * Folds a content line at 75 octets (UTF-8), never inside a character (a surrogate pair is one
 * 4-octet character, a lone surrogate the 3 octets of U+FFFD); continuation lines start with a
 * space, which counts towards their 75.
 */
export function icsFold(line: string): string {
  if (line.length <= 25) return line; // at most 3 octets per UTF-16 unit
  let out = '';
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length;) {
    const c = line.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && (line.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (octets + n > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 0;
      limit = 74;
    }
    octets += n;
    i += pair ? 2 : 1;
  }
  return out + line.slice(start);
}

/**
 * TEXT as ical.js should get it: it escapes \n but passes a bare CR through, and RFC 5545 allows no
 * other control character than tab in TEXT, so CR LF / CR become \n and the rest are dropped.
 */
export function icsText(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
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

/** A jCal property (RFC 7265): name, parameters, value type, then its value(s). */
export type JCalProperty = [name: string, params: Record<string, string>, type: string, ...values: string[]];
/** A jCal component: name, properties, subcomponents. */
export type JCalComponent = [name: string, properties: JCalProperty[], components: JCalComponent[]];

/** One content line: ical.js writes (and escapes) the property unfolded, we fold. */
const icsLine = (p: JCalProperty): string => icsFold(ICAL.stringify.property(p, ICAL.design.defaultSet, true));

function contentLines(jcal: JCalComponent, out: string[]): void {
  const [name, properties, components] = jcal;
  out.push(`BEGIN:${name.toUpperCase()}`);
  for (const p of properties) out.push(icsLine(p));
  for (const c of components) contentLines(c, out);
  out.push(`END:${name.toUpperCase()}`);
}

/**
 * jCal as file text: CRLF line ends (also after the last line), lines folded at 75 octets. Large
 * files (every task of a reader) build jCal directly: ical.js Component and Time objects cost
 * more than the writing itself.
 */
export function jcalText(jcal: JCalComponent): string {
  const out: string[] = [];
  contentLines(jcal, out);
  return `${out.join('\r\n')}\r\n`;
}

/** The calendar as file text (see jcalText). */
export function calendarText(cal: ICAL.Component): string {
  return jcalText(cal.toJSON() as JCalComponent);
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
