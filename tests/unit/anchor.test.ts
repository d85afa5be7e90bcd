import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchor, describeRange, type AnchorResult } from '@/lib/notes/anchor';
import type { TextQuoteSelector } from '@/lib/notes/note';

// An invented county notice, shaped like the page text model: one line per block, table rows as
// tab-separated cells. 6月底前 occurs six times; 县住房和城乡建设局 and 县财政局 twice.
const NOTICE = [
  '山河县人民政府办公室关于印发2024年山河县农村人居环境整治工作方案的通知',
  '山政办发〔2024〕12号',
  '各乡镇人民政府，县政府各部门：',
  '《2024年山河县农村人居环境整治工作方案》已经县政府同意，现印发给你们，请认真贯彻执行。',
  '一、工作目标',
  '到2024年底，全县农村卫生厕所普及率达到90%以上，生活垃圾收运处置体系覆盖所有行政村。',
  '二、重点任务',
  '（一）县财政局负责资金保障，2024年6月底前完成第一批资金拨付。',
  '（二）县教育局负责校舍周边环境整治，2024年6月底前完成验收。',
  '（三）县农业农村局牵头推进厕所革命，各乡镇配合，2024年6月底前完成摸底排查。',
  '（四）县住房和城乡建设局负责生活垃圾治理，2024年9月底前实现收运全覆盖。',
  '三、任务分解表',
  '序号\t任务\t责任单位\t完成时限',
  '1\t农户改厕摸底\t县农业农村局\t6月底前',
  '2\t垃圾收运车辆配置\t县住房和城乡建设局\t6月底前',
  '3\t村庄清洁行动\t各乡镇人民政府\t6月底前',
  '4\t资金拨付\t县财政局\t9月底前',
  '四、工作要求',
  '各乡镇、各部门要于每月5日前将上月工作进展报送县农业农村局，联系电话：0123-4567890。',
  '山河县人民政府办公室',
  '2024年3月15日',
].join('\n');

/** A paragraph the site added above 二、重点任务 on a later visit. */
const INSERTED = '（新增）为加强统筹，成立县农村人居环境整治工作领导小组，由县长任组长。\n';

function indexIn(text: string, needle: string, after = ''): number {
  const from = after ? text.indexOf(after) : 0;
  const i = text.indexOf(needle, from);
  if (from < 0 || i < 0) throw new Error(`fixture lacks ${after} … ${needle}`);
  return i;
}

/** The selectors a reader's selection of `needle` (first one at or after `after`) is stored as. */
function select(text: string, needle: string, after = '') {
  const start = indexIn(text, needle, after);
  return describeRange(text, start, start + needle.length);
}

function insertBefore(text: string, marker: string, added: string): string {
  const i = indexIn(text, marker);
  return text.slice(0, i) + added + text.slice(i);
}

function replaceOnce(text: string, from: string, to: string): string {
  indexIn(text, from);
  return text.replace(from, to);
}

const shifted = insertBefore(NOTICE, '二、重点任务', INSERTED);

