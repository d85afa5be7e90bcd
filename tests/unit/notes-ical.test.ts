import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { SUMMARY_MAX, descriptionOf, notesToIcs, summaryOf } from '@/lib/notes/ical';
import type { Note } from '@/lib/notes/note';
import { toUri } from '@/lib/uri';
import { noteArb, sampleNotes } from './notes-fixtures';

const NOW = new Date('2024-05-01T06:07:08.000Z');
const octets = (line: string) => new TextEncoder().encode(line).length;
const withDue = sampleNotes.filter((n) => n.due !== null);

function components(ics: string, kind: 'vtodo' | 'vevent'): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents(kind);
}
const value = (c: ICAL.Component, name: string) => c.getFirstPropertyValue(name);
const dateOf = (c: ICAL.Component, name: string) => String(value(c, name));

/** Every physical line of the file: at most 75 octets, CRLF-terminated, folds start with a space. */
function expectWellFormed(ics: string) {
  expect(ics.endsWith('\r\n')).toBe(true);
  expect(ics.slice(0, -2).split('\r\n').join('')).not.toMatch(/[\r\n]/);
  for (const line of ics.slice(0, -2).split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
}

describe('notesToIcs', () => {
  it('writes one VTODO per note with a due date, and none for the others', () => {
    const ics = notesToIcs(sampleNotes, { now: NOW });
    expectWellFormed(ics);
    const todos = components(ics, 'vtodo');
    expect(todos.map((t) => value(t, 'uid'))).toEqual(withDue.map((n) => n.id));
    expect(todos.map((t) => dateOf(t, 'due'))).toEqual(withDue.map((n) => n.due));
    expect(ics).toContain('\r\nDUE;VALUE=DATE:20240315\r\n');
    expect(todos.map((t) => value(t, 'status'))).toEqual(['NEEDS-ACTION', 'COMPLETED', 'NEEDS-ACTION']);
    expect(components(ics, 'vevent')).toEqual([]);
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(value(cal, 'version')).toBe('2.0');
    expect(value(cal, 'prodid')).toBe('-//Gazette Lens//公报透镜//ZH');
  });

  it('fills summary, description, URL, categories and timestamps from the note', () => {
    const [todo, done, unit] = components(notesToIcs(sampleNotes, { now: NOW }), 'vtodo');
    expect(value(todo!, 'summary')).toBe('问林业站：隔离带宽度标准是多少？');
    expect(value(done!, 'summary')).toBe('2024年4月30日前'); // no words: the quote
    expect(value(todo!, 'description')).toBe(
      [
        '问林业站：隔离带宽度标准是多少？\n第二行, 含逗号; 分号 \\ 反斜杠',
        '',
        '引文：“各乡镇要在3月15日前完成防火隔离带清理”',
        '文件：山河县人民政府办公室关于做好2024年春季森林防火工作的通知',
        '文号：山政办发〔2024〕12号',
        '网址：http://www.shanhe.gov.cn/zwgk/zfwj/2024/t20240305_1201.html',
      ].join('\n'),
    );
    expect(value(todo!, 'url')).toBe(sampleNotes[1]!.url);
    expect(unit!.getFirstProperty('categories')!.getValues()).toEqual(['交通', '+1']);
    expect(todo!.getFirstProperty('categories')).toBeNull();
    expect(String(value(todo!, 'dtstamp'))).toBe('2024-05-01T06:07:08Z');
    expect(String(value(todo!, 'last-modified'))).toBe('2024-03-07T08:00:00Z');
    expect(String(value(done!, 'completed'))).toBe('2024-04-28T09:15:30Z');
  });

  it('writes all-day VEVENTs on request', () => {
    const ics = notesToIcs(sampleNotes, { now: NOW, kind: 'VEVENT' });
    expectWellFormed(ics);
    expect(components(ics, 'vtodo')).toEqual([]);
    const events = components(ics, 'vevent');
    expect(events.map((e) => [dateOf(e, 'dtstart'), dateOf(e, 'dtend')])).toEqual([
      ['2024-03-15', '2024-03-16'],
      ['2024-04-30', '2024-05-01'],
      ['2026-06-30', '2026-07-01'],
    ]);
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20240315\r\nDTEND;VALUE=DATE:20240316\r\n');
    expect(value(events[1]!, 'summary')).toBe('【已完成】2024年4月30日前');
  });

  it('escapes commas, semicolons, backslashes and line breaks, and folds long Chinese text at 75 octets', () => {
    const body = `第一行，含逗号, 分号; 反斜杠\\ 和“引号”\r\n第二行\r第三行\n${'县级部门要按照通知要求'.repeat(12)}🙂`;
    const note: Note = { ...sampleNotes[1]!, body, tags: ['a,b', 'c;d', 'e\\f'] };
    const ics = notesToIcs([note], { now: NOW });
    expectWellFormed(ics);
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:第一行，含逗号\\, 分号\\; 反斜杠\\\\ 和“引号”\\n第二行\\n第三行\\n');
    expect(ics.replace(/\r\n /g, '')).toContain('CATEGORIES:a\\,b,c\\;d,e\\\\f');
    const [todo] = components(ics, 'vtodo');
    expect(value(todo!, 'description')).toBe(descriptionOf({ ...note, body: body.replace(/\r\n?/g, '\n') }));
    expect(todo!.getFirstProperty('categories')!.getValues()).toEqual(['a,b', 'c;d', 'e\\f']);
    expect(value(todo!, 'summary')).toBe('第一行，含逗号, 分号; 反斜杠\\ 和“引号”');
  });

  it('keeps a summary short, cutting on a character', () => {
    const long = '山'.repeat(100);
    const s = summaryOf({ ...sampleNotes[1]!, body: long });
    expect([...s]).toHaveLength(SUMMARY_MAX);
    expect(s.endsWith('…')).toBe(true);
    expect(summaryOf({ ...sampleNotes[1]!, body: '  \n  第二行才有字' })).toBe('第二行才有字');
    expect(summaryOf({ ...sampleNotes[0]!, body: '' })).toBe(sampleNotes[0]!.pageTitle);
  });

  it('gives any note with a due date back through a parser, and folds every line (property)', () => {
    fc.assert(
      fc.property(fc.array(noteArb, { maxLength: 5 }), fc.constantFrom('VTODO' as const, 'VEVENT' as const), (notes, kind) => {
        const ics = notesToIcs(notes, { now: NOW, kind });
        expectWellFormed(ics);
        const comps = components(ics, kind === 'VTODO' ? 'vtodo' : 'vevent');
        const due = notes.filter((n) => n.due !== null);
        expect(comps.map((c) => value(c, 'uid'))).toEqual(due.map((n) => n.id));
        expect(comps.map((c) => dateOf(c, kind === 'VTODO' ? 'due' : 'dtstart'))).toEqual(due.map((n) => n.due));
        // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
        const clean = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
        comps.forEach((c, i) => {
          expect(value(c, 'url')).toBe(toUri(due[i]!.url));
          expect(value(c, 'description')).toBe(clean(descriptionOf(due[i]!)));
          const summary = clean(summaryOf(due[i]!));
          expect(value(c, 'summary')).toBe(kind === 'VEVENT' && due[i]!.status === 'done' ? `【已完成】${summary}` : summary);
        });
      }),
      { numRuns: 200 },
    );
  }, 30_000);
});
