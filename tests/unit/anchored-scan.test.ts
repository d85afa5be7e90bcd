import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Alphabet, CharPositions, anchored, forEachMatch, skipTo, type AnchoredPattern } from '../../lib/anchored-scan';
import { CodeSet } from '../../lib/cjk';
import { DEADLINE_CHARS, DEADLINE_SHAPES, extractDeadlines } from '../../lib/deadline';
import { buildYearContext } from '../../lib/document-year';
import { tableRows } from '../../lib/table';
import { DOC_NUMBER_CHARS, DOC_NUMBER_TAIL } from '../../lib/docnumber';

/** What a plain global exec loop finds: the reference every shortcut must reproduce. */
/** The matches of a global regex scan, less those the probe marks as dropped (skipTo(end)). */
function globalMatches(text: string, p: AnchoredPattern): Array<[number, number]> {
  const re = new RegExp(p.re.source, 'g');
  const out: Array<[number, number]> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (p.probe(text, m.index) !== skipTo(end)) out.push([m.index, end]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function scanned(text: string, p: AnchoredPattern, alphabet: Alphabet): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  forEachMatch(text, p, (s, e) => out.push([s, e]), new CharPositions(text, alphabet));
  return out;
}

// Pieces around every shortcut: anchors (月 年 底 半 季 内 前 即 每), range separators, the
// characters a probe looks at after 月 or 年, whitespace, digits of every width and Chinese numerals.
const PIECES = [
  '月',
  '年',
  '日',
  '号',
  '份',
  '底',
  '末',
  '中旬',
  '上旬',
  '下旬',
  '初',
  '前',
  '之前',
  '以前',
  '为止',
  '止',
  '至',
  '到',
  '—',
  '－',
  '–',
  '-',
  '~',
  '～',
  '即日起',
  '每',
  '季度',
  '上半年',
  '下半年',
  '内',
  '个',
  '工作日',
  '天',
  '、',
  '和',
  '及',
  '今年',
  '本年',
  '明年',
  '当年',
  '年内',
  '国庆',
  '五一',
  '元旦',
  '劳动节',
  '第',
  '0',
  '1',
  '2',
  '6',
  '9',
  '12',
  '2024',
  '１',
  '２',
  '一',
  '二',
  '六',
  '十',
  '两',
  ' ',
  '\t',
  '\n',
  '\r',
  '　',
  '，',
  '。',
  '县',
  '完成',
];
// A denser mix of the few pieces the probes decide on, so 6月份, 2024年前, 12 月 occur often.
const PROBED = [
  '6',
  '12',
  '2024',
  '１',
  '六',
  '月',
  '年',
  '6月',
  '12月',
  '2024年',
  '月6',
  '月12',
  ' 日',
  '份',
  '日',
  '号',
  '底',
  '前',
  '之',
  '止',
  '、',
  '至',
  ' ',
  '县',
];
const datey = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join('')),
  fc.array(fc.constantFrom(...PROBED), { maxLength: 30 }).map((a) => a.join('')),
);

