// Cases found by a second reader who wrote fresh county documents (notices, decisions clearing old
// documents, task tables, PDF text) and compared the extractor's output with their own labels.
import { describe, expect, it } from 'vitest';
import { extract, type Entity } from '../../lib/index';

const of = <K extends Entity['kind']>(text: string, kind: K) =>
  extract(text).filter((e): e is Extract<Entity, { kind: K }> => e.kind === kind);
const units = (text: string) => of(text, 'unit').map((u) => `${u.name}/${u.role}`);

describe('units supporting in prose (配合 / 协助)', () => {
  it('lists every unit before 配合, also when the list names an 应急 bureau', () => {
    expect(units('二、做好汛前检修。县水务局牵头，县应急局、县气象局、县自然资源局配合，6月10日前完成。')).toEqual([
      '县水务局/lead',
      '县应急局/support',
      '县气象局/support',
      '县自然资源局/support',
    ]);
  });

  it('reads 配合 after a 牵头 clause joined by 、, and units ending in 室', () => {
    expect(units('考核工作由县委督查室牵头、县政府督查室配合。')).toEqual(['县委督查室/lead', '县政府督查室/support']);
  });

  it('reads 协助, at a full stop or before what the unit does', () => {
    expect(units('六、由县林业局负责，县财政局协助。')).toEqual(['县林业局/responsible', '县财政局/support']);
    expect(units('活动当天，县公安局交警大队协助做好交通疏导。')).toEqual(['县公安局交警大队/support']);
  });

  it('keeps a bracket inside a name: 各乡（镇）人民政府配合', () => {
    expect(units('由县文旅局牵头，各乡（镇）人民政府配合，三季度末前完成。')).toEqual(['县文旅局/lead', '各乡（镇）人民政府/support']);
  });

  it('does not take a sentence or a modal clause for a unit', () => {
    expect(units('三是积极探索司法所协助县司法局开展基层执法监督。')).toEqual([]);
    expect(units('（县水利局牵头，所有工作均需各乡镇人民政府配合）')).toEqual(['县水利局/lead']);
    expect(units('各部门要积极配合，形成合力。')).toEqual([]);
  });

  it('joins a name that a PDF line break cut after 由', () => {
    const [u] = of('八、由县\n营商环境建设服务中心牵头，做好企业服务。', 'unit');
    expect(u).toMatchObject({ text: '县\n营商环境建设服务中心', name: '县营商环境建设服务中心', role: 'lead' });
  });

  it('gives 主办单位 the responsible role (only 牵头 leads), 协办单位 support', () => {
    expect(units('主办单位：县文旅局；协办单位：县融媒体中心、团县委')).toEqual([
      '县文旅局/responsible',
      '县融媒体中心/support',
      '团县委/support',
    ]);
  });
});

describe('document numbers: where the issuer starts', () => {
  const issuers = (text: string) => of(text, 'docNumber').map((d) => d.issuer);

  it('cuts the verb of a decision off the issuer, even when the same run starts a line', () => {
    const t = ['山政办发〔2024〕31号', '撤销山政办发〔2021〕2号。', '同时废止山政发〔2020〕1号，其中山政发〔2022〕3号保留。'].join('\n');
    expect(issuers(t)).toEqual(['山政办发', '山政办发', '山政发', '山政发']);
    const more =
      '修改山政\n办发〔2022〕9号，经研究山政发〔2023〕5号一并修改；现行山政办发〔2022〕4号、原山政办发〔2019〕12号、指山政办发〔2023〕8号。';
    expect(issuers(more)).toEqual(['山政办发', '山政发', '山政办发', '山政办发', '山政办发']);
    expect(
      issuers('收到晋政办发〔2024〕9号后，要求各单位比照晋政发〔2024〕10号执行，重申山政发〔2023〕11号，同意山政函〔2024〕13号。'),
    ).toEqual(['晋政办发', '晋政发', '山政发', '山政函']);
  });

  it('cuts an organ written out before its code, but keeps codes that contain it', () => {
    expect(issuers('财政部财农〔2024〕6号、县委山发〔2024〕7号、县委办发〔2024〕8号、人社部发〔2024〕3号')).toEqual([
      '财农',
      '山发',
      '县委办发',
      '人社部发',
    ]);
  });

  it('keeps a one-character region code in front of a code the document also cites bare', () => {
    expect(issuers('转发财农〔2021〕56号。\n晋财农〔2021〕57号')).toEqual(['财农', '晋财农']);
  });

  it('reads a letter-spaced issuer of a PDF header, and the document year from it', () => {
    const t = '山 政 发〔2024〕 12 号\n各乡镇于10月31日前报送。';
    expect(of(t, 'docNumber')[0]).toMatchObject({ text: '山 政 发〔2024〕 12 号', issuer: '山政发', year: 2024, seq: 12 });
    expect(of(t, 'deadline')[0]).toMatchObject({ text: '10月31日前', date: '2024-10-31' });
  });

  it('does not take 编号（2024）12号 for a document number', () => {
    expect(of('村民小组编号（2024）12号地块除外。', 'docNumber')).toEqual([]);
  });
});

