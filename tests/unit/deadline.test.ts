import { describe, expect, it } from 'vitest';
import { extract } from '../../lib/index';
import type { DeadlineEntity, Entity, ExtractOptions } from '../../lib/entity';

function deadlines(text: string, options?: ExtractOptions): DeadlineEntity[] {
  const out = extract(text, options).filter((e: Entity): e is DeadlineEntity => e.kind === 'deadline');
  for (const e of out) expect(text.slice(e.start, e.end)).toBe(e.text);
  return out;
}

/** [span text, date, precision] of every deadline, in order. */
const summary = (text: string, options?: ExtractOptions) => deadlines(text, options).map((e) => [e.text, e.date, e.precision]);

/** The one deadline whose span is `span` (located at `span`'s first occurrence at or after `from`). */
function at(text: string, span: string, from = 0): DeadlineEntity {
  const start = text.indexOf(span, from);
  expect(start).toBeGreaterThanOrEqual(0);
  const hit = deadlines(text).filter((e) => e.start === start && e.end === start + span.length);
  expect(
    hit.map((e) => e.text),
    `deadline at ${JSON.stringify(span)}; found ${JSON.stringify(summary(text))}`,
  ).toEqual([span]);
  return hit[0]!;
}

/** A 2024 document: its header 文号 gives the year for year-less deadlines. */
const doc2024 = (body: string) => `关于做好2024年农村供水工作的通知\n\n河政办发〔2024〕3号\n\n各乡镇人民政府：\n\n${body}\n`;
const doc2023 = (body: string) => `关于印发清泉县人居环境整治方案的通知\n\n泉政发〔2023〕9号\n\n${body}\n`;

