/**
 * Invented notes on invented county documents (山河县, 河西县) for the notes manager's tests.
 * "Today" in these tests is 2024-06-10.
 */
import type { AnnotatedPage, Note, NoteTarget } from '@/lib/notes/note';

export const TODAY = '2024-06-10';

export const PAGE_A: AnnotatedPage = {
  url: 'http://www.shanhe.gov.cn/zfgb/2024/hzbf-12.html',
  title: '山河县人民政府办公室关于印发春季农业生产工作方案的通知',
  site: 'www.shanhe.gov.cn',
  docNumber: '河政办发〔2024〕12号',
  docDate: '2024-03-05',
  updatedAt: '2024-06-01T02:00:00.000Z',
};
export const PAGE_B: AnnotatedPage = {
  url: 'http://xxgk.shanhe.gov.cn/art/2024/6/1/art_9_2088.html',
  title: '山河县防汛抗旱应急预案',
  site: 'xxgk.shanhe.gov.cn',
  docNumber: '河政发〔2024〕7号',
  docDate: '2024-05-28',
  updatedAt: '2024-06-05T02:00:00.000Z',
};
export const PAGE_C: AnnotatedPage = {
  url: 'http://www.hexi.gov.cn/zwgk/2024/xzf-3.html',
  title: '河西县人民政府关于做好安全生产工作的通知',
  site: 'www.hexi.gov.cn',
  docNumber: '西政发〔2024〕3号',
  docDate: '2024-04-02',
  updatedAt: '2024-06-03T02:00:00.000Z',
};

const selection = (exact: string, start: number): NoteTarget => ({
  type: 'selection',
  quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start, end: start + exact.length },
});

/** A valid RFC 4122 uuid (the import checks ids) that is easy to read in a failing test. */
export const uid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function makeNote(page: AnnotatedPage, fields: Partial<Note> & Pick<Note, 'id'>): Note {
  return {
    url: page.url,
    pageTitle: page.title,
    site: page.site,
    docNumber: page.docNumber,
    docDate: page.docDate,
    target: { type: 'page' },
    body: '',
    tags: [],
    color: 'yellow',
    status: 'todo',
    due: null,
    createdAt: '2024-06-01T00:00:00.000Z',
    updatedAt: '2024-06-01T00:00:00.000Z',
    ...fields,
  };
}

export const A1 = makeNote(PAGE_A, {
  id: uid(1),
  target: {
    type: 'entity',
    entity: { kind: 'deadline', text: '2024年5月底前', date: '2024-05-31', precision: 'month' },
    quote: { type: 'TextQuoteSelector', exact: '2024年5月底前', prefix: '请于', suffix: '报送' },
    position: { type: 'TextPositionSelector', start: 420, end: 429 },
  },
  body: '提醒县农业农村局报送春播进度',
  tags: ['农业', '督办'],
  due: '2024-05-31',
  createdAt: '2024-05-02T01:00:00.000Z',
  updatedAt: '2024-06-02T01:00:00.000Z',
});
export const A2 = makeNote(PAGE_A, {
  id: uid(2),
  target: selection('县财政局负责落实配套资金', 610),
  body: '资金到位情况待核实',
  tags: ['资金'],
  color: 'blue',
  createdAt: '2024-05-03T01:00:00.000Z',
  updatedAt: '2024-06-03T01:00:00.000Z',
});
export const A3 = makeNote(PAGE_A, {
  id: uid(3),
  target: {
    type: 'entity',
    entity: { kind: 'docNumber', text: '河政发〔2023〕31号', normalized: '河政发〔2023〕31号' },
    quote: { type: 'TextQuoteSelector', exact: '河政发〔2023〕31号' },
    position: { type: 'TextPositionSelector', start: 88, end: 100 },
  },
  body: '引用的上位文件',
  status: 'done',
  createdAt: '2024-05-04T01:00:00.000Z',
  updatedAt: '2024-05-20T01:00:00.000Z',
});
export const B1 = makeNote(PAGE_B, {
  id: uid(11),
  target: {
    type: 'entity',
    entity: { kind: 'deadline', text: '6月15日前', date: '2024-06-15', precision: 'day' },
    quote: { type: 'TextQuoteSelector', exact: '6月15日前' },
    position: { type: 'TextPositionSelector', start: 300, end: 306 },
  },
  body: '提交防汛物资储备清单',
  tags: ['防汛'],
  color: 'green',
  due: '2024-06-15',
  createdAt: '2024-06-01T03:00:00.000Z',
  updatedAt: '2024-06-06T01:00:00.000Z',
});
export const B2 = makeNote(PAGE_B, {
  id: uid(12),
  body: '预案需要全科室学习',
  tags: ['学习'],
  createdAt: '2024-06-02T03:00:00.000Z',
  updatedAt: '2024-06-04T01:00:00.000Z',
});
export const B3 = makeNote(PAGE_B, {
  id: uid(13),
  target: selection('每月10日前报送雨情汛情', 512),
  body: '本月报送',
  tags: ['防汛', '督办'],
  due: TODAY,
  createdAt: '2024-06-03T03:00:00.000Z',
  updatedAt: '2024-06-05T01:00:00.000Z',
});
export const C1 = makeNote(PAGE_C, {
  id: uid(21),
  target: {
    type: 'entity',
    entity: { kind: 'unit', text: '县应急管理局', name: '县应急管理局', role: 'lead' },
    quote: { type: 'TextQuoteSelector', exact: '县应急管理局' },
    position: { type: 'TextPositionSelector', start: 140, end: 146 },
  },
  body: '牵头单位，联系人王科长',
  color: 'purple',
  status: 'done',
  due: '2024-06-08',
  createdAt: '2024-05-10T03:00:00.000Z',
  updatedAt: '2024-06-01T05:00:00.000Z',
});

export const NOTES: Note[] = [A1, A2, A3, B1, B2, B3, C1];
export const PAGES: AnnotatedPage[] = [PAGE_A, PAGE_B, PAGE_C];
