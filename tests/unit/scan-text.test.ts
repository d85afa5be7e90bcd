import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCAN_TEXT_CHARS, scanText } from '@/lib/scan-text';
import { EXTRACTOR_CHARS } from '@/lib/index';

describe('scanText', () => {
  it('writes full-width digits and numeral years as ASCII, and nothing else', () => {
    expect(scanText('二〇二四年十二月底前；二〇〇九 年；十二〇二四年；二〇二；２０２５年５月')).toBe(
      '2024年十二月底前；2009 年；十二〇二四年；二〇二；2025年5月',
    );
    const plain = '山政发〔2024〕3号 6月底前';
    expect(scanText(plain)).toBe(plain);
  });

  it('keeps every offset: the same length, and only digits change (property)', () => {
    const piece = fc.constantFrom('二〇二四年', '〇', '零', '十', '年', '２', '０', '9', '月', '县', ' ', '\n', '二', '〇〇');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }).map((p) => p.join('')),
        (text) => {
          const out = scanText(text);
          expect(out.length).toBe(text.length);
          for (let i = 0; i < text.length; i++) if (out[i] !== text[i]) expect(out[i]).toMatch(/^[0-9]$/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rewrites no character an extractor looks up, nor into one (extract scans with an index of the input)', () => {
    // What scanText reads, rewrites and writes: full-width and numeral digits, 〇, ASCII digits.
    const touched = `${SCAN_TEXT_CHARS}〇零一二三四五六七八九0123456789`;
    expect([...touched].filter((c) => EXTRACTOR_CHARS.includes(c))).toEqual([]);
  });
});