describe('deadlines', () => {
  it('reads 4—6月 in a 完成时限 field or column as a window ending with June', () => {
    expect(of('山政发〔2024〕1号\n完成时限：4—6月\n', 'deadline')[0]).toMatchObject({
      text: '4—6月',
      date: '2024-06-30',
      precision: 'range',
    });
    const table = '山政发〔2024〕1号\n序号\t任务\t完成时限\n1\t清理河道\t2025年4—6月\n';
    expect(of(table, 'deadline')[0]).toMatchObject({ text: '2025年4—6月', date: '2025-06-30', precision: 'range' });
    // In prose it stays a statistics period.
    expect(of('山政发〔2024〕1号\n全县1—11月完成投资12亿元。', 'deadline')).toEqual([]);
  });

  it('resolves 次年 in a stage window to the year after the document', () => {
    const t = '山政办发〔2023〕41号\n第二阶段：11月1日至次年3月15日，开展冬季供暖保障。';
    expect(of(t, 'deadline')[0]).toMatchObject({ text: '11月1日至次年3月15日', date: '2024-03-15', precision: 'range' });
  });

  it('takes a date after 截止日期为 as due, without 前', () => {
    expect(of('项目申报截止日期为2024年8月15日。', 'deadline')[0]).toMatchObject({ date: '2024-08-15', precision: 'day' });
  });

  it('ignores a quarter in a title after 关于, and a past event in a report', () => {
    const t = '山政督字〔2024〕4号\n关于2024年第一季度重点工作落实情况的督查通报\n县政府督查室于4月上旬对全县重点工作进行了督查。';
    expect(of(t, 'deadline')).toEqual([]);
    expect(of('山政发〔2024〕1号\n各乡镇要于4月上旬完成摸底。', 'deadline')[0]).toMatchObject({ text: '4月上旬', date: '2024-04-10' });
  });
});

