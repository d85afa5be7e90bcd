import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { icsEvent, icsFold } from '@/lib/ics';

const octets = (line: string) => new TextEncoder().encode(line).length;

describe('ics', () => {
  const input = {
    date: '2024-12-31',
    summary: '完成时限：2024年12月底前; 县农业农村局',
    description: '第一行\n第二行, 见文件\\附件',
    url: 'http://www.shanhe.gov.cn/a.html',
    uid: 'abc@gazette-lens',
    now: new Date(Date.UTC(2024, 2, 1, 8, 30, 5)),
  };

  it('writes one all-day event on the due date', () => {
    const ics = icsEvent(input);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20241231\r\nDTEND;VALUE=DATE:20250101\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20240301T083005Z\r\n');
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('escapes TEXT values and a parser reads them back unchanged', () => {
    const ics = icsEvent(input);
    expect(ics).toContain('SUMMARY:完成时限：2024年12月底前\\; 县农业农村局');
    expect(ics).toContain('DESCRIPTION:第一行\\n第二行\\, 见文件\\\\附件');
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('summary')).toBe(input.summary);
    expect(event.getFirstPropertyValue('description')).toBe(input.description);
    expect(event.getFirstPropertyValue('url')).toBe(input.url);
    expect(event.getFirstPropertyValue('uid')).toBe(input.uid);
    expect(String(event.getFirstPropertyValue('dtstart'))).toBe('2024-12-31');
  });

  it('turns a bare CR into a line break instead of breaking the file', () => {
    const ics = icsEvent({ ...input, description: '甲\r乙\r\n丙' });
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('description')).toBe('甲\n乙\n丙');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const long = `${'县'.repeat(60)}；${'a'.repeat(80)}🙂${'乡'.repeat(30)}`;
    const ics = icsEvent({ ...input, summary: long, description: long });
    const lines = ics.slice(0, -2).split('\r\n');
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(4);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`SUMMARY:${long}`);
    expect(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary')).toBe(long);

    const folded = icsFold(`SUMMARY:${'县'.repeat(60)}`).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const l of folded) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(`SUMMARY:${'县'.repeat(60)}`);
  });

  it('folds any line into ≤ 75-octet lines that unfold to it, never splitting a surrogate pair (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(fc.constantFrom('a', '县', 'é', '🙂', '\ud800', ' '), fc.string({ unit: 'binary', maxLength: 1 })),
          maxLength: 300,
        }),
        (text) => {
          const line = `DESCRIPTION:${text}`;
          const lines = icsFold(line).split('\r\n');
          for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
          expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
          expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(line);
          // No line ends in a high surrogate whose low half starts the next one.
          lines.forEach((l, i) => {
            if (i + 1 < lines.length && /[\ud800-\udbff]$/.test(l)) expect(lines[i + 1]!.slice(1)).not.toMatch(/^[\udc00-\udfff]/);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
