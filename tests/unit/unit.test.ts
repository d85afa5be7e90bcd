import { describe, expect, it } from 'vitest';
import { extract } from '../../lib/index';
import type { Entity, UnitEntity } from '../../lib/entity';

function units(text: string): UnitEntity[] {
  const out = extract(text).filter((e: Entity): e is UnitEntity => e.kind === 'unit');
  for (const e of out) expect(text.slice(e.start, e.end)).toBe(e.text);
  return out;
}

/** [text, name, role] of every unit, in order. */
const summary = (text: string) => units(text).map((u) => [u.text, u.name, u.role]);

/** Asserts each unit's span starts where its text first occurs at or after the previous unit. */
function expectSpansInOrder(text: string) {
  let from = 0;
  for (const u of units(text)) {
    expect(u.start).toBe(text.indexOf(u.text, from));
    from = u.end;
  }
}

describe('unit: label fields', () => {
  it('a field label inside the bracket ends the list, also letter-spaced (完 成 时 限：)', () => {
    expect(summary('一、开展隐患排查。（责任单位：县教科局、县卫体局 完成时限：2024年6月底前）')).toEqual([
      ['县教科局', '县教科局', 'responsible'],
      ['县卫体局', '县卫体局', 'responsible'],
    ]);
    expect(summary('三、整治。（牵头单位：县 应急局 完 成 时 限：6月底前）')).toEqual([['县 应急局', '县应急局', 'lead']]);
  });
  it('责任单位：县应急局、县发改局 → 2 responsible', () => {
    const text = '3.开展燃气安全隐患排查。\n责任单位：县应急局、县发改局\n';
    expect(summary(text)).toEqual([
      ['县应急局', '县应急局', 'responsible'],
      ['县发改局', '县发改局', 'responsible'],
    ]);
    expectSpansInOrder(text);
    expect(units(text)[0]!.start).toBe(text.indexOf('县应急局'));
  });

  it('牵头单位： → lead and 配合单位： → support', () => {
    const text = '牵头单位：县农业农村局\n配合单位：县财政局、县自然资源局\n';
    expect(summary(text)).toEqual([
      ['县农业农村局', '县农业农村局', 'lead'],
      ['县财政局', '县财政局', 'support'],
      ['县自然资源局', '县自然资源局', 'support'],
    ]);
  });

  it('half-width colon and 责任部门: label', () => {
    const text = '责任部门:县市场监管局、县卫体局\n';
    expect(summary(text)).toEqual([
      ['县市场监管局', '县市场监管局', 'responsible'],
      ['县卫体局', '县卫体局', 'responsible'],
    ]);
  });

  it('牵头单位 then 完成时限 on the same line: the value stops at the next label', () => {
    const text = '牵头单位：县住建局 完成时限：6月底前\n';
    expect(summary(text)).toEqual([['县住建局', '县住建局', 'lead']]);
  });

  it('（责任单位：…） inside brackets at the end of a task', () => {
    const text = '全面推行清泉县中小学营养餐计划。（责任单位：县教科局、县财政局、县市场监管局）\n';
    expect(summary(text)).toEqual([
      ['县教科局', '县教科局', 'responsible'],
      ['县财政局', '县财政局', 'responsible'],
      ['县市场监管局', '县市场监管局', 'responsible'],
    ]);
  });

  it('a line break inside a unit: 马营庄\\n乡 → name 马营庄乡', () => {
    const text = '牵头单位：城关镇、马营庄\n乡\n';
    const found = units(text);
    expect(found.map((u) => [u.text, u.name, u.role])).toEqual([
      ['城关镇', '城关镇', 'lead'],
      ['马营庄\n乡', '马营庄乡', 'lead'],
    ]);
  });

  it('a line break inside an invented unit: 清水河\\n\\n乡 → 清水河乡', () => {
    const text = '责任单位：山河镇、清水河\n\n乡\n';
    expect(summary(text)).toEqual([
      ['山河镇', '山河镇', 'responsible'],
      ['清水河\n\n乡', '清水河乡', 'responsible'],
    ]);
  });
});

