import { describe, expect, it } from 'vitest';
import { extract } from '../../lib/index';
import type { DocNumberEntity, Entity } from '../../lib/entity';

/** Document numbers found in `text`, each checked to be a faithful slice of it. */
function docs(text: string): DocNumberEntity[] {
  const out = extract(text).filter((e: Entity): e is DocNumberEntity => e.kind === 'docNumber');
  for (const e of out) expect(text.slice(e.start, e.end)).toBe(e.text);
  return out;
}

/** The single document number in `text`, with its span expected to be exactly `span`. */
function one(text: string, span: string): DocNumberEntity {
  const found = docs(text);
  expect(found.map((e) => e.text)).toEqual([span]);
  const e = found[0]!;
  expect(e.start).toBe(text.indexOf(span));
  expect(e.end).toBe(text.indexOf(span) + span.length);
  return e;
}

const fields = (e: DocNumberEntity) => ({ issuer: e.issuer, year: e.year, seq: e.seq, normalized: e.normalized });

describe('docNumber: the plain form', () => {
  it('finds a header number under a title and gives issuer, year, seq and normalized', () => {
    const text = '山河县人民政府文件\n\n河政发〔2024〕12号\n\n关于做好2024年防汛工作的通知\n';
    expect(fields(one(text, '河政发〔2024〕12号'))).toEqual({ issuer: '河政发', year: 2024, seq: 12, normalized: '河政发〔2024〕12号' });
  });

  it('finds a citation inside a sentence bounded by 《》 and a comma', () => {
    const text = '根据《清泉县农田灌溉管理办法》（泉政办发〔2022〕45号），现将有关事项通知如下：';
    expect(fields(one(text, '泉政办发〔2022〕45号'))).toEqual({
      issuer: '泉政办发',
      year: 2022,
      seq: 45,
      normalized: '泉政办发〔2022〕45号',
    });
  });

  it('finds two numbers in one sentence, each with its own issuer', () => {
    const text = '按照云政发〔2023〕8号、云政办函〔2023〕113号文件要求。';
    expect(docs(text).map(fields)).toEqual([
      { issuer: '云政发', year: 2023, seq: 8, normalized: '云政发〔2023〕8号' },
      { issuer: '云政办函', year: 2023, seq: 113, normalized: '云政办函〔2023〕113号' },
    ]);
  });
});

