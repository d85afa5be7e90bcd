/**
 * Notes for the export/import tests: a hand-written set on an invented 山河县 notice (every target
 * type, with and without tags and due dates) and fast-check arbitraries for any valid note.
 */
import fc from 'fast-check';
import type { AnnotatedPage, Note, NoteEntity, NoteTarget } from '@/lib/notes/note';
import { NOTE_COLORS, NOTE_STATUSES } from '@/lib/notes/note';
import { DEADLINE_PRECISIONS, UNIT_ROLES } from '@/lib/notes/note-schema';

export const NOTICE_URL = 'http://www.shanhe.gov.cn/zwgk/zfwj/2024/t20240305_1201.html';
export const PLAN_URL = 'https://www.shanhe.gov.cn/xxgk/ghjh/2024/fangan-3.html?id=7&page=2';

export const samplePages: AnnotatedPage[] = [
  {
    url: NOTICE_URL,
    title: '山河县人民政府办公室关于做好2024年春季森林防火工作的通知',
    site: 'www.shanhe.gov.cn',
    docNumber: '山政办发〔2024〕12号',
    docDate: '2024-03-05',
    updatedAt: '2024-03-08T02:00:00.000Z',
  },
  {
    url: PLAN_URL,
    title: '山河县乡村道路养护三年行动方案（2024—2026年）',
    site: 'www.shanhe.gov.cn',
    docNumber: null,
    docDate: null,
    updatedAt: '2024-03-09T10:30:00.000Z',
  },
];

const onNotice = {
  url: NOTICE_URL,
  pageTitle: samplePages[0]!.title,
  site: 'www.shanhe.gov.cn',
  docNumber: '山政办发〔2024〕12号',
  docDate: '2024-03-05',
};
const onPlan = {
  url: PLAN_URL,
  pageTitle: samplePages[1]!.title,
  site: 'www.shanhe.gov.cn',
  docNumber: null,
  docDate: null,
};

export const sampleNotes: Note[] = [
  {
    id: '3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f809112',
    ...onNotice,
    target: { type: 'page' },
    body: '全文要点：重点林区严禁野外用火。',
    tags: ['森林防火', '重点'],
    color: 'yellow',
    status: 'todo',
    due: null,
    createdAt: '2024-03-06T01:00:00.000Z',
    updatedAt: '2024-03-06T01:00:00.000Z',
  },
  {
    id: '8a0b1c2d-3e4f-4a5b-8c6d-7e8f90a1b2c3',
    ...onNotice,
    target: {
      type: 'selection',
      quote: { type: 'TextQuoteSelector', exact: '各乡镇要在3月15日前完成防火隔离带清理', prefix: '二、工作要求\n', suffix: '，并将' },
      position: { type: 'TextPositionSelector', start: 412, end: 431 },
    },
    body: '问林业站：隔离带宽度标准是多少？\n第二行, 含逗号; 分号 \\ 反斜杠',
    tags: [],
    color: 'green',
    status: 'todo',
    due: '2024-03-15',
    createdAt: '2024-03-06T02:10:00.000Z',
    updatedAt: '2024-03-07T08:00:00.000Z',
  },
  {
    id: 'c4d5e6f7-0819-4a2b-bc3d-4e5f60718293',
    ...onNotice,
    target: {
      type: 'entity',
      entity: { kind: 'deadline', text: '2024年4月30日前', date: '2024-04-30', precision: 'day' },
      quote: { type: 'TextQuoteSelector', exact: '2024年4月30日前', prefix: '请于', suffix: '报送总结' },
      position: { type: 'TextPositionSelector', start: 880, end: 891 },
    },
    body: '',
    tags: ['报送'],
    color: 'pink',
    status: 'done',
    due: '2024-04-30',
    createdAt: '2024-03-06T02:20:00.000Z',
    updatedAt: '2024-04-28T09:15:30.250Z',
  },
  {
    id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
    ...onNotice,
    target: {
      type: 'entity',
      entity: { kind: 'docNumber', text: '山政发〔2023〕27 号', normalized: '山政发〔2023〕27号' },
      quote: { type: 'TextQuoteSelector', exact: '山政发〔2023〕27 号' },
      position: { type: 'TextPositionSelector', start: 120, end: 133 },
    },
    body: '引用的上位文件，需一并学习。',
    tags: [],
    color: 'blue',
    status: 'todo',
    due: null,
    createdAt: '2024-03-06T02:30:00.000Z',
    updatedAt: '2024-03-06T02:30:00.000Z',
  },
  {
    id: 'e7f8a9b0-c1d2-4e3f-a405-b6c7d8e9f0a1',
    ...onPlan,
    target: {
      type: 'entity',
      entity: { kind: 'unit', text: '县交通运输局（牵头）', name: '县交通运输局', role: 'lead' },
      quote: { type: 'TextQuoteSelector', exact: '县交通运输局', prefix: '责任单位：', suffix: '（牵头）' },
      position: { type: 'TextPositionSelector', start: 2048, end: 2054 },
    },
    body: '=SUM(A1:A9) 这是读者写的，不是公式',
    tags: ['交通', '+1'],
    color: 'purple',
    status: 'todo',
    due: '2026-06-30',
    createdAt: '2024-03-09T10:00:00.000Z',
    updatedAt: '2024-03-09T10:30:00.000Z',
  },
  {
    id: 'f0a1b2c3-d4e5-4f60-8172-8394a5b6c7d8',
    ...onPlan,
    target: {
      type: 'entity',
      entity: { kind: 'deadline', text: '每季度末', date: null, precision: 'recurring' },
      quote: { type: 'TextQuoteSelector', exact: '每季度末', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 3000, end: 3004 },
    },
    body: '',
    tags: [],
    color: 'yellow',
    status: 'todo',
    due: null,
    createdAt: '2024-03-09T11:00:00.000Z',
    updatedAt: '2024-03-09T11:00:00.000Z',
  },
];