describe('a second review: 督办单, 整改方案, 应急预案, 会议纪要, numerals', () => {
  it('ends a label list at the next line’s field, whatever its label', () => {
    expect(units('责任单位：县财政局、县发改局\n办结时限：10月底')).toEqual(['县财政局/responsible', '县发改局/responsible']);
    expect(units('牵头单位：县住建局\n责任领导：王某某\n督办要求：按月报送')).toEqual(['县住建局/lead']);
    // A short next line without a colon still continues a name a PDF line break cut.
    expect(units('责任单位：县财政局、县马营庄\n乡\n备注：无')).toEqual(['县财政局/responsible', '县马营庄乡/responsible']);
  });

  it('reads units ending in 机关, and not a location note or the body that interprets a text', () => {
    expect(units('责任单位：县纪委监委机关、县委组织部')).toEqual(['县纪委监委机关/responsible', '县委组织部/responsible']);
    expect(units('指挥部办公室（设在县应急管理局）负责日常工作。')).toEqual(['指挥部办公室/responsible']);
    expect(units('第二十条 本办法由县林业局负责解释。')).toEqual([]);
  });

  it('reads the group after 牵头 in a bracket when it carries the task out (落实 / 实施 / 共同负责)', () => {
    expect(units('（县农业农村局牵头，各乡镇抓好落实）')).toEqual(['县农业农村局/lead', '各乡镇/responsible']);
    expect(units('（县农业农村局牵头，各乡镇共同负责）')).toEqual(['县农业农村局/lead', '各乡镇/responsible']);
    expect(units('（镇农业综合服务中心负责，各村委会具体落实）')).toEqual(['镇农业综合服务中心/responsible', '各村委会/responsible']);
  });

  it('does not take a gazette masthead’s 主办单位 for a task’s unit', () => {
    expect(units('主办单位：山河县人民政府办公室\n地址：山河县新华街1号\n电话：0000-1234567')).toEqual([]);
  });

  it('reads 整改时限 like 完成时限, and 每季度首月 / full-width relative deadlines', () => {
    expect(of('山政发〔2024〕1号\n整改时限：长期坚持\n', 'deadline')[0]).toMatchObject({ text: '长期坚持', precision: 'ongoing' });
    expect(of('每季度首月10日前报送上季度情况。', 'deadline')[0]).toMatchObject({ text: '每季度首月10日前', precision: 'recurring' });
    expect(of('期满后３个工作日内办结。', 'deadline')[0]).toMatchObject({ text: '３个工作日内', precision: 'relative' });
  });

  it('keeps a year written in full-width digits or numerals as written', () => {
    const t = '山政发〔2024〕1号\n二〇二五年三月底前完成；２０２５年５月１５日前报送；２０２５年底前验收。';
    expect(of(t, 'deadline').map((d) => [d.text, d.date])).toEqual([
      ['二〇二五年三月底前', '2025-03-31'],
      ['２０２５年５月１５日前', '2025-05-15'],
      ['２０２５年底前', '2025-12-31'],
    ]);
  });

  it('takes the year of a document without 文号 from its full-width signature or its 印发 line', () => {
    expect(of('各乡镇于９月底前完成。\n\n山河县人民政府\n２０２３年５月６日\n', 'deadline')[0]).toMatchObject({ date: '2023-09-30' });
    const minutes =
      '山河县人民政府常务会议纪要\n〔2024〕第6期\n由县住建局负责，8月15日前完成。\n山河县人民政府办公室　　2024年7月10日印发\n';
    expect(of(minutes, 'deadline')[0]).toMatchObject({ text: '8月15日前', date: '2024-08-15' });
  });

  it('reads a 文号 whose bracket a PDF line break moved to the next line', () => {
    expect(of('（山政办发\n〔2024〕12号）', 'docNumber')[0]).toMatchObject({ issuer: '山政办发', year: 2024, seq: 12 });
    expect(of('关于做好防汛工作的通知\n〔2024〕12号', 'docNumber')).toEqual([]);
  });
});

describe('a third review: 政府工作报告 tasks, 政策解读 pages, addressees, durations', () => {
  const doc = (line: string) => `山政办发〔2024〕3号\n${line}`;
  const deadlines = (line: string) => of(doc(line), 'deadline').map((d) => [d.text, d.date, d.precision]);

  it('keeps 各镇（街道） as one name, and not as a task bracket on an addressee line', () => {
    expect(units('各镇（街道），县直各部门：\n现将方案印发给你们。')).toEqual([]);
    expect(units('县民政局负责，各镇（街道）配合。')).toEqual(['县民政局/responsible', '各镇（街道）/support']);
    expect(units('责任单位：各镇（街道）、县民政局')).toEqual(['各镇（街道）/responsible', '县民政局/responsible']);
  });

  it('reads units that share a task (按职责分工负责, 共同牵头, 会同), and headings numbered 二、', () => {
    expect(units('县交通局、县财政局按职责分工负责，年底前完成。')).toEqual(['县交通局/responsible', '县财政局/responsible']);
    expect(units('由县卫生健康局和县水利局共同牵头，做好。')).toEqual(['县卫生健康局/lead', '县水利局/lead']);
    expect(units('县财政局会同县审计局负责资金审计。')).toEqual(['县财政局/responsible', '县审计局/responsible']);
    expect(units('二、县委宣传部、县融媒体中心按职责分工负责的工作')).toEqual(['县委宣传部/responsible', '县融媒体中心/responsible']);
  });

  it('drops the 答： of a 政策解读 page, and a site footer’s 主办/承办单位', () => {
    expect(units('答：县农业农村局牵头负责统筹协调。')).toEqual(['县农业农村局/lead']);
    expect(units('主办单位：山河县人民政府办公室　承办单位：山河县大数据中心\n网站标识码：1234　ICP备12345678号')).toEqual([]);
  });

  it('reads 年中, 次月10日前 and leaves 半年内 / 每半年末 / N年内 alone', () => {
    expect(deadlines('县民政局于今年年中完成；县水利局年中前完成申报。')).toEqual([
      ['今年年中', '2024-06-30', 'half'],
      ['年中前', '2024-06-30', 'half'],
    ]);
    expect(deadlines('各单位于次月10日前报送进展情况。')).toEqual([['次月10日前', null, 'recurring']]);
    // Durations and frequencies, not this year's end (五年内取消资格 is a limit).
    expect(deadlines('问题整改须在半年内完成，每半年末报送一次，五年内取消其资格。')).toEqual([]);
    expect(deadlines('今年中考工作平稳有序。')).toEqual([]);
  });
});