describe('docNumber: issuer boundary', () => {
  it('二是将国办发〔2023〕27号 → 国办发 (lead-in words are not part of the issuer)', () => {
    const text = '二是将国办发〔2023〕27号、晋政办发〔2023〕79号文件列为学习内容。';
    const found = docs(text);
    expect(found.map((e) => [e.text, e.issuer, e.normalized])).toEqual([
      ['国办发〔2023〕27号', '国办发', '国办发〔2023〕27号'],
      ['晋政办发〔2023〕79号', '晋政办发', '晋政办发〔2023〕79号'],
    ]);
    expect(found[0]!.start).toBe(text.indexOf('国办发'));
  });

  it('二是将国办发… with an invented issuer of the same shape: 三是将河政办发 → 河政办发', () => {
    const text = '三是将河政办发〔2024〕6号文件精神传达到村。';
    expect(one(text, '河政办发〔2024〕6号').issuer).toBe('河政办发');
  });

  it('接兴组干字〔2024〕7号 → 兴组干字', () => {
    const text = '接兴组干字〔2024〕7号文件通知，经研究决定：';
    expect(fields(one(text, '兴组干字〔2024〕7号'))).toEqual({ issuer: '兴组干字', year: 2024, seq: 7, normalized: '兴组干字〔2024〕7号' });
  });

  it('接泉组干字〔2024〕9号 → 泉组干字 (invented issuer, same shape)', () => {
    const text = '清泉县人民政府\n接泉组干字〔2024〕9号文件通知，经县政府研究，决定任命：\n';
    expect(fields(one(text, '泉组干字〔2024〕9号'))).toEqual({ issuer: '泉组干字', year: 2024, seq: 9, normalized: '泉组干字〔2024〕9号' });
  });

  it('接云组干字〔2023〕17号、岭组干字〔2023〕5号 → two clean issuers', () => {
    const text = '接云组干字〔2023〕17号、岭组干字〔2023〕5号文件通知';
    expect(docs(text).map((e) => [e.text, e.issuer])).toEqual([
      ['云组干字〔2023〕17号', '云组干字'],
      ['岭组干字〔2023〕5号', '岭组干字'],
    ]);
  });

  it('（忻政办发〔2023〕1号） → 忻政办发, the enclosing brackets outside the span', () => {
    const text = '转发《关于加强防火工作的通知》（忻政办发〔2023〕1号）。';
    expect(fields(one(text, '忻政办发〔2023〕1号'))).toEqual({ issuer: '忻政办发', year: 2023, seq: 1, normalized: '忻政办发〔2023〕1号' });
  });

  it('（泉政办发〔2024〕3号） inside full-width brackets → 泉政办发', () => {
    const text = '《清泉县秸秆禁烧工作方案》（泉政办发〔2024〕3号）';
    expect(one(text, '泉政办发〔2024〕3号').issuer).toBe('泉政办发');
  });

  it('根据河煤重组办发〔2009〕16号 → 河煤重组办发 (nothing separates it from 根据)', () => {
    const text = '根据河煤重组办发〔2009〕16号文件精神，';
    expect(one(text, '河煤重组办发〔2009〕16号').issuer).toBe('河煤重组办发');
  });

  it.each([
    ['全爱卫办发〔2021〕6号', '全爱卫办发'],
    ['晋发改商品发〔2022〕317号', '晋发改商品发'],
    ['矿安〔2023〕32号', '矿安'],
    ['晋卫办健宣函〔2023〕14号', '晋卫办健宣函'],
    ['山脱贫攻坚组〔2018〕22号', '山脱贫攻坚组'],
    ['吕政办发电〔2024〕1号', '吕政办发电'],
  ])('keeps the whole issuer of %s', (num, issuer) => {
    const text = `按照《有关工作的通知》（${num}）要求，`;
    const e = one(text, num);
    expect(e.issuer).toBe(issuer);
    expect(e.normalized).toBe(num);
  });

  it('two-character issuers bounded by （: 国发, 建村', () => {
    const text = '（国发〔2021〕7号）和（建村〔2022〕11号）';
    expect(docs(text).map((e) => [e.text, e.issuer])).toEqual([
      ['国发〔2021〕7号', '国发'],
      ['建村〔2022〕11号', '建村'],
    ]);
  });

  it('uses issuers the document itself prints cleanly (header) to cut a glued citation', () => {
    // 岭政函 is printed alone in the header, so 要求岭政函… cuts at 岭.
    const text = '岭政函〔2024〕20号\n\n关于调整工作的函\n\n前期下发的要求岭政函〔2024〕3号已废止。\n';
    const found = docs(text);
    expect(found.map((e) => [e.text, e.issuer])).toEqual([
      ['岭政函〔2024〕20号', '岭政函'],
      ['岭政函〔2024〕3号', '岭政函'],
    ]);
  });
});

describe('docNumber: bracket forms are folded into 〔〕 in normalized', () => {
  it.each([
    ['河政发〔2023〕15号'],
    ['河政发[2023]15号'],
    ['河政发［2023］15号'],
    ['河政发(2023)15号'],
    ['河政发（2023）15号'],
    ['河政发【2023】15号'],
  ])('%s', (num) => {
    const text = `清泉县人民政府转发 ${num} 文件。`;
    expect(fields(one(text, num))).toEqual({ issuer: '河政发', year: 2023, seq: 15, normalized: '河政发〔2023〕15号' });
  });

  it('a space between issuer and bracket (a table cell 泉财农 [2022]124号)', () => {
    const text = '序号\t项目名称\t上级文号\n1\t高标准农田\t泉财农 [2022]124号\n';
    expect(fields(one(text, '泉财农 [2022]124号'))).toEqual({ issuer: '泉财农', year: 2022, seq: 124, normalized: '泉财农〔2022〕124号' });
  });

  it('ASCII parentheses with a space before them: 云财预 (2023)1号', () => {
    const text = '2\t资金\t云财预 (2023)1号\n';
    expect(one(text, '云财预 (2023)1号').normalized).toBe('云财预〔2023〕1号');
  });
});