describe('deadline: dated and year-less forms', () => {
  it('2024年5月31日前 → 2024-05-31, day', () => {
    const text = '各乡镇要在2024年5月31日前完成摸底排查。';
    const e = at(text, '2024年5月31日前');
    expect([e.date, e.precision]).toEqual(['2024-05-31', 'day']);
  });

  it('6月底前 in a 2024 document (header 河政办发〔2024〕3号) → 2024-06-30, month', () => {
    const text = doc2024('一、6月底前，完成全县供水管网普查。');
    const e = at(text, '6月底前');
    expect([e.date, e.precision]).toEqual(['2024-06-30', 'month']);
  });

  it('the same 6月底前 in a 2023 document → 2023-06-30', () => {
    const text = doc2023('6月底前完成村庄清洁行动。');
    expect(at(text, '6月底前').date).toBe('2023-06-30');
  });

  it('年底前 → YYYY-12-31, year', () => {
    const text = doc2024('年底前全面完成改造任务。');
    const e = at(text, '年底前');
    expect([e.date, e.precision]).toEqual(['2024-12-31', 'year']);
  });

  it('2024年12月底前 → 2024-12-31, month', () => {
    const text = '力争2024年12月底前建成投用。';
    const e = at(text, '2024年12月底前');
    expect([e.date, e.precision]).toEqual(['2024-12-31', 'month']);
  });

  it('2月底前 in a leap year → 02-29', () => {
    const text = doc2024('2月底前报送名单。');
    expect(at(text, '2月底前').date).toBe('2024-02-29');
  });

  it('5个工作日内 → relative, null', () => {
    const text = '接到通知后5个工作日内上报整改情况。';
    const e = at(text, '5个工作日内');
    expect([e.date, e.precision]).toEqual([null, 'relative']);
  });

  it('完成时限：2025年底前 (label outside the span)', () => {
    const text = '责任单位：县水利局\n完成时限：2025年底前\n';
    const e = at(text, '2025年底前');
    expect([e.date, e.precision]).toEqual(['2025-12-31', 'year']);
  });

  it('完成时限：11 月底前完成 (span keeps 前, leaves out 完成)', () => {
    const text = doc2024('责任单位：县住建局\n完成时限：11 月底前完成\n');
    const e = at(text, '11 月底前');
    expect([e.date, e.precision]).toEqual(['2024-11-30', 'month']);
  });

  it('10月底前完成 — the span excludes 完成', () => {
    const text = doc2024('确保10月底前完成主体工程。');
    const e = at(text, '10月底前');
    expect(e.text).toBe('10月底前');
    expect(e.end).toBe(text.indexOf('完成主体'));
    expect(e.date).toBe('2024-10-31');
  });

  it('年内 (确保年内竣工) → document year, year', () => {
    const text = doc2024('确保年内竣工。');
    const e = at(text, '年内');
    expect([e.date, e.precision]).toEqual(['2024-12-31', 'year']);
  });

  it('上半年 → 06-30, half', () => {
    const text = doc2024('力争上半年完成全部招标工作。');
    const e = at(text, '上半年');
    expect([e.date, e.precision]).toEqual(['2024-06-30', 'half']);
  });

  it('一季度末 → 03-31, quarter', () => {
    const text = doc2024('一季度末前完成选址。');
    const e = deadlines(text).find((d) => d.text.startsWith('一季度末'));
    expect(e, JSON.stringify(summary(text))).toBeDefined();
    expect([e!.date, e!.precision]).toEqual(['2024-03-31', 'quarter']);
    expect(text.slice(e!.start, e!.end)).toBe(e!.text);
  });

  it('一季度末 without 前 → 03-31, quarter', () => {
    const text = doc2024('各项目一季度末全部开工。');
    const e = at(text, '一季度末');
    expect([e.date, e.precision]).toEqual(['2024-03-31', 'quarter']);
  });

  it('每季度末月25日前 → recurring, null', () => {
    const text = doc2024('各责任单位每季度末月25日前报送工作进展情况。');
    const e = at(text, '每季度末月25日前');
    expect([e.date, e.precision]).toEqual([null, 'recurring']);
  });

  it('（2024年4月25日前） stage date in brackets → day, brackets outside the span', () => {
    const text = '（一）动员部署阶段（2024年4月25日前）\n各乡镇召开动员会。';
    const e = at(text, '2024年4月25日前');
    expect([e.date, e.precision]).toEqual(['2024-04-25', 'day']);
  });

  it('4月25日前 without a year in a 2023 document → 2023-04-25', () => {
    const text = doc2023('各职能部门要在4月25日前召开动员部署会。');
    expect(at(text, '4月25日前').date).toBe('2023-04-25');
  });

  it('2024年4月—6月 → range ending 2024-06-30', () => {
    const text = '（二）集中整治阶段（2024年4月—6月）';
    const e = at(text, '2024年4月—6月');
    expect([e.date, e.precision]).toEqual(['2024-06-30', 'range']);
  });

  it('即日起至2024年12月31日 → range 2024-12-31', () => {
    const text = '活动时间：即日起至2024年12月31日。';
    const e = at(text, '即日起至2024年12月31日');
    expect([e.date, e.precision]).toEqual(['2024-12-31', 'range']);
  });

  it('2024年6月1日至11月15日前 → range 2024-11-15', () => {
    const text = '（三）施工阶段（2024年6月1日至11月15日前）';
    const e = at(text, '2024年6月1日至11月15日前');
    expect([e.date, e.precision]).toEqual(['2024-11-15', 'range']);
  });

  it('2024 年 6 月 21 日 至 6 月 30 日 with spaces → range 2024-06-30', () => {
    const text = '（四）验收阶段（2024 年 6 月 21 日 至 6 月 30 日）';
    const e = at(text, '2024 年 6 月 21 日 至 6 月 30 日');
    expect([e.date, e.precision]).toEqual(['2024-06-30', 'range']);
  });

  it('a range crossing a PDF line break: 2024年4月\\n\\n25 日 至 6 月 20 日', () => {
    const text = '（二）自查阶段（2024年4月\n\n25 日 至 6 月 20 日\n';
    const e = at(text, '2024年4月\n\n25 日 至 6 月 20 日');
    expect([e.date, e.precision]).toEqual(['2024-06-20', 'range']);
  });

  it('2024年11月16日至12月底 → range 2024-12-31', () => {
    const text = '（五）总结阶段（2024年11月16日至12月底）';
    const e = at(text, '2024年11月16日至12月底');
    expect([e.date, e.precision]).toEqual(['2024-12-31', 'range']);
  });
});