describe('months named from the document’s own date', () => {
  it('resolves 本月底前 / 下月10日前 / 当月20日前 with the month of the signature or 成文日期', () => {
    const reply = '关于同意调整编制的批复\n县民政局：\n请你局于本月底前完成。\n\n山河县人民政府\n2024年5月8日\n';
    expect(of(reply, 'deadline')[0]).toMatchObject({ text: '本月底前', date: '2024-05-31', precision: 'month' });
    const december = '山政发〔2024〕1号\n各乡镇于下月10日前报送。\n山河县人民政府\n2024年12月3日\n';
    expect(of(december, 'deadline')[0]).toMatchObject({ text: '下月10日前', date: '2025-01-10', precision: 'day' });
    expect(of('山政发〔2024〕1号\n成文日期：2024年6月3日\n于本月底前完成。', 'deadline')[0]).toMatchObject({ date: '2024-06-30' });
    // Without a dated signature the month is unknown: still a deadline, without a date.
    expect(of('于本月底前完成。', 'deadline')[0]).toMatchObject({ text: '本月底前', date: null });
  });
});

describe('a fourth review: web pages (through the HTML reader)', () => {
  it('splits units a cell put on lines of their own (<br>, <p>: space-separated in the text)', () => {
    const table = '序号\t任务\t牵头单位\t配合单位\n1\t整治\t县市场监管局 县税务局\t县财政局 各乡（镇）人民政府\n';
    expect(units(table)).toEqual(['县市场监管局/lead', '县税务局/lead', '县财政局/support', '各乡（镇）人民政府/support']);
    // A name spaced out letter by letter stays one name.
    expect(units('责任单位：县 城 市 管 理 局')).toEqual(['县城市管理局/responsible']);
  });

  it('accepts units named for students, cadres, residents or foreign affairs', () => {
    expect(units('牵头单位：县学生资助管理中心、县老干部局、县城乡居民养老保险服务中心、县对外经济合作中心')).toEqual([
      '县学生资助管理中心/lead',
      '县老干部局/lead',
      '县城乡居民养老保险服务中心/lead',
      '县对外经济合作中心/lead',
    ]);
    expect(units('（各村干部负责）')).toEqual([]);
  });

  it('takes no deadline from a 下一篇 link title, nor from a service-time limit', () => {
    expect(of('山政发〔2024〕1号\n下一篇：关于在3月31日前报送需求的通知\n', 'deadline')).toEqual([]);
    expect(of('开办时间压缩至1个工作日以内；5个工作日内办结。', 'deadline').map((d) => d.text)).toEqual(['5个工作日内']);
  });
});

describe('the year of a 信息公开 page laid out as a table', () => {
  it('takes it from a 发文字号 cell without a colon, beside other th/td pairs', () => {
    const t = '索引号\t001/2023-0040\t主题分类\t农业\n发文字号\t山政办发〔2023〕40号\t成文日期\t2023-12-20\n各乡镇于12月31日前完成。\n';
    expect(of(t, 'deadline')[0]).toMatchObject({ text: '12月31日前', date: '2023-12-31' });
  });
});
