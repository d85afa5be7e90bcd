import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract } from '../../lib/index';

// Pieces that sit on the extractor's decision points, so random strings hit its edge cases.
const PIECES = [
  '〔',
  '〕',
  '[',
  ']',
  '（',
  '）',
  '(',
  ')',
  '年',
  '月',
  '日',
  '号',
  '前',
  '底',
  '、',
  '，',
  '；',
  '：',
  ':',
  '责任单位',
  '牵头',
  '负责',
  '配合',
  '单位',
  '局',
  '县',
  '政',
  '发',
  '办',
  '2024',
  '2023',
  '12',
  '0',
  '1',
  '9',
  ' ',
  '  ',
  '\n',
  '\t',
  '　',
  '第',
  '季度',
  '上半年',
  '工作日内',
  '每月',
  '县农业农村局',
  '河政办发',
];
const tricky = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(tricky, fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }));
const baseDate = fc.option(fc.constantFrom('2023-06-30', '2024-02-29', '2024-12-31'), { nil: undefined });

describe('extract() on arbitrary text', () => {
  it('never throws and returns well-formed, sorted, in-bounds spans', () => {
    fc.assert(
      fc.property(anyText, baseDate, (text, base) => {
        const entities = extract(text, base ? { baseDate: base } : {});
        let prevStart = -1;
        for (const e of entities) {
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeLessThanOrEqual(text.length);
          expect(e.start).toBeLessThan(e.end);
          expect(e.start).toBeGreaterThanOrEqual(prevStart);
          expect(text.slice(e.start, e.end)).toBe(e.text);
          prevStart = e.start;
        }
      }),
      { numRuns: 300 },
    );
  });
});