describe('deadline: milestones in task lists', () => {
  it('8月份开工建设 → month', () => {
    const text = doc2024('3.实施云岭水厂扩建工程，8月份开工建设。');
    const e = at(text, '8月份');
    expect([e.date, e.precision]).toEqual(['2024-08-31', 'month']);
  });

  it('10月完工 → month', () => {
    const text = doc2024('4.新建城东污水管网5公里，10月完工。');
    const e = at(text, '10月');
    expect([e.date, e.precision]).toEqual(['2024-10-31', 'month']);
  });

  it('6月投用 → month', () => {
    const text = doc2024('5.改造山河县第二幼儿园，6月投用。');
    const e = at(text, '6月');
    expect([e.date, e.precision]).toEqual(['2024-06-30', 'month']);
  });

  it('国庆前改造完成 → 09-30 of the document year', () => {
    const text = doc2024('6.城区背街小巷路灯国庆前改造完成。');
    const e = deadlines(text).find((d) => d.text.startsWith('国庆'));
    expect(e, JSON.stringify(summary(text))).toBeDefined();
    expect(e!.text).toBe('国庆前');
    expect(e!.date).toBe('2024-09-30');
  });

  it('6月20日、11月10日报送…: both dates are covered and the last one due is 11-10', () => {
    const text = doc2024('各单位于6月20日、11月10日报送半年、全年工作完成情况。');
    const found = deadlines(text);
    const dates = found.map((d) => d.date);
    // Both dates must be covered; the final due date is 11-10.
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(dates[dates.length - 1]).toBe('2024-11-10');
    const covered = found.map((d) => [d.start, d.end]);
    for (const part of ['6月20日', '11月10日']) {
      const s = text.indexOf(part);
      expect(
        covered.some(([a, b]) => a! <= s && s + part.length <= b!),
        part,
      ).toBe(true);
    }
  });

  it('6月20日、11月10日报送半年、全年工作完成情况 — two deadlines, as issue #2 requires (6-20 and 11-10)', () => {
    const text = doc2024('各单位于6月20日、11月10日报送半年、全年工作完成情况。');
    expect(summary(text)).toEqual([
      ['6月20日', '2024-06-20', 'day'],
      ['11月10日', '2024-11-10', 'day'],
    ]);
  });
});

describe('deadline: 完成时限 fields and columns', () => {
  it('完成时限：长期坚持 → ongoing, null', () => {
    const text = '责任单位：县应急局\n完成时限：长期坚持\n';
    const e = at(text, '长期坚持');
    expect([e.date, e.precision]).toEqual([null, 'ongoing']);
  });

  it('长期坚持 in running prose is not a deadline', () => {
    expect(summary('这项工作要长期坚持，久久为功。')).toEqual([]);
  });

  it('a tab-separated table with a 完成时限 column', () => {
    const text = doc2024(
      [
        '序号\t工作任务\t责任单位\t完成时限',
        '1\t完成清泉水库除险加固\t县水利局\t9月底前',
        '2\t城区供热管网改造\t县住建局\t持续推进',
        '3\t建成山河县便民服务中心\t县行政审批局\t2024年11月30日前',
      ].join('\n'),
    );
    expect(summary(text)).toEqual([
      ['9月底前', '2024-09-30', 'month'],
      ['持续推进', null, 'ongoing'],
      ['2024年11月30日前', '2024-11-30', 'day'],
    ]);
  });
});

