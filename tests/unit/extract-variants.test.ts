// Shapes seen on county web pages rather than in the PDF corpus: 信息公开 blocks, tables with both
// 牵头单位 and 配合单位 columns, roles in brackets, organ names written before their code.
import { describe, expect, it } from 'vitest';
import { extract, type Entity } from '../../lib/index';

const of = <K extends Entity['kind']>(text: string, kind: K) =>
  extract(text).filter((e): e is Extract<Entity, { kind: K }> => e.kind === kind);

describe('document numbers written after the organ name or in rare brackets', () => {
  it('cuts 市政府 and 省厅 off the issuer', () => {
    const t = '按照市政府岭市政发[2025]2号要求，转发省厅晋人社厅函〔2025〕第7号。';
    expect(of(t, 'docNumber').map((e) => e.normalized)).toEqual(['岭市政发〔2025〕2号', '晋人社厅函〔2025〕7号']);
  });
  it('reads the small-form brackets ﹝﹞', () => {
    const [e] = of('依据岭财预﹝2024﹞88号文件', 'docNumber');
    expect(e).toMatchObject({ text: '岭财预﹝2024﹞88号', normalized: '岭财预〔2024〕88号' });
  });
});

describe('year of a web page document', () => {
  it('takes the year from 发文字号： in the 信息公开 block', () => {
    const t = '索引号：001/2025-00031\t发文字号：泉政发〔2025〕3号\n各乡镇要在3月20日前完成排查。';
    expect(of(t, 'deadline')[0]).toMatchObject({ text: '3月20日前', date: '2025-03-20', precision: 'day' });
  });
});

describe('units', () => {
  const table = [
    '序号\t重点任务\t牵头单位\t配合单位\t完成时限',
    '1\t压缩开办时间\t县行政审批局\t县市场监管局、县税务局\t2025年5月底前',
    '2\t推进审批改革\t县住建局\t县自然资源局\t长期坚持',
  ].join('\n');

  it('reads both the 牵头单位 and the 配合单位 column', () => {
    expect(of(table, 'unit').map((u) => `${u.name}/${u.role}`)).toEqual([
      '县行政审批局/lead',
      '县市场监管局/support',
      '县税务局/support',
      '县住建局/lead',
      '县自然资源局/support',
    ]);
    expect(of(table, 'deadline').map((d) => d.precision)).toEqual(['month', 'ongoing']);
  });

  it('gives a bracketed role to its own unit only', () => {
    const units = of('责任单位：县市场监管局（牵头）、县发改局、县财政局', 'unit');
    expect(units.map((u) => `${u.text}/${u.role}`)).toEqual(['县市场监管局/lead', '县发改局/responsible', '县财政局/responsible']);
  });

  it('finds a unit made responsible after a comma, and a lead after a list marker', () => {
    const t = '一、各乡镇要在3月20日前完成排查，县林业局负责督导检查。\n二、县应急管理局牵头，会同有关部门组织演练。';
    expect(of(t, 'unit').map((u) => `${u.text}/${u.role}`)).toEqual(['县林业局/responsible', '县应急管理局/lead']);
  });

  it('does not take a sentence with a number for a unit', () => {
    expect(of('（3）每开展1次政府牵头、多部门的联合督导得2分。', 'unit')).toEqual([]);
  });
});

describe('prose assignments', () => {
  it('reads 配合 after a 牵头 clause as support', () => {
    const units = of('由县委编办牵头，县财政局、县人社局配合。', 'unit');
    expect(units.map((u) => `${u.text}/${u.role}`)).toEqual(['县委编办/lead', '县财政局/support', '县人社局/support']);
  });
  it('does not take 协调配合 in a directive for a unit', () => {
    expect(of('各部门要密切协调配合，形成合力。', 'unit')).toEqual([]);
  });
  it('keeps an article number out of the unit name', () => {
    const [u] = of('第四条 各乡（镇）人民政府负责本辖区的管理。', 'unit');
    expect(u).toMatchObject({ text: '各乡（镇）人民政府', role: 'responsible' });
  });
  it('starts a lead clause after an unclosed bracket', () => {
    const [u] = of('开展排查。（县生态环境分局牵头，县水利局配合）', 'unit');
    expect(u).toMatchObject({ text: '县生态环境分局', role: 'lead' });
  });
});

describe('unit names that contain words excluded elsewhere', () => {
  it('keeps 县人力资源和社会保障局 and 县中小企业服务中心 whole', () => {
    const units = of('牵头单位：县人力资源和社会保障局；配合单位：县中小企业服务中心、县财政局。', 'unit');
    expect(units.map((u) => `${u.name}/${u.role}`)).toEqual([
      '县人力资源和社会保障局/lead',
      '县中小企业服务中心/support',
      '县财政局/support',
    ]);
  });
  it('still rejects 全社会 and 企业 as units', () => {
    expect(of('（全社会、各企业）', 'unit')).toEqual([]);
  });
});
