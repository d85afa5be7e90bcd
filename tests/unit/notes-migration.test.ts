import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnnotatedPage, Note } from '@/lib/notes/note';
import {
  CURRENT_SCHEMA_VERSION,
  NotesDatabase,
  SCHEMA_HISTORY,
  openVersion1,
  openVersion2,
  pagesFromNotes,
  splitV1Tags,
  type NoteV1,
} from '@/storage/notes-db';
import { PAGE_RECORD_STORE } from '@/storage/page-record';
import { DexieNotesStore } from '@/storage/notes-store';
import { dump, fakeIdb, makeNote } from './notes-db-fixtures';

const NAME = 'gazette-lens';
const DOC = 'https://www.shanhe.gov.cn/zfgb/2024/hzbf-12.html';

const V1_RECORDS: NoteV1[] = [
  {
    id: 'a1',
    url: `${DOC}?utm_source=weixin#section2`,
    title: '山河县人民政府办公室关于做好2024年秋冬季森林防火工作的通知',
    body: '各乡镇排查隐患，周报县应急局',
    tags: '森林防火, 督办，重点 ,督办,,',
    done: false,
    createdAt: '2024-10-09T01:00:00.000Z',
    updatedAt: '2024-10-09T01:00:00.000Z',
  },
  {
    id: 'a2',
    url: `${DOC}#top`,
    title: '山河县人民政府办公室关于做好2024年秋冬季森林防火工作的通知（更正）',
    docNumber: '山政办发〔2024〕12号',
    docDate: '2024-10-08',
    quote: { type: 'TextQuoteSelector', exact: '11月30日前报送', prefix: '于', suffix: '。' },
    position: { type: 'TextPositionSelector', start: 212, end: 221 },
    body: '已报送 ✅ 𠀀𪚥 “引号” \u202e\ud83c\udff3\ufe0f\u200d\ud83c\udf08 行1\n行2',
    tags: '',
    color: 'green',
    done: true,
    due: '2024-11-30',
    createdAt: '2024-10-10T02:00:00.000Z',
    updatedAt: '2024-11-29T08:00:00.000Z',
  },
  {
    id: 'b1',
    url: 'https://WWW.HEXI.gov.cn:443/tzgg/2024/15.html',
    title: '河西县防汛抗旱指挥部通知',
    body: '',
    tags: '防汛',
    done: false,
    due: '2025-06-01',
    createdAt: '2024-12-01T00:00:00.000Z',
    updatedAt: '2024-12-01T00:00:00.000Z',
  },
];

async function writeV1(options: ReturnType<typeof fakeIdb>, records: NoteV1[]): Promise<void> {
  const v1 = openVersion1(NAME, options);
  await v1.notes.bulkAdd(records);
  expect(v1.verno).toBe(1);
  expect(v1.tables.map((t) => t.name)).toEqual(['notes']);
  v1.close();
}