describe('docNumber: spaces and line breaks inside', () => {
  it('山政发〔2023〕15 号 (space before 号)', () => {
    const text = '山政发〔2023〕15 号\n';
    expect(fields(one(text, '山政发〔2023〕15 号'))).toEqual({ issuer: '山政发', year: 2023, seq: 15, normalized: '山政发〔2023〕15号' });
  });

  it('spaces inside the bracket: 河政发〔 2024 〕8号', () => {
    const text = '见河政发〔 2024 〕8号。';
    expect(one(text, '河政发〔 2024 〕8号').normalized).toBe('河政发〔2024〕8号');
  });

  it('an optional 第: 泉政发〔2024〕第5号', () => {
    const text = '（泉政发〔2024〕第5号）';
    expect(fields(one(text, '泉政发〔2024〕第5号'))).toEqual({ issuer: '泉政发', year: 2024, seq: 5, normalized: '泉政发〔2024〕5号' });
  });

  it('a line break inside the issuer: 运\\n政办发〔2021〕30 号 → 运政办发', () => {
    const text = '按照《运城市农业发展规划》（运\n政办发〔2021〕30 号）要求';
    expect(fields(one(text, '运\n政办发〔2021〕30 号'))).toEqual({
      issuer: '运政办发',
      year: 2021,
      seq: 30,
      normalized: '运政办发〔2021〕30号',
    });
  });

  it('a line break inside an invented issuer: 清\\n政办发〔2022〕7号 → 清政办发', () => {
    const text = '根据县政府要求（清\n政办发〔2022〕7号），';
    expect(one(text, '清\n政办发〔2022〕7号').issuer).toBe('清政办发');
  });

  it('a line break after the bracket: 中政发〔2024〕\\n3 号', () => {
    const text = '印发（中政发〔2024〕\n3 号）的通知';
    expect(fields(one(text, '中政发〔2024〕\n3 号'))).toEqual({ issuer: '中政发', year: 2024, seq: 3, normalized: '中政发〔2024〕3号' });
  });

  it('blank lines between the sequence and 号: 河农经发〔2023〕7\\n\\n号', () => {
    const text = '河农经发〔2023〕7\n\n号\n';
    expect(one(text, '河农经发〔2023〕7\n\n号').normalized).toBe('河农经发〔2023〕7号');
  });

  it('blank lines and a space between bracket and sequence: 山组通字〔2022〕\\n 43 号', () => {
    const text = '（山组通字〔2022〕\n 43 号）';
    expect(one(text, '山组通字〔2022〕\n 43 号').normalized).toBe('山组通字〔2022〕43号');
  });
});

describe('docNumber: things that are not document numbers', () => {
  it.each([
    ['a parcel id', '出让地块编号为B2022-01号，面积3.2亩。'],
    ['a street number', '办公地点：清泉县新华路227 号。'],
    ['a gazette issue', '《山河县人民政府公报》2024年第12期'],
    ['an order number 公安部令第61号', '依据《机动车登记规定》（公安部令第61号）'],
    ['an order number 国务院令第394号', '《劳动保障监察条例》（国务院令第394号）'],
    ['a plan period (2023-2025)', '山河县高标准农田建设规划(2023-2025)已印发。'],
    ['a plan period （2023—2025年）', '《清泉县乡村振兴规划（2023—2025年）》'],
    ['a telephone area code （0358）', '咨询电话：（0358）6325063'],
    ['a standard number', '按照（DB14/T2352-2021）执行。'],
    ['a building number', '云岭县滨河小区37 号楼'],
    ['a crop variety', '推广种植晋豆15号、大丰26号。'],
    ['a project year', '乡村振兴致富带头人培训项目(2023)12人次'],
    ['words containing 号', '序号\t上级文号\t型号\t账号\n'],
  ])('%s', (_label, text) => {
    expect(docs(text)).toEqual([]);
  });
});
