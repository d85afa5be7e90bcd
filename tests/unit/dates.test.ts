import { describe, expect, it } from 'vitest';
import { daysUntil, endOfMonthIso, isValidDay, isoDate, parseIsoDate } from '../../lib/dates';

describe('endOfMonthIso', () => {
  it.each([
    [2024, 2, '2024-02-29'], // divisible by 4
    [2023, 2, '2023-02-28'],
    [2000, 2, '2000-02-29'], // divisible by 400
    [1900, 2, '1900-02-28'], // divisible by 100, not 400
    [2100, 2, '2100-02-28'],
    [2024, 4, '2024-04-30'],
    [2024, 6, '2024-06-30'],
    [2024, 9, '2024-09-30'],
    [2024, 11, '2024-11-30'],
    [2024, 1, '2024-01-31'],
    [2024, 12, '2024-12-31'],
  ])('(%i, %i) → %s', (y, m, iso) => {
    expect(endOfMonthIso(y, m)).toBe(iso);
  });
});

describe('isoDate', () => {
  it('pads month and day', () => {
    expect(isoDate(2024, 5, 1)).toBe('2024-05-01');
    expect(isoDate(2023, 12, 31)).toBe('2023-12-31');
  });
});

describe('isValidDay', () => {
  it('accepts real dates and rejects impossible ones', () => {
    expect(isValidDay(2024, 2, 29)).toBe(true);
    expect(isValidDay(2023, 2, 29)).toBe(false);
    expect(isValidDay(2024, 2, 30)).toBe(false);
    expect(isValidDay(2024, 4, 31)).toBe(false);
    expect(isValidDay(2024, 13, 1)).toBe(false);
    expect(isValidDay(2024, 0, 1)).toBe(false);
    expect(isValidDay(2024, 1, 0)).toBe(false);
  });
});

describe('daysUntil', () => {
  it('is 0 on the due date', () => {
    expect(daysUntil('2024-06-30', '2024-06-30')).toBe(0);
  });
  it('is positive before it', () => {
    expect(daysUntil('2024-06-30', '2024-06-29')).toBe(1);
    expect(daysUntil('2024-12-31', '2024-01-01')).toBe(365); // leap year
    expect(daysUntil('2023-12-31', '2023-01-01')).toBe(364);
  });
  it('is negative when overdue', () => {
    expect(daysUntil('2024-06-30', '2024-07-01')).toBe(-1);
    expect(daysUntil('2023-12-31', '2024-03-01')).toBe(-61);
  });
  it('counts across a leap day and a year boundary', () => {
    expect(daysUntil('2024-03-01', '2024-02-28')).toBe(2);
    expect(daysUntil('2025-01-01', '2024-12-31')).toBe(1);
  });
  it('is whole calendar days across DST changes (March and October/November)', () => {
    expect(daysUntil('2024-04-01', '2024-03-01')).toBe(31);
    expect(daysUntil('2024-11-30', '2024-10-01')).toBe(60);
  });
});

describe('parseIsoDate', () => {
  it('parses a valid date', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2023-12-31')).toEqual({ year: 2023, month: 12, day: 31 });
  });
  it.each([
    ['2024-02-30'],
    ['2023-02-29'],
    ['2024-04-31'],
    ['2024-13-01'],
    ['2024-00-10'],
    ['2024-1-5'],
    ['2024/01/05'],
    ['20240105'],
    [' 2024-01-05'],
    [''],
  ])('rejects %j', (s) => {
    expect(parseIsoDate(s)).toBeNull();
  });
  it('returns null for undefined', () => {
    expect(parseIsoDate(undefined)).toBeNull();
  });
});