/** True when offset i falls between the two halves of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && /[\uD800-\uDBFF]/.test(text[i - 1]!) && /[\uDC00-\uDFFF]/.test(text[i]!);
}

describe('describeRange', () => {
  it('keeps the exact text and 32 units of context on each side, tabs and line breaks included', () => {
    const start = indexIn(NOTICE, '县住房和城乡建设局', '2\t');
    const { quote, position } = describeRange(NOTICE, start, start + 9);
    expect(position).toEqual({ type: 'TextPositionSelector', start, end: start + 9 });
    expect(quote.exact).toBe('县住房和城乡建设局');
    expect(quote.prefix).toBe(NOTICE.slice(start - 32, start));
    expect(quote.prefix!.endsWith('6月底前\n2\t垃圾收运车辆配置\t')).toBe(true);
    expect(quote.suffix).toBe(NOTICE.slice(start + 9, start + 41));
    expect(quote.suffix!.startsWith('\t6月底前\n3\t')).toBe(true);
  });

  it('shortens the context at the ends of the text and honours the context option', () => {
    const { quote } = describeRange(NOTICE, 0, 3);
    expect(quote.prefix).toBeUndefined();
    expect(quote.suffix).toBe(NOTICE.slice(3, 35));
    const end = describeRange(NOTICE, NOTICE.length - 3, NOTICE.length, { context: 5 }).quote;
    expect(end.prefix).toBe(NOTICE.slice(NOTICE.length - 8, NOTICE.length - 3));
    expect(end.suffix).toBeUndefined();
  });

  it('never cuts a surrogate pair (𠀀 is two UTF-16 units) at the edge of the context', () => {
    const text = '𠀀'.repeat(20) + '山河县' + '𠀀'.repeat(20);
    // 32 units before 河 (offset 41) would start at 9, inside a 𠀀; 32 after it would end inside one.
    const odd = describeRange(text, 41, 42, { context: 32 }).quote;
    expect(odd.exact).toBe('河');
    expect(odd.prefix).toBe('𠀀'.repeat(15) + '山'); // 31 units, not a lone low surrogate + 15 pairs
    expect(odd.suffix).toBe('县' + '𠀀'.repeat(15)); // 31 units
    const all = describeRange(text, 40, 43, { context: 32 }).quote;
    expect(all.prefix).toBe('𠀀'.repeat(16));
    expect(all.suffix).toBe('𠀀'.repeat(16));
  });

  it('rejects a range outside the text with a message that says what to do', () => {
    expect(() => describeRange('山河县', 2, 5)).toThrow(/批注范围无效.*请重新选择/);
    expect(() => describeRange('山河县', 2, 1)).toThrow(RangeError);
  });
});

describe('anchor: the page has not changed', () => {
  it('places a selection in a table cell by its stored position', () => {
    const { quote, position } = select(NOTICE, '县住房和城乡建设局', '2\t'); // also in （四）
    expect(anchor(NOTICE, quote, position)).toEqual({ start: position.start, end: position.end, method: 'position', score: 1 });
  });

  it('places a selection across lines by its stored position', () => {
    const { quote, position } = select(NOTICE, '2024年6月底前完成验收。\n（三）县农业农村局');
    expect(quote.exact).toContain('\n');
    const r = anchor(NOTICE, quote, position)!;
    expect([r.start, r.end, r.method]).toEqual([position.start, position.end, 'position']);
  });

  it('finds the passage without a stored position, by its context among identical copies', () => {
    const { quote, position } = select(NOTICE, '6月底前', '3\t村庄');
    const r = anchor(NOTICE, quote)!;
    expect([r.start, r.end, r.method]).toEqual([position.start, position.end, 'quote']);
  });
});

describe('anchor: the page changed', () => {
  it('after a paragraph is inserted above, finds the quote at its new offset', () => {
    const { quote, position } = select(NOTICE, '县教育局负责校舍周边环境整治');
    const r = anchor(shifted, quote, position)!;
    expect(r.method).toBe('quote');
    expect(r.start).toBe(position.start + INSERTED.length);
    expect(shifted.slice(r.start, r.end)).toBe('县教育局负责校舍周边环境整治');
  });

  it('picks, among repeated identical quotes, the one whose prefix and suffix match', () => {
    for (const row of ['1\t农户', '2\t垃圾', '3\t村庄']) {
      const { quote, position } = select(NOTICE, '6月底前', row);
      const r = anchor(shifted, quote, position)!;
      expect(r.method).toBe('quote');
      expect(r.start).toBe(position.start + INSERTED.length);
    }
    // The table's 县财政局, not the one in （一） above it.
    const { quote, position } = select(NOTICE, '县财政局', '4\t');
    expect(anchor(shifted, quote, position)!.start).toBe(position.start + INSERTED.length);
  });

  it('does not trust the stored offsets when another copy of the quote moved into them', () => {
    // Text above the table shrinks by exactly the distance between rows 2 and 3, so row 3's
    // 6月底前 now sits at the offsets stored for row 2's: the note stays with row 2.
    const { quote, position } = select(NOTICE, '6月底前', '2\t垃圾');
    const gap = indexIn(NOTICE, '6月底前', '3\t村庄') - position.start;
    const cut = indexIn(NOTICE, '到2024年底');
    const shrunk = NOTICE.slice(0, cut) + NOTICE.slice(cut + gap);
    expect(shrunk.slice(position.start, position.end)).toBe('6月底前');
    const r = anchor(shrunk, quote, position)!;
    expect([r.method, r.start]).toEqual(['quote', position.start - gap]);
  });

  it('after one character of a short quote is edited (6月底前 → 7月底前), anchors fuzzily to that passage', () => {
    const { quote, position } = select(NOTICE, '6月底前', '（二）');
    const edited = replaceOnce(shifted, '环境整治，2024年6月底前', '环境整治，2024年7月底前');
    const r = anchor(edited, quote, position)!;
    expect(r.method).toBe('fuzzy');
    expect(r.start).toBe(indexIn(edited, '7月底前'));
    expect(edited.slice(r.start, r.end)).toBe('7月底前');
    expect(r.score).toBeGreaterThan(0.75);
    expect(r.score).toBeLessThan(1);
  });

  it('follows an edited 6月底前 in a table cell, not an unedited copy in the next row', () => {
    const { quote, position } = select(NOTICE, '6月底前', '3\t村庄');
    const edited = replaceOnce(shifted, '各乡镇人民政府\t6月底前', '各乡镇人民政府\t7月底前');
    const r = anchor(edited, quote, position)!;
    expect([r.method, edited.slice(r.start, r.end)]).toEqual(['fuzzy', '7月底前']);
    expect(r.start).toBe(indexIn(edited, '7月底前', '3\t村庄'));
  });

  it('follows an edited 6月底前 whose sentence was reworded around it too', () => {
    const { quote, position } = select(NOTICE, '6月底前', '（二）');
    const edited = replaceOnce(
      NOTICE,
      '（二）县教育局负责校舍周边环境整治，2024年6月底前完成验收。',
      '（二）县教育局负责校舍及周边环境整治工作，于2024年7月底前完成验收。',
    );
    const r = anchor(edited, quote, position)!;
    expect([r.method, r.start, edited.slice(r.start, r.end)]).toEqual(['fuzzy', indexIn(edited, '7月底前'), '7月底前']);
  });

  it('finds an edited passage that moved far (a long section was added above it)', () => {
    // 30 000 units of new text: beyond the near search around the stored offsets.
    const section = Array.from(
      { length: 800 },
      (_, i) => `（附${i + 1}）新增事项第${i + 1}条，请${i % 2 ? '各乡镇' : '县直各部门'}对照落实。`,
    ).join('\n');
    expect(section.length).toBeGreaterThan(20_000);
    const page = insertBefore(NOTICE, '二、重点任务', section + '\n');
    for (const [needle, after, from, to] of [
      ['6月底前', '（二）', '环境整治，2024年6月底前', '环境整治，2024年7月底前'],
      ['县教育局负责校舍周边环境整治', '（二）', '负责校舍周边', '负责校园周边'],
    ] as const) {
      const { quote, position } = select(NOTICE, needle, after);
      const edited = replaceOnce(page, from, to);
      const r = anchor(edited, quote, position)!;
      expect(r.method).toBe('fuzzy');
      expect(r.start).toBe(indexIn(edited, needle === '6月底前' ? '7月底前' : '县教育局负责校园', '（二）县教育局'));
    }
  });

  it('after a 文号 digit changes, anchors fuzzily to the corrected 文号', () => {
    const { quote, position } = select(NOTICE, '山政办发〔2024〕12号');
    const edited = replaceOnce(NOTICE, '山政办发〔2024〕12号', '山政办发〔2024〕13号');
    const r = anchor(edited, quote, position)!;
    expect([r.method, r.start, edited.slice(r.start, r.end)]).toEqual(['fuzzy', position.start, '山政办发〔2024〕13号']);
  });

  it('with the quote’s sentence deleted, returns null instead of another 6月底前', () => {
    const sentence = '（二）县教育局负责校舍周边环境整治，2024年6月底前完成验收。\n';
    for (const needle of ['6月底前', '2024年6月底前完成验收', '县教育局负责校舍周边环境整治', sentence.trim()]) {
      const { quote, position } = select(NOTICE, needle, '（二）');
      expect(anchor(replaceOnce(NOTICE, sentence, ''), quote, position), needle).toBeNull();
      expect(anchor(replaceOnce(shifted, sentence, ''), quote, position), needle).toBeNull();
    }
  });

  it('with a table row deleted, returns null instead of the 6月底前 of the row above or below', () => {
    for (const row of ['1\t农户改厕摸底\t县农业农村局\t6月底前\n', '3\t村庄清洁行动\t各乡镇人民政府\t6月底前\n']) {
      const { quote, position } = select(NOTICE, '6月底前', row);
      expect(anchor(replaceOnce(NOTICE, row, ''), quote, position), row).toBeNull();
    }
  });

  it('with a clause deleted, does not move its note to a sibling clause that differs in unit and date', () => {
    const clause = '县交通运输局负责农村公路养护，2024年6月底前完成验收；';
    const page = replaceOnce(
      NOTICE,
      '四、工作要求\n',
      `四、工作要求\n${clause}县农业农村局负责农村公路养护，2024年8月底前完成验收；各乡镇做好配合。\n`,
    );
    const { quote, position } = select(page, clause);
    expect(anchor(page, quote, position)?.method).toBe('position');
    expect(anchor(replaceOnce(page, clause, ''), quote, position)).toBeNull();
  });

  it('does not anchor a short quote to the same words in unrelated text', () => {
    const quote: TextQuoteSelector = {
      type: 'TextQuoteSelector',
      exact: '6月底前',
      prefix: '青石镇人民政府关于开展森林防火专项检查的通知，',
      suffix: '各村要完成防火隔离带清理并上报',
    };
    expect(anchor(NOTICE, quote)).toBeNull();
    expect(anchor(NOTICE, quote, { type: 'TextPositionSelector', start: 0, end: 4 })).toBeNull();
  });

  it('keeps a long quote whose surroundings were rewritten (the quote alone is evidence enough)', () => {
    const sentence = '到2024年底，全县农村卫生厕所普及率达到90%以上，生活垃圾收运处置体系覆盖所有行政村。';
    const { quote, position } = select(NOTICE, sentence);
    const rewritten = replaceOnce(NOTICE, '一、工作目标\n', '一、总体要求\n坚持因地制宜、分类施策，稳步推进。\n（一）主要目标：').replace(
      sentence + '\n二、重点任务',
      sentence + '\n（二）进度安排：分三个阶段实施',
    );
    const r = anchor(rewritten, quote, position)!;
    expect(r.method).toBe('quote');
    expect(rewritten.slice(r.start, r.end)).toBe(sentence);
  });

  it('finds a long quote whose first sentence was rewritten (searched by its tail) at the edited passage', () => {
    const long = NOTICE.slice(indexIn(NOTICE, '（一）'), indexIn(NOTICE, '三、任务分解表'));
    expect(long.length).toBeGreaterThan(128);
    const { quote, position } = select(NOTICE, long);
    const edited = replaceOnce(
      NOTICE,
      '（一）县财政局负责资金保障，2024年6月底前完成第一批资金拨付。',
      '（一）由县财政局统筹做好各类专项资金的保障工作，须于2024年5月底前全部完成首批资金的拨付任务。',
    );
    const r = anchor(edited, quote, position)!;
    expect(r.method).toBe('fuzzy');
    expect(r.start).toBe(indexIn(edited, '（一）'));
    expect(r.end).toBe(indexIn(edited, '三、任务分解表'));
  });

  it('finds a very long quote (several thousand characters) after a few edits', () => {
    const units = ['县财政局', '县教育局', '县农业农村局', '县住房和城乡建设局', '县卫生健康局', '各乡镇人民政府'];
    const lines = Array.from(
      { length: 120 },
      (_, i) => `${i + 1}．${units[i % units.length]}负责第${i + 1}项任务，${(i % 12) + 1}月底前完成，经费${(i * 37) % 500}万元。`,
    );
    const body = lines.join('\n');
    const page = `${NOTICE}\n附件\n${body}\n山河县人民政府办公室 2024年3月15日印发`;
    const { quote, position } = select(page, body);
    expect(quote.exact.length).toBeGreaterThan(2048);
    const edited = insertBefore(page, '二、重点任务', INSERTED)
      .replace('负责第3项任务', '负责第三项任务')
      .replace('负责第60项任务', '牵头负责第60项任务')
      .replace('经费185万元', '经费158万元');
    const r = anchor(edited, quote, position)!;
    expect(r.method).toBe('fuzzy');
    expect(edited.slice(r.start, r.end).startsWith('1．县财政局负责第1项任务')).toBe(true);
    expect(edited.slice(r.start, r.end).endsWith(lines[119]!)).toBe(true);
  });

  it('honours maxErrors: with 0 a near match is not accepted', () => {
    const { quote, position } = select(NOTICE, '6月底前', '（二）');
    const edited = replaceOnce(shifted, '环境整治，2024年6月底前', '环境整治，2024年7月底前');
    expect(anchor(edited, quote, position, { maxErrors: 0 })).toBeNull();
  });

  it('ignores a stored position outside the text and still finds the quote', () => {
    const { quote } = select(NOTICE, '县教育局负责校舍周边环境整治');
    const r = anchor(shifted, quote, { type: 'TextPositionSelector', start: 99_999, end: 100_013 })!;
    expect(shifted.slice(r.start, r.end)).toBe(quote.exact);
  });
});

describe('anchor: surrogate pairs, line breaks, blanks', () => {
  // 𠀀 (U+20000) is written as two UTF-16 units, as in village names typed with extension-B characters.
  const VILLAGE = NOTICE.replace('3\t村庄清洁行动\t各乡镇人民政府', '3\t𠀀家村村庄清洁行动\t𠀀家村村民委员会');

  it('round-trips a quote that contains 𠀀 and a line break, and finds it after an insertion', () => {
    const { quote, position } = select(VILLAGE, '𠀀家村村民委员会\t6月底前\n4\t资金拨付');
    expect(anchor(VILLAGE, quote, position)).toMatchObject({ start: position.start, method: 'position' });
    const moved = insertBefore(VILLAGE, '二、重点任务', INSERTED);
    expect(anchor(moved, quote, position)).toMatchObject({ start: position.start + INSERTED.length, method: 'quote' });
  });

  it('anchors an edited quote next to 𠀀 without cutting the pair', () => {
    const { quote, position } = select(VILLAGE, '𠀀家村村民委员会');
    const edited = VILLAGE.replace('𠀀家村村民委员会', '𠀁家村村民委员会'); // U+20001: only the low unit differs
    const r = anchor(edited, quote, position)!;
    expect(r.method).toBe('fuzzy');
    expect(edited.slice(r.start, r.end)).toBe('𠀁家村村民委员会');
  });

  it('widens a near match that would end inside a surrogate pair to the whole character', () => {
    // 王 became 𠀀 (two units): the closest match of the quote ends after 𠀀's first half.
    const page = replaceOnce(NOTICE, '（二）县教育局负责', '（二）县教育局会同王家村负责');
    const { quote, position } = select(page, '县教育局会同王');
    const edited = replaceOnce(page, '会同王家村', '会同𠀀家村');
    const r = anchor(edited, quote, position)!;
    expect(r.method).toBe('fuzzy');
    expect(edited.slice(r.start, r.end)).toBe('县教育局会同𠀀');
  });

  it('returns null for an empty or blank quote', () => {
    for (const exact of ['', ' ', '\n\t', '\u3000\u3000']) {
      expect(anchor(NOTICE, { type: 'TextQuoteSelector', exact }), JSON.stringify(exact)).toBeNull();
      expect(
        anchor(NOTICE, { type: 'TextQuoteSelector', exact }, { type: 'TextPositionSelector', start: 0, end: exact.length }),
      ).toBeNull();
    }
  });
});

// Random texts made of pieces that repeat (so quotes have identical copies), with CJK, 𠀀, tabs
// and line breaks, plus arbitrary strings.
const PIECES = [
  '6月底前',
  '县财政局',
  '县教育局',
  '负责',
  '完成',
  '，',
  '。',
  '\n',
  '\t',
  ' ',
  '𠀀',
  '𠀁',
  '山河县',
  '2024年',
  '〔',
  '〕',
  '号',
  'a',
  '1',
];
const pieceText = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 80 }).map((a) => a.join(''));
const anyText = fc.oneof(
  pieceText,
  fc.string({ minLength: 1, maxLength: 200 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
);
const textAndRange = anyText.chain((text) =>
  fc.tuple(fc.constant(text), fc.nat(text.length), fc.nat(text.length), fc.option(fc.nat(40), { nil: undefined })),
);

describe('anchor: properties', () => {
  it('describeRange then anchor on the unchanged text returns exactly the same range', () => {
    fc.assert(
      fc.property(textAndRange, ([text, a, b, context]) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const { quote, position } = describeRange(text, start, end, context === undefined ? {} : { context });
        const r = anchor(text, quote, position);
        if (text.slice(start, end).trim() === '') {
          expect(r).toBeNull();
        } else {
          expect(r).toEqual({ start, end, method: 'position', score: 1 } satisfies AnchorResult);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('without the position, finds a copy of the quote whose context matches', () => {
    fc.assert(
      fc.property(textAndRange, ([text, a, b]) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        fc.pre(text.slice(start, end).trim() !== '');
        const { quote } = describeRange(text, start, end);
        const r = anchor(text, quote)!;
        expect(r).not.toBeNull();
        expect(text.slice(r.start, r.end)).toBe(quote.exact);
        expect(text.slice(Math.max(0, r.start - (quote.prefix ?? '').length), r.start)).toBe(quote.prefix ?? '');
      }),
      { numRuns: 300 },
    );
  });

  it('after a random one-unit edit, a result is in bounds and never splits a surrogate pair', () => {
    const edit = fc.tuple(pieceText, fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('', '𠀀', '7', '县', '\uDC00'));
    fc.assert(
      fc.property(edit, ([text, a, b, at, put]) => {
        const start = a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        const { quote, position } = describeRange(text, start, end);
        const i = at % (text.length + 1);
        const changed = text.slice(0, i) + put + text.slice(i + 1);
        const r: AnchorResult | null = anchor(changed, quote, position);
        if (!r) return;
        expect(0 <= r.start && r.start <= r.end && r.end <= changed.length).toBe(true);
        expect(r.score).toBeGreaterThanOrEqual(0.5);
        expect(r.score).toBeLessThanOrEqual(1);
        if (r.method !== 'fuzzy') expect(changed.slice(r.start, r.end)).toBe(quote.exact);
        else {
          expect(splitsPair(changed, r.start)).toBe(false);
          expect(splitsPair(changed, r.end)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('anchor: a unique short quote whose far context changed', () => {
  const before = '各乡镇要在6月底前完成排查，县应急局负责督促。\n任务\t责任单位\n清理河道障碍\t县水利局\n储备物资\t县应急局';
  const at = before.indexOf('6月底前完成排查');
  const { quote, position } = describeRange(before, at, at + 8);

  it('still anchors when the rows after it were removed (its near side agrees verbatim)', () => {
    const after = `（补充通知）\n${before.slice(0, before.indexOf('\n清理'))}`;
    const hit = anchor(after, quote, position)!;
    expect(after.slice(hit.start, hit.end)).toBe('6月底前完成排查');
    expect(hit.method).toBe('quote');
  });

  it('does not when neither side agrees next to it (unrelated text that happens to hold the words)', () => {
    const other = '会议要求：6月底前完成排查任务的乡镇名单另行通知。';
    expect(anchor(other, quote, position)).toBeNull();
  });
});