describe('unit: brackets closing a task sentence', () => {
  it('（县应急局、县发改局负责） → 2 responsible; 负责 outside the span', () => {
    const text = '加强汛期值班值守，严格落实领导带班制度（县应急局、县发改局负责）。';
    expect(summary(text)).toEqual([
      ['县应急局', '县应急局', 'responsible'],
      ['县发改局', '县发改局', 'responsible'],
    ]);
    const last = units(text)[1]!;
    expect(text.slice(last.end, last.end + 2)).toBe('负责');
  });

  it('（县委办、县政府办、县安委办；各乡镇、各行业领域主管部门） → departments before ； lead, the township group after it responsible', () => {
    // Conventions: the whole first group leads when it is the departments and the group after ； is
    // the townships (here 各乡镇 with the sector supervisors that act alongside them).
    const text = '层层压实安全生产责任。（县委办、县政府办、县安委办；各乡镇、各行业领域主管部门）\n';
    expect(summary(text)).toEqual([
      ['县委办', '县委办', 'lead'],
      ['县政府办', '县政府办', 'lead'],
      ['县安委办', '县安委办', 'lead'],
      ['各乡镇', '各乡镇', 'responsible'],
      ['各行业领域主管部门', '各行业领域主管部门', 'responsible'],
    ]);
    expectSpansInOrder(text);
  });

  it('two department groups split by ； (no township group) → all responsible', () => {
    const text = '严厉打击非法营运。（县交通局、县公安局；县市场监管局）\n';
    expect(summary(text)).toEqual([
      ['县交通局', '县交通局', 'responsible'],
      ['县公安局', '县公安局', 'responsible'],
      ['县市场监管局', '县市场监管局', 'responsible'],
    ]);
  });

  it('(县安委办，县安委会成员单位；各乡镇党委政府) → departments before ； lead, townships responsible', () => {
    const text = '建立隐患排查台账。(县安委办，县安委会成员单位；各乡镇党委政府)\n';
    expect(summary(text)).toEqual([
      ['县安委办', '县安委办', 'lead'],
      ['县安委会成员单位', '县安委会成员单位', 'lead'],
      ['各乡镇党委政府', '各乡镇党委政府', 'responsible'],
    ]);
  });

  it('（县应急局、县自然资源局和县直有关部门；各乡镇人民政府） → 3 lead + 1 responsible (和 splits)', () => {
    const text = '开展地质灾害隐患排查。（县应急局、县自然资源局和县直有关部门；各乡镇人民政府）\n';
    expect(summary(text)).toEqual([
      ['县应急局', '县应急局', 'lead'],
      ['县自然资源局', '县自然资源局', 'lead'],
      ['县直有关部门', '县直有关部门', 'lead'],
      ['各乡镇人民政府', '各乡镇人民政府', 'responsible'],
    ]);
  });

  it('a bracket whose first group is the townships gives no lead', () => {
    const text = '落实属地责任。（各乡镇人民政府，县经开区管委会；县安委会、各专委会）\n';
    expect(summary(text)).toEqual([
      ['各乡镇人民政府', '各乡镇人民政府', 'responsible'],
      ['县经开区管委会', '县经开区管委会', 'responsible'],
      ['县安委会', '县安委会', 'responsible'],
      ['各专委会', '各专委会', 'responsible'],
    ]);
  });

  it('分工负责 group with a 配合 group → lead, lead, support, responsible', () => {
    const text = '开展安全宣传进企业活动。(县委宣传部、县应急局分工负责，县安委会有关成员单位配合；各乡镇党委政府)\n';
    expect(summary(text)).toEqual([
      ['县委宣传部', '县委宣传部', 'lead'],
      ['县应急局', '县应急局', 'lead'],
      ['县安委会有关成员单位', '县安委会有关成员单位', 'support'],
      ['各乡镇党委政府', '各乡镇党委政府', 'responsible'],
    ]);
  });

  it('bold markers around a bracket: **（县交通局、县公安局）**', () => {
    const text = '整治道路交通违法行为。**（县交通局、县公安局）**\n';
    expect(summary(text)).toEqual([
      ['县交通局', '县交通局', 'responsible'],
      ['县公安局', '县公安局', 'responsible'],
    ]);
  });
});

describe('unit: prose and headings', () => {
  it('由县农业农村局牵头 → lead', () => {
    const text = '农村改厕工作由县农业农村局牵头，各乡镇具体实施。';
    expect(summary(text)).toEqual([['县农业农村局', '县农业农村局', 'lead']]);
  });

  it('由清泉县综合检验检测中心牵头负责 → lead', () => {
    const text = '检测能力提升工作由清泉县综合检验检测中心牵头负责。';
    expect(summary(text)).toEqual([['清泉县综合检验检测中心', '清泉县综合检验检测中心', 'lead']]);
  });

  it('县交通局：负责牵头制定… → lead; 县公安局：负责… → responsible', () => {
    const text = '县交通局：负责牵头制定整治方案。\n县公安局：负责道路交通秩序整治。\n';
    expect(summary(text)).toEqual([
      ['县交通局', '县交通局', 'lead'],
      ['县公安局', '县公安局', 'responsible'],
    ]);
  });

  it('(二) 县政府办公室牵头负责的工作 → lead', () => {
    const text = '(二) 县政府办公室牵头负责的工作\n1.做好政务公开工作。\n';
    expect(summary(text)).toEqual([['县政府办公室', '县政府办公室', 'lead']]);
  });

  it('（三）县财政局负责的工作 → responsible (no 牵头)', () => {
    const text = '（三）县财政局负责的工作\n2.加强预算绩效管理。\n';
    expect(summary(text)).toEqual([['县财政局', '县财政局', 'responsible']]);
  });

  it('(一) 县长负责的工作 → no unit (a person)', () => {
    const text = '(一) 王山河县长负责的工作\n1.统筹全县经济工作。\n(二) 李清泉副县长负责的工作\n';
    expect(summary(text)).toEqual([]);
  });
});

