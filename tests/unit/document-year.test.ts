import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildYearContext } from '../../lib/document-year';

/** Signature years as plain global scans find them: the reference for the faster search. */
const SIGNATURE_LINE =
  /^[ \t\u3000]*(?:成文日期[：:][ \t\u3000]*)?(\d{4}|[〇零一二三四五六七八九]{4})[ \t\u3000]*年[ \t\u3000]*[0-9一二三四五六七八九十]{1,3}[ \t\u3000]*月[ \t\u3000]*[0-9一二三四五六七八九十]{1,3}[ \t\u3000]*日[ \t\u3000]*$/gm;
const CN = '〇一二三四五六七八九';
function signatureYears(text: string): Array<{ offset: number; year: number }> {
  const out = [];
  for (const m of text.matchAll(SIGNATURE_LINE)) {
    const digits = m[1]!;
    const year = /^\d{4}$/.test(digits) ? Number(digits) : [...digits].reduce((n, ch) => n * 10 + (ch === '零' ? 0 : CN.indexOf(ch)), 0);
    if (year >= 1949 && year <= 2099) out.push({ offset: m.index, year });
  }
  for (const m of text.matchAll(/成文日期[：:][ \t\u3000]*(\d{4})[ \t\u3000]*年/g)) {
    const year = Number(m[1]);
    if (year >= 1949 && year <= 2099) out.push({ offset: m.index, year });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

const PIECES = [
  '2024',
  '2023',
  '1900',
  '二〇二三',
  '年',
  '6',
  '十二',
  '月',
  '1',
  '日',
  ' ',
  '\t',
  '　',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '成文日期：',
  '县',
  '。',
  '2024年6月1日',
  '二〇二三年十二月1日',
  ' 2023 年 7 月 20 日',
  '成文日期：2022年1月2日',
];
const dated = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

describe('buildYearContext', () => {
  it("takes a year-less deadline's year from the signature line below it, as a line-by-line scan would", () => {
    fc.assert(
      fc.property(dated, (text) => {
        const years = buildYearContext(text, [], 2000);
        const signatures = signatureYears(text);
        for (let offset = 0; offset <= text.length; offset++) {
          const after = signatures.find((s) => s.offset > offset);
          const expected = after?.year ?? signatures[signatures.length - 1]?.year ?? 2000;
          expect(years.yearAt(offset)).toBe(expected);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('reads signature lines with spaces, Chinese digits and CRLF line ends, but not dates inside prose', () => {
    const text = '请于6月底前报送。\r\n山河县人民政府\r\n  2023 年 7 月 20 日 \r\n二〇二四年一月五日\n于2022年3月1日印发\n';
    const years = buildYearContext(text, [], null);
    expect(years.yearAt(0)).toBe(2023);
    expect(years.yearAt(text.indexOf('二〇二四'))).toBe(2024);
    expect(years.yearAt(text.length)).toBe(2024); // the 2022 date stands in a sentence
  });
});
