import { describe, expect, it } from 'vitest';
import { daysUntil, displayWidth, dueStatus, formatReport, isIsoDate, lineIndex } from '../../scripts/extract-format';
import type { Entity } from '../../lib/entity';

describe('date helpers', () => {
  it('counts calendar days, across month ends and leap days', () => {
    expect(daysUntil('2024-03-01', '2024-02-28')).toBe(2);
    expect(daysUntil('2024-05-31', '2024-05-31')).toBe(0);
    expect(daysUntil('2023-12-31', '2024-01-01')).toBe(-1);
    expect(daysUntil('2025-01-01', '2024-01-01')).toBe(366);
  });

  it('describes what is left or overdue', () => {
    expect(dueStatus('2024-06-30', '2024-06-01')).toBe('29 days left');
    expect(dueStatus('2024-06-02', '2024-06-01')).toBe('1 day left');
    expect(dueStatus('2024-06-01', '2024-06-01')).toBe('due today');
    expect(dueStatus('2024-05-01', '2024-06-01')).toBe('31 days overdue');
    expect(dueStatus(null, '2024-06-01')).toBe('—');
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(['2023-02-29', '2024-13-01', '2024-1-01', '20240101', ''].map(isIsoDate)).toEqual([false, false, false, false, false]);
  });
});

describe('report', () => {
  it('finds 1-based line numbers', () => {
    const lineOf = lineIndex('ab\ncd\n\nef');
    expect([0, 2, 3, 6, 7, 9].map(lineOf)).toEqual([1, 1, 2, 3, 4, 4]);
  });

  it('measures CJK as two columns', () => {
    expect(displayWidth('县局ab〔〕')).toBe(10);
  });

  it('shows each kind with its fields, newlines as ⏎', () => {
    const text = '河政办发〔2024〕12号\n各单位于6月\n底前完成。（责任单位：县财政局）';
    const entities: Entity[] = [
      {
        kind: 'docNumber',
        start: 0,
        end: 13,
        text: '河政办发〔2024〕12号',
        issuer: '河政办发',
        year: 2024,
        seq: 12,
        normalized: '河政办发〔2024〕12号',
      },
      { kind: 'deadline', start: 18, end: 23, text: '6月\n底前', date: '2024-06-30', precision: 'month' },
      { kind: 'unit', start: 33, end: 37, text: '县财政局', name: '县财政局', role: 'responsible' },
    ];
    const out = formatReport({ file: 'x.txt', charset: 'utf-8', text, entities, today: '2024-06-01' });
    expect(out).toMatch(/^\s+1\s+河政办发〔2024〕12号\s+河政办发\s+2024\s+12$/m);
    expect(out).toMatch(/^\s+2\s+6月⏎底前\s+2024-06-30\s+month\s+29 days left$/m);
    expect(out).toMatch(/^\s+3\s+县财政局\s+县财政局\s+负责 responsible$/m);
  });
});