describe('unit: tables with a 责任单位 column', () => {
  const table = [
    '重点任务分工',
    '序号\t任务\t主要内容\t责任单位',
    '1\t道路运输\t开展货车超限超载治理。\t交通局牵头，公安局、交警大队等部门配合',
    '2\t建筑施工\t排查在建工地安全隐患。\t住建局',
    '3\t危险化学品\t加强危化品运输监管。\t应急局、工信（商务）局',
    '4\t城镇燃气\t排查燃气管道。\t住建局牵头，市场监管局、消防救援大队等部门分工负责',
    '',
  ].join('\n');

  it('交通局牵头，公安局、交警大队等部门配合 → 1 lead + 2 support; 等部门 is not a unit', () => {
    const row = table.indexOf('交通局牵头');
    const found = units(table).filter((u) => u.start >= row && u.start < table.indexOf('\n', row));
    expect(found.map((u) => [u.text, u.role])).toEqual([
      ['交通局', 'lead'],
      ['公安局', 'support'],
      ['交警大队', 'support'],
    ]);
    expect(found[0]!.start).toBe(row);
  });

  it('every row of the column, with the roles a reader expects', () => {
    expect(summary(table)).toEqual([
      ['交通局', '交通局', 'lead'],
      ['公安局', '公安局', 'support'],
      ['交警大队', '交警大队', 'support'],
      ['住建局', '住建局', 'responsible'],
      ['应急局', '应急局', 'responsible'],
      ['工信（商务）局', '工信（商务）局', 'responsible'],
      ['住建局', '住建局', 'lead'],
      ['市场监管局', '市场监管局', 'responsible'],
      ['消防救援大队', '消防救援大队', 'responsible'],
    ]);
    expectSpansInOrder(table);
  });

  it('no unit comes from the 任务 or 主要内容 columns', () => {
    for (const u of units(table)) expect(['道路运输', '建筑施工'].includes(u.name)).toBe(false);
  });
});

describe('unit: splitting and cleaning names', () => {
  it('splits on 、，；', () => {
    const text = '责任单位：县水利局、县林业局，县气象局；县文旅局\n';
    expect(units(text).map((u) => u.name)).toEqual(['县水利局', '县林业局', '县气象局', '县文旅局']);
  });

  it.each([
    ['（县民政局负责）', '县民政局'],
    ['（县卫体局牵头）', '县卫体局'],
    ['（县人社局配合）', '县人社局'],
    ['（县审计局分工负责）', '县审计局'],
    ['（县统计局等部门负责）', '县统计局'],
  ])('names exclude role words: %s → %s', (bracket, name) => {
    const text = `落实惠民政策。${bracket}\n`;
    const found = units(text);
    expect(found.map((u) => u.name)).toEqual([name]);
    expect(found[0]!.text).toBe(name);
  });

  it('县发改局(县粮食局、县能源局) → 3 units', () => {
    const text = '保障粮食和能源安全。（县发改局(县粮食局、县能源局)、县财政局）\n';
    expect(units(text).map((u) => u.name)).toEqual(['县发改局', '县粮食局', '县能源局', '县财政局']);
  });

  it('县文旅局(旅游部分) → 1 unit, the scope note is not a unit', () => {
    const text = '责任单位：县文旅局(旅游部分)、县交通局\n';
    const found = units(text);
    expect(found.map((u) => u.name)).toEqual(['县文旅局', '县交通局']);
    expect(found[0]!.text).toBe('县文旅局');
  });

  it('工信（商务）局 stays whole', () => {
    const text = '责任单位：工信（商务）局、发改（能源）局\n';
    expect(summary(text)).toEqual([
      ['工信（商务）局', '工信（商务）局', 'responsible'],
      ['发改（能源）局', '发改（能源）局', 'responsible'],
    ]);
  });

  it('collective units count: 各乡镇, 各行业领域主管部门', () => {
    const text = '责任单位：各乡镇、各行业领域主管部门\n';
    expect(units(text).map((u) => u.name)).toEqual(['各乡镇', '各行业领域主管部门']);
  });
});

describe('unit: not units', () => {
  it.each([
    ['an addressee line', '各乡（镇）人民政府，县直各有关单位：\n'],
    ['an addressee line (half-width)', '各乡(镇)人民政府,县直各有关单位:\n'],
    ['a letterhead', '山河县人民政府办公室文件\n\n河政办发〔2024〕3号\n'],
    ['a signature', '\n云岭县人民政府办公室\n2024年4月8日\n'],
    ['an organisation merely mentioned', '特殊情况需学校向县教科局提出说明。\n'],
    ['a recipient', '各乡镇要定期向县安委会报告工作。\n'],
    ['a prose directive without a responsibility verb', '县财政局要统筹整合资金。\n'],
    ['a principle', '坚持谁主管谁负责、谁牵头谁协调。\n'],
    ['a person (主要负责人)', '企业主要负责人是第一责任人。\n'],
    ['a parenthesised note', '开展培训（每季度一次）。\n'],
  ])('%s', (_label, text) => {
    expect(summary(text)).toEqual([]);
  });
});