describe('deadline: the year comes from the document itself', () => {
  it('takes the 文号 year, not the gazette publication date; 出版 is not a deadline', () => {
    const text = [
      '山河县人民政府公报',
      '2025年第1期',
      '2025年6月30日出版',
      '',
      '关于做好2024年秋冬季造林工作的通知',
      '河政发〔2024〕21号',
      '各乡镇人民政府：',
      '11月底前完成造林任务。',
      '',
    ].join('\n');
    expect(summary(text)).toEqual([['11月底前', '2024-11-30', 'month']]);
  });

  it('2024年6月30日出版 alone is not a deadline', () => {
    expect(summary('山河县人民政府办公室主办\n2024年6月30日出版\n')).toEqual([]);
  });

  it('takes the signature date year when there is no 文号', () => {
    const text = [
      '清泉县人民政府办公室',
      '关于开展春季植树活动的通知',
      '',
      '3月底前完成苗木采购。',
      '',
      '清泉县人民政府办公室',
      '2023年2月10日',
      '',
    ].join('\n');
    expect(summary(text)).toEqual([['3月底前', '2023-03-31', 'month']]);
  });

  it('a signature date line (only a date) is not a deadline', () => {
    const text = '山河县人民政府\n2024年4月8日\n';
    expect(summary(text)).toEqual([]);
  });

  it('a signature date line with spaces (2024 年 4 月 8 日) is not a deadline', () => {
    const text = '云岭县人民政府办公室\n 2024 年 4 月 8 日\n（此件公开发布）\n';
    expect(summary(text)).toEqual([]);
  });

  it('options.baseDate is the fallback when the text has no year', () => {
    expect(summary('6月底前完成验收。', { baseDate: '2025-03-01' })).toEqual([['6月底前', '2025-06-30', 'month']]);
    expect(summary('年底前完成验收。', { baseDate: '2022-01-15' })).toEqual([['年底前', '2022-12-31', 'year']]);
  });

  it('without a year or baseDate, a year-less deadline has date null', () => {
    const found = deadlines('6月底前完成验收。');
    expect(found.map((e) => [e.text, e.date])).toEqual([['6月底前', null]]);
  });

  it('the document year wins over baseDate', () => {
    const text = doc2024('6月底前完成验收。');
    expect(deadlines(text, { baseDate: '2026-01-01' }).map((e) => e.date)).toEqual(['2024-06-30']);
  });

  it('each document in a gazette uses its own 文号 year', () => {
    const text = [
      '关于印发甲方案的通知',
      '河政办发〔2023〕5号',
      '5月底前完成。',
      '',
      '关于印发乙方案的通知',
      '河政办发〔2024〕2号',
      '5月底前完成。',
      '',
    ].join('\n');
    expect(deadlines(text).map((e) => e.date)).toEqual(['2023-05-31', '2024-05-31']);
  });
});

describe('deadline: not deadlines', () => {
  it.each([
    ['a plan title', '关于印发《山河县乡村振兴规划（2023—2025年）》的通知'],
    ['a plan title with hyphen', '《清泉县农业发展三年行动计划(2023-2025年)》'],
    ['a document title year', '关于做好2024年安全生产工作的通知'],
    ['statistics year', '对照2023年7100元的收入指导线，全县农民人均收入增长6%。'],
    ['a past year', '完成 2023 年未实施的改厕任务。'],
    ['statistics period 1—11月', '1—11月，全县规上工业增加值增长5.2%。'],
    ['a start date 自…起', '自2024年3月1日起施行。'],
    ['vague terms', '要尽快、及时、按时、如期完成。'],
    ['durations', '实行24小时值班，连续作业不得超过8小时。'],
    ['a blank form date', '检查时间：____年__月__日'],
    ['seasons and holidays', '春节、两会、五一等重点时段加强值守。'],
  ])('%s', (_label, text) => {
    expect(summary(text)).toEqual([]);
  });
});
