import { describe, expect, it } from 'vitest';
import { icsEscape, icsEvent, icsFold } from '@/lib/ics';

describe('ics', () => {
  it('writes one all-day event on the due date', () => {
    const ics = icsEvent({
      date: '2024-12-31',
      summary: '完成时限：2024年12月底前; 县农业农村局',
      description: '第一行\n第二行, 见文件',
      url: 'http://www.shanhe.gov.cn/a.html',
      uid: 'abc@gazette-lens',
      now: new Date(Date.UTC(2024, 2, 1, 8, 30, 5)),
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20241231\r\nDTEND;VALUE=DATE:20250101\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20240301T083005Z\r\n');
    expect(ics).toContain('SUMMARY:完成时限：2024年12月底前\\; 县农业农村局');
    expect(ics).toContain('DESCRIPTION:第一行\\n第二行\\, 见文件');
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('escapes TEXT and folds long lines at 75 octets without splitting a character', () => {
    expect(icsEscape('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const folded = icsFold(`SUMMARY:${'县'.repeat(60)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(`SUMMARY:${'县'.repeat(60)}`);
  });
});