describe('forEachMatch', () => {
  const alphabet = new Alphabet(DEADLINE_CHARS);
  for (const [name, shape] of Object.entries(DEADLINE_SHAPES)) {
    // Strings the shape matches, glued to pieces and to each other, so every bound is exercised.
    const matching = fc.stringMatching(new RegExp(`^(?:${shape.re.source})$`));
    const around = fc.array(fc.oneof(matching, fc.constantFrom(...PIECES)), { maxLength: 8 }).map((a) => a.join(''));
    it(`finds exactly the matches of a global regex scan: ${name}`, () => {
      fc.assert(
        fc.property(fc.oneof(datey, around), (text) => {
          expect(scanned(text, shape, alphabet)).toEqual(globalMatches(text, shape));
        }),
        { numRuns: 1000 },
      );
    });
  }

  it('finds exactly the document-number tails of a global regex scan', () => {
    const pieces = fc.constantFrom(
      '〔',
      '〕',
      '[',
      ']',
      '（',
      '）',
      '【',
      '】',
      '2023',
      '２０２４',
      '1',
      '27',
      '第',
      '号',
      ' ',
      '   ',
      '\n',
      '　',
      '政发',
    );
    const tail = fc.stringMatching(new RegExp(`^(?:${DOC_NUMBER_TAIL.re.source})$`));
    const tails = fc.oneof(
      fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')),
      fc.array(fc.oneof(tail, pieces), { maxLength: 8 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(tails, (text) => {
        expect(scanned(text, DOC_NUMBER_TAIL, new Alphabet(DOC_NUMBER_CHARS))).toEqual(globalMatches(text, DOC_NUMBER_TAIL));
      }),
      { numRuns: 2000 },
    );
    // The longest tail: 号 52 characters after the bracket.
    const longest = '河政发〔    2 \t0  2\n 4    〕      第  1   2   3   4   5      号';
    expect(scanned(longest, DOC_NUMBER_TAIL, new Alphabet(DOC_NUMBER_CHARS))).toEqual([[3, longest.length]]);
  });

  it('finds the same dates in a real-looking sentence as a global scan', () => {
    const text = '山河县各乡镇于2024年6月底前、12月10日前报送；即日起至2024年12月31日开展排查，6月1日至15日集中整治。';
    for (const shape of Object.values(DEADLINE_SHAPES)) {
      expect(scanned(text, shape, alphabet)).toEqual(globalMatches(text, shape));
    }
    expect(scanned(text, DEADLINE_SHAPES.dated, alphabet).map(([s, e]) => text.slice(s, e))).toEqual([
      '2024年6月底前',
      '12月10日前',
      '2024年12月31日',
      '6月1日',
    ]);
  });

  it('drops only dated matches that extractDeadlines would drop anyway (skipTo)', () => {
    // The same shapes with a dated probe that drops nothing: every match goes to extractDeadlines.
    const probe = DEADLINE_SHAPES.dated.probe;
    const keepAll = (t: string, pos: number): number => {
      const end = probe(t, pos);
      // skipTo is its own inverse: skipTo(skipTo(e)) === e.
      return end <= -3 ? skipTo(end) : end;
    };
    const keeping = { ...DEADLINE_SHAPES, dated: { ...DEADLINE_SHAPES.dated, probe: keepAll } };
    // Dates after what opens a field, a cell, a window or a due-date label, and after plain text.
    const cues = fc.constantFrom(
      '完成时限：',
      '时限:',
      '\t',
      '\n',
      '截止日期为',
      '4—',
      '至',
      '每',
      '每年',
      '县',
      '前',
      '（',
      '）',
      '完成',
      '报送',
    );
    const text = fc.array(fc.oneof(fc.constantFrom(...PROBED), cues), { maxLength: 30 }).map((a) => a.join(''));
    const deadlines = (t: string, shapes: typeof DEADLINE_SHAPES) => {
      const positions = new CharPositions(t, new Alphabet(DEADLINE_CHARS + '日号\n\t'));
      return extractDeadlines(t, buildYearContext(t, [], 2024, positions), tableRows(t, positions), positions, shapes);
    };
    fc.assert(
      fc.property(text, (t) => {
        expect(deadlines(t, DEADLINE_SHAPES)).toEqual(deadlines(t, keeping));
      }),
      { numRuns: 3000 },
    );
    // The drop is real: plain months in a row are not recorded at all.
    expect(scanned('6月6月6月', DEADLINE_SHAPES.dated, alphabet)).toEqual([[0, 2]]);
  });

  it('reaches as far as the longest match allows (the bounds of anchors and needs)', () => {
    const w = '\u3000\u3000 \t';
    // The longest date point before a range separator: 42 characters before 至.
    const range = `县2024${w}年${w}十一十${w}月${w}份${w}三十一${w}日${w}至6月底前`;
    const holiday = `县国庆节${w}之前完成`;
    const cases = [
      [range, DEADLINE_SHAPES.range, range.length],
      [holiday, DEADLINE_SHAPES.holiday, holiday.length - 2],
    ] as const;
    for (const [text, shape, end] of cases) {
      const found = scanned(text, shape, alphabet);
      expect(found).toEqual(globalMatches(text, shape));
      expect(found).toEqual([[1, end]]);
    }
  });

  it('tries only positions an anchor can reach', () => {
    const p = anchored('[0-9]{1,2}月', [{ ch: '月', maxLead: 2 }], '0123456789');
    expect(scanned('3 12月 4月 5', p, new Alphabet('月'))).toEqual([
      [2, 5],
      [6, 8],
    ]);
  });
});

describe('CharPositions', () => {
  it('lists the offsets of each character, and of several merged in order', () => {
    const text = '山河县：责任单位:县局（牵头）、(配合)：';
    const positions = new CharPositions(text, new Alphabet('：:（('));
    expect(Array.from(positions.of('：'))).toEqual([3, 20]);
    expect(Array.from(positions.ofAny('：:'))).toEqual([3, 8, 20]);
    expect(Array.from(positions.ofAny('（('))).toEqual([11, 16]);
  });

  it('grows past its initial capacity on dense input', () => {
    const text = '月'.repeat(100_000);
    expect(new CharPositions(text, new Alphabet('月')).of('月').length).toBe(100_000);
  });

  it('refuses a character outside its alphabet, so a missing lookup is not silently empty', () => {
    expect(() => new CharPositions('月', new Alphabet('月')).of('年')).toThrow(/not in the alphabet/);
  });
});

describe('CodeSet', () => {
  it('holds exactly its characters', () => {
    const set = new CodeSet('月年\uffff\u0001');
    expect(['月', '年', '\uffff', '\u0001'].every((c) => set.has(c.charCodeAt(0)))).toBe(true);
    expect(['日', '\u0000', '\ufffe', 'a'].some((c) => set.has(c.charCodeAt(0)))).toBe(false);
    expect(set.has('月'.charCodeAt(1))).toBe(false); // NaN past the end
  });
});