// --- arbitraries ---------------------------------------------------------------------------------

/** Records with Object.prototype, like the notes the app builds (toStrictEqual compares prototypes). */
const plain = { noNullPrototype: true } as const;

/** Any text, surrogate pairs and control characters included. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const nonEmpty = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const cjkText = fc.string({ unit: fc.constantFrom(...'山河县人民政府办公室关于印发通知〔〕号年月日前，。；：“”、\n\t '), maxLength: 30 });
const text = fc.oneof(anyText, cjkText);
const textNonEmpty = fc.oneof(
  nonEmpty,
  cjkText.filter((s) => s.length > 0),
);

export const isoDay = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
export const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const pageProtocol = (url: string): boolean => {
  try {
    return ['http:', 'https:', 'file:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};

/** Normalised-looking page URLs and odd ones new URL() still accepts (spaces, |, [ ], %, non-ASCII, IPv6, fragments). */
export const pageUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom(
        'http://www.shanhe.gov.cn/',
        'https://[2001:db8::1]:8443/a/',
        'file:///C:/docs/',
        ' HTTP://Shanhe.GOV.cn',
        'http://a/b#c',
      ),
      fc.string({ unit: 'binary', maxLength: 30 }),
    )
    .map(([base, tail]) => base + tail)
    .filter(pageProtocol),
);

const quote = fc.record(
  {
    type: fc.constant('TextQuoteSelector' as const),
    exact: textNonEmpty,
    prefix: text,
    suffix: text,
  },
  { requiredKeys: ['type', 'exact'], noNullPrototype: true },
);
const position = fc
  .tuple(fc.nat({ max: 1_000_000 }), fc.nat({ max: 1_000_000 }))
  .map(([a, b]) => ({ type: 'TextPositionSelector' as const, start: Math.min(a, b), end: Math.max(a, b) }));

const entity: fc.Arbitrary<NoteEntity> = fc.oneof(
  fc.record({ kind: fc.constant('docNumber' as const), text: textNonEmpty, normalized: textNonEmpty }, plain),
  fc.record(
    {
      kind: fc.constant('deadline' as const),
      text: textNonEmpty,
      date: fc.option(isoDay, { nil: null }),
      precision: fc.constantFrom(...DEADLINE_PRECISIONS),
    },
    plain,
  ),
  fc.record({ kind: fc.constant('unit' as const), text: textNonEmpty, name: textNonEmpty, role: fc.constantFrom(...UNIT_ROLES) }, plain),
);

const target: fc.Arbitrary<NoteTarget> = fc.oneof(
  fc.constant({ type: 'page' as const }),
  fc.record({ type: fc.constant('selection' as const), quote, position }, plain),
  fc.record({ type: fc.constant('entity' as const), entity, quote, position }, plain),
);

export const noteArb: fc.Arbitrary<Note> = fc.record(
  {
    id: fc.oneof(
      fc.uuid(),
      fc.uuid().map((u) => u.toUpperCase()),
    ),
    url: pageUrl,
    pageTitle: text,
    site: text,
    docNumber: fc.option(textNonEmpty, { nil: null }),
    docDate: fc.option(isoDay, { nil: null }),
    target,
    body: text,
    tags: fc.array(textNonEmpty, { maxLength: 4 }),
    color: fc.constantFrom(...NOTE_COLORS),
    status: fc.constantFrom(...NOTE_STATUSES),
    due: fc.option(isoDay, { nil: null }),
    createdAt: timestamp,
    updatedAt: timestamp,
  },
  plain,
);

export const notesArb = fc.uniqueArray(noteArb, { selector: (n) => n.id, maxLength: 8 });

export const pageArb: fc.Arbitrary<AnnotatedPage> = fc.record(
  {
    url: pageUrl,
    title: text,
    site: text,
    docNumber: fc.option(textNonEmpty, { nil: null }),
    docDate: fc.option(isoDay, { nil: null }),
    updatedAt: timestamp,
  },
  plain,
);

export const pagesArb = fc.uniqueArray(pageArb, { selector: (p) => p.url, maxLength: 4 });