describe('migration from schema version 1', () => {
  it('converts every version-1 note exactly and fills the pages', async () => {
    const options = fakeIdb();
    await writeV1(options, V1_RECORDS);

    const db = new NotesDatabase(NAME, options);
    const { notes, pages } = await dump(db);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(notes).toEqual<Note[]>([
      {
        id: 'a1',
        url: DOC,
        pageTitle: '山河县人民政府办公室关于做好2024年秋冬季森林防火工作的通知',
        site: 'www.shanhe.gov.cn',
        docNumber: null,
        docDate: null,
        target: { type: 'page' },
        body: '各乡镇排查隐患，周报县应急局',
        tags: ['森林防火', '督办', '重点'],
        color: 'yellow',
        status: 'todo',
        due: null,
        createdAt: '2024-10-09T01:00:00.000Z',
        updatedAt: '2024-10-09T01:00:00.000Z',
      },
      {
        id: 'a2',
        url: DOC,
        pageTitle: '山河县人民政府办公室关于做好2024年秋冬季森林防火工作的通知（更正）',
        site: 'www.shanhe.gov.cn',
        docNumber: '山政办发〔2024〕12号',
        docDate: '2024-10-08',
        target: {
          type: 'selection',
          quote: { type: 'TextQuoteSelector', exact: '11月30日前报送', prefix: '于', suffix: '。' },
          position: { type: 'TextPositionSelector', start: 212, end: 221 },
        },
        body: '已报送 ✅ 𠀀𪚥 “引号” \u202e\ud83c\udff3\ufe0f\u200d\ud83c\udf08 行1\n行2',
        tags: [],
        color: 'green',
        status: 'done',
        due: '2024-11-30',
        createdAt: '2024-10-10T02:00:00.000Z',
        updatedAt: '2024-11-29T08:00:00.000Z',
      },
      {
        id: 'b1',
        url: 'https://www.hexi.gov.cn/tzgg/2024/15.html',
        pageTitle: '河西县防汛抗旱指挥部通知',
        site: 'www.hexi.gov.cn',
        docNumber: null,
        docDate: null,
        target: { type: 'page' },
        body: '',
        tags: ['防汛'],
        color: 'yellow',
        status: 'todo',
        due: '2025-06-01',
        createdAt: '2024-12-01T00:00:00.000Z',
        updatedAt: '2024-12-01T00:00:00.000Z',
      },
    ]);
    // One page per document, described by its most recently updated note.
    expect(pages).toEqual([
      {
        url: 'https://www.hexi.gov.cn/tzgg/2024/15.html',
        title: '河西县防汛抗旱指挥部通知',
        site: 'www.hexi.gov.cn',
        docNumber: null,
        docDate: null,
        updatedAt: '2024-12-01T00:00:00.000Z',
      },
      {
        url: DOC,
        title: '山河县人民政府办公室关于做好2024年秋冬季森林防火工作的通知（更正）',
        site: 'www.shanhe.gov.cn',
        docNumber: '山政办发〔2024〕12号',
        docDate: '2024-10-08',
        updatedAt: '2024-11-29T08:00:00.000Z',
      },
    ]);
    db.close();
  });

  it('leaves indexes the manager can query: by tag, by status and due, by page', async () => {
    const options = fakeIdb();
    await writeV1(options, V1_RECORDS);
    const db = new NotesDatabase(NAME, options);

    // Page records, indexed by what the manager filters on: tag, open task due dates, status, site.
    expect(await db.pages.where('tags').equals('督办').primaryKeys()).toEqual([DOC]);
    expect(await db.pages.where('openDues').between(Dexie.minKey, Dexie.maxKey).primaryKeys()).toEqual([
      'https://www.hexi.gov.cn/tzgg/2024/15.html',
    ]);
    expect(await db.pages.where('statuses').equals('done').primaryKeys()).toEqual([DOC]);
    expect(await db.pages.where('site').equals('www.shanhe.gov.cn').count()).toBe(1);
    expect(await db.pages.where('noteIds').equals('a2').primaryKeys()).toEqual([DOC]);
    const store = new DexieNotesStore(db);
    expect((await store.listForPage(`${DOC}#anything`)).map((n) => n.id)).toEqual(['a2', 'a1']);
    db.close();
  });

  it('upgrades once: reopening the upgraded database changes nothing', async () => {
    const options = fakeIdb();
    await writeV1(options, V1_RECORDS);
    const first = new NotesDatabase(NAME, options);
    const upgraded = await dump(first);
    first.close();
    const second = new NotesDatabase(NAME, options);
    expect(await dump(second)).toEqual(upgraded);
    second.close();
  });

  it('loses no note, whatever version 1 held', async () => {
    const v1Record = fc.record(
      {
        id: fc.uuid(),
        url: fc.constantFrom(DOC, `${DOC}#p`, 'https://www.hexi.gov.cn/a.html?id=1&utm_term=x', 'not a url'),
        title: fc.string({ unit: 'grapheme' }),
        docNumber: fc.constantFrom('山政发〔2023〕15号', '河政办〔2024〕3号'),
        body: fc.string({ unit: 'grapheme', maxLength: 80 }),
        tags: fc.array(fc.constantFrom('防汛', ' 督办', 'a,b', '，', '重点 '), { maxLength: 4 }).map((t) => t.join(',')),
        done: fc.boolean(),
        due: fc.constantFrom('2024-12-31', '2025-01-15'),
        createdAt: fc.constant('2024-10-01T00:00:00.000Z'),
        updatedAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      },
      { requiredKeys: ['id', 'url', 'title', 'body', 'tags', 'done', 'createdAt', 'updatedAt'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(v1Record, { selector: (r) => r.id, maxLength: 40 }), async (records) => {
        const options = fakeIdb();
        await writeV1(options, records);
        const db = new NotesDatabase(NAME, options);
        const { notes, pages } = await dump(db);
        db.close();
        expect(notes.map((n) => n.id).sort()).toEqual(records.map((r) => r.id).sort());
        const byId = new Map(notes.map((n) => [n.id, n]));
        for (const r of records) {
          const n = byId.get(r.id)!;
          expect([n.body, n.pageTitle, n.status, n.due, n.docNumber, n.updatedAt]).toEqual([
            r.body,
            r.title,
            r.done ? 'done' : 'todo',
            r.due ?? null,
            r.docNumber ?? null,
            r.updatedAt,
          ]);
          expect(n.tags).toEqual(splitV1Tags(r.tags));
        }
        expect(new Set(pages.map((p) => p.url))).toEqual(new Set(notes.map((n) => n.url)));
      }),
      { numRuns: 25 },
    );
  });

  it('keeps the whole schema history, oldest first, so a new version only appends', () => {
    expect(SCHEMA_HISTORY.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(SCHEMA_HISTORY[0]!.stores).toEqual({ notes: 'id, url, updatedAt' });
    expect(SCHEMA_HISTORY[1]!.stores).toEqual({
      notes: 'id, url, site, *tags, due, status, createdAt, updatedAt, [status+due]',
      pages: 'url, site, updatedAt',
    });
    expect(SCHEMA_HISTORY.at(-1)!.stores).toEqual({ notes: null, pages: PAGE_RECORD_STORE });
  });
});

const V2_NOTE: Note = makeNote({
  id: 'c1',
  url: DOC,
  body: '报县应急局',
  tags: ['森林防火', '督办'],
  color: 'blue',
  due: '2024-11-30',
  createdAt: '2024-10-10T02:00:00.000Z',
  updatedAt: '2024-10-11T02:00:00.000Z',
});

describe('migration from schema version 2 (one record per note) to page records', () => {
  async function writeV2(options: ReturnType<typeof fakeIdb>, notes: Note[], pages: AnnotatedPage[]): Promise<void> {
    const v2 = openVersion2(NAME, options);
    await v2.notes.bulkAdd(notes);
    await v2.pages.bulkAdd(pages);
    expect(v2.verno).toBe(2);
    v2.close();
  }

  it('moves every note into its page record, keeps pages without notes, and drops the notes table', async () => {
    const options = fakeIdb();
    const other: Note = { ...V2_NOTE, id: 'c2', body: '第二条', tags: [], status: 'done', updatedAt: '2024-10-12T00:00:00.000Z' };
    const orphan: Note = { ...V2_NOTE, id: 'd1', url: 'https://www.hexi.gov.cn/a.html', site: 'www.hexi.gov.cn', pageTitle: '河西县通知' };
    const history: AnnotatedPage = {
      url: 'https://www.shanhe.gov.cn/read-only.html',
      title: '只读过的页面',
      site: 'www.shanhe.gov.cn',
      docNumber: null,
      docDate: null,
      updatedAt: '2024-09-01T00:00:00.000Z',
    };
    const page: AnnotatedPage = {
      url: DOC,
      title: '（页面记录自己的标题）',
      site: 'www.shanhe.gov.cn',
      docNumber: '山政办发〔2024〕12号',
      docDate: '2024-10-08',
      updatedAt: '2024-10-12T00:00:00.000Z',
    };
    await writeV2(options, [other, V2_NOTE, orphan], [page, history]);

    const db = new NotesDatabase(NAME, options);
    const { notes, pages, records } = await dump(db);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name)).toEqual(['pages']);
    expect(notes).toEqual([V2_NOTE, other, orphan]);
    // The page's own record wins over its notes' copies; a note without one gets one from its fields.
    expect(pages).toEqual([
      {
        url: 'https://www.hexi.gov.cn/a.html',
        title: '河西县通知',
        site: 'www.hexi.gov.cn',
        docNumber: '山政办发〔2024〕12号',
        docDate: '2024-10-08',
        updatedAt: orphan.updatedAt,
      },
      history,
      page,
    ]);
    expect(records.find((r) => r.url === DOC)).toMatchObject({
      noteIds: ['c1', 'c2'],
      tags: ['森林防火', '督办'],
      statuses: ['done', 'todo'],
      openDues: ['2024-11-30'],
    });
    expect(records.find((r) => r.url === history.url)!.notes).toEqual([]);
    const store = new DexieNotesStore(db);
    expect((await store.listForPage(DOC)).map((n) => n.id)).toEqual(['c2', 'c1']);
    expect(await store.get('d1')).toEqual(orphan);
    db.close();
  });

  it('loses no note, whatever version 2 held', async () => {
    const v2Note = fc.record({
      id: fc.uuid(),
      url: fc.constantFrom(DOC, 'https://www.hexi.gov.cn/a.html', 'https://www.hexi.gov.cn/b.html?id=2'),
      body: fc.string({ unit: 'grapheme', maxLength: 40 }),
      tags: fc.uniqueArray(fc.constantFrom('防汛', '督办', '重点'), { maxLength: 3 }),
      status: fc.constantFrom('todo' as const, 'done' as const),
      due: fc.constantFrom(null, '2024-12-31', '2025-01-15'),
      updatedAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(v2Note, { selector: (r) => r.id, maxLength: 40 }), fc.boolean(), async (parts, withPages) => {
        const notes: Note[] = parts.map((p) => ({ ...V2_NOTE, ...p }));
        const pages = withPages ? pagesFromNotes(notes) : [];
        const options = fakeIdb();
        await writeV2(options, notes, pages);
        const db = new NotesDatabase(NAME, options);
        const after = await dump(db);
        db.close();
        const byId = (a: Note, b: Note) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        expect(after.notes).toEqual([...notes].sort(byId));
        expect(new Set(after.pages.map((p) => p.url))).toEqual(new Set(notes.map((n) => n.url)));
        for (const r of after.records) {
          expect(r.notes.every((n) => n.url === r.url)).toBe(true);
          expect(r.openDues).toEqual([...new Set(r.notes.flatMap((n) => (n.status === 'todo' && n.due ? [n.due] : [])))].sort());
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('splitV1Tags', () => {
  it('splits on ASCII and full-width commas, trims, drops empty and repeated tags', () => {
    expect(splitV1Tags(' 防汛，督办 , ,防汛,重点任务 ')).toEqual(['防汛', '督办', '重点任务']);
    expect(splitV1Tags('')).toEqual([]);
  });
});
