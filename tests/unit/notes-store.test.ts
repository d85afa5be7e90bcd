import Dexie, { type DBCore, type DBCoreTable } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { Note, NoteTarget } from '@/lib/notes/note';
import { NotesError, type NoteDraft } from '@/lib/notes/notes-api';
import { CURRENT_SCHEMA_VERSION, NotesDatabase } from '@/storage/notes-db';
import { QUOTA_MESSAGE, toNotesError } from '@/storage/notes-errors';
import { DexieNotesStore } from '@/storage/notes-store';
import { notesStore, openNotesDatabase } from '@/storage';
import { requestPersistentStorage } from '@/storage/persist';
import { PAGE, PAGE_URL, dump, fakeIdb, freshDb, makeNote, pageOf } from './notes-db-fixtures';

const NOW = new Date('2024-11-20T02:30:00.000Z');
const LATER = new Date('2024-11-21T09:00:00.000Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const selection: NoteTarget = {
  type: 'selection',
  quote: { type: 'TextQuoteSelector', exact: '县林业局负责督促检查', prefix: '（三）', suffix: '，' },
  position: { type: 'TextPositionSelector', start: 310, end: 320 },
};
const deadline: NoteTarget = {
  type: 'entity',
  entity: { kind: 'deadline', text: '2024年11月30日前', date: '2024-11-30', precision: 'day' },
  quote: { type: 'TextQuoteSelector', exact: '2024年11月30日前' },
  position: { type: 'TextPositionSelector', start: 400, end: 411 },
};

function setup() {
  const db = freshDb();
  return { db, store: new DexieNotesStore(db) };
}

async function rejection(p: Promise<unknown>): Promise<NotesError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NotesError);
  return err as NotesError;
}

/**
 * Makes IndexedDB writes to one table fail the way a full disk does, at the lowest layer (what the
 * browser would do), while `failing.on` is set. Registered before the database opens.
 */
function failWritesTo(db: NotesDatabase, table: string, error: () => unknown) {
  const failing = { on: false };
  db.use({
    stack: 'dbcore',
    name: 'fail-writes',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name: string): DBCoreTable {
        const t = down.table(name);
        if (name !== table) return t;
        return { ...t, mutate: (req) => (failing.on ? Promise.reject(error()) : t.mutate(req)) };
      },
    }),
  });
  return failing;
}

const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('create', () => {
  it('fills the note and records its page, with the URL normalised', async () => {
    const { db, store } = setup();
    const draft: NoteDraft = { target: selection, body: '请林业局于月底前报送', tags: [' 森林防火 ', '督办', '森林防火', ''] };
    const note = await store.create(draft, { ...PAGE, url: `${PAGE_URL}?utm_source=wechat&id=7#para3`, site: '' }, NOW);

    expect(note).toEqual({
      id: expect.stringMatching(UUID),
      url: `${PAGE_URL}?id=7`,
      pageTitle: PAGE.title,
      site: 'www.shanhe.gov.cn',
      docNumber: '山政办发〔2024〕12号',
      docDate: '2024-10-08',
      target: selection,
      body: '请林业局于月底前报送',
      tags: ['森林防火', '督办'],
      color: 'yellow',
      status: 'todo',
      due: null,
      createdAt: '2024-11-20T02:30:00.000Z',
      updatedAt: '2024-11-20T02:30:00.000Z',
    });
    expect(await store.get(note.id)).toEqual(note);
    expect(await store.pages()).toEqual([
      {
        url: `${PAGE_URL}?id=7`,
        title: PAGE.title,
        site: 'www.shanhe.gov.cn',
        docNumber: '山政办发〔2024〕12号',
        docDate: '2024-10-08',
        updatedAt: '2024-11-20T02:30:00.000Z',
      },
    ]);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('groups visits that differ only by fragment or utm_* under one page, newest note first', async () => {
    const { store } = setup();
    const first = await store.create({ target: { type: 'page' }, body: '第一条' }, { ...PAGE, url: `${PAGE_URL}#top` }, NOW);
    const second = await store.create(
      { target: selection, body: '第二条' },
      { ...PAGE, url: `${PAGE_URL}?utm_medium=share&utm_campaign=x`, title: '山河县森林防火通知（修订）', docNumber: null },
      LATER,
    );
    await store.create(
      { target: { type: 'page' }, body: '别的页面' },
      { ...PAGE, url: 'https://www.shanhe.gov.cn/zfgb/2024/hzbf-15.html' },
      NOW,
    );

    expect(first.url).toBe(PAGE_URL);
    expect(second.url).toBe(PAGE_URL);
    expect((await store.listForPage(`${PAGE_URL}#anything`)).map((n) => n.body)).toEqual(['第二条', '第一条']);
    const pages = await store.pages();
    expect(pages.map((p) => p.url)).toEqual([PAGE_URL, 'https://www.shanhe.gov.cn/zfgb/2024/hzbf-15.html']);
    // The revisit's new title is kept; its failed 文号 detection does not erase the known one.
    expect(pages[0]).toMatchObject({
      title: '山河县森林防火通知（修订）',
      docNumber: '山政办发〔2024〕12号',
      updatedAt: LATER.toISOString(),
    });
    expect(second.docNumber).toBe('山政办发〔2024〕12号');
  });

  it('takes the due date from a deadline entity unless the reader set one', async () => {
    const { store } = setup();
    expect((await store.create({ target: deadline, body: '' }, PAGE, NOW)).due).toBe('2024-11-30');
    expect((await store.create({ target: deadline, body: '', due: '2024-11-25' }, PAGE, NOW)).due).toBe('2024-11-25');
    const done = await store.create({ target: selection, body: '', status: 'done', color: 'blue' }, PAGE, NOW);
    expect([done.status, done.color, done.due]).toEqual(['done', 'blue', null]);
  });

  it('rejects an impossible due date with a clear message and writes nothing', async () => {
    const { db, store } = setup();
    const err = await rejection(store.create({ target: selection, body: '', due: '2024-02-30' }, PAGE, NOW));
    expect(err.code).toBe('invalid');
    expect(err.message).toContain('截止日期“2024-02-30”无效');
    expect(await dump(db)).toEqual({ notes: [], pages: [], records: [] });
  });
});

describe('update, remove, restore', () => {
  it('applies a patch, cleans tags, bumps updatedAt and ignores fields that are not editable', async () => {
    const { store } = setup();
    const note = await store.create({ target: selection, body: '原文' }, PAGE, NOW);
    const patch = { body: '已电话督办', status: 'done', tags: ['督办 ', '督办'], due: '2024-12-01', url: 'https://evil.example/' };
    const next = await store.update(note.id, patch as Parameters<typeof store.update>[1], LATER);

    expect(next).toEqual({
      ...note,
      body: '已电话督办',
      status: 'done',
      tags: ['督办'],
      due: '2024-12-01',
      updatedAt: LATER.toISOString(),
    });
    expect(await store.get(note.id)).toEqual(next);
    expect((await store.pages())[0]!.updatedAt).toBe(LATER.toISOString());
  });

  it('rejects the update of a missing note with not-found', async () => {
    const { db, store } = setup();
    await store.create({ target: selection, body: '留着' }, PAGE, NOW);
    const before = await dump(db);
    const err = await rejection(store.update('no-such-id', { body: 'x' }, LATER));
    expect(err.code).toBe('not-found');
    expect(err.message).toMatch(/^找不到这条批注.* \/ Note not found/);
    expect(await dump(db)).toEqual(before);
  });

  it('remove returns the notes and restore puts back identical records', async () => {
    const { db, store } = setup();
    const a = await store.create({ target: selection, body: '甲', tags: ['一'] }, PAGE, NOW);
    const b = await store.create({ target: deadline, body: '乙' }, PAGE, LATER);
    const c = await store.create({ target: { type: 'page' }, body: '丙' }, PAGE, NOW);
    const before = await dump(db);

    const removed = await store.remove([a.id, c.id, 'missing', a.id]);
    expect(removed.map((n) => n.body)).toEqual(['甲', '丙']);
    expect((await store.all()).map((n) => n.id)).toEqual([b.id]);

    await store.restore(removed);
    expect(await dump(db)).toEqual(before);
  });

  it('restore recreates the page of notes whose page record is gone', async () => {
    const { db, store } = setup();
    const a = await store.create({ target: selection, body: '甲' }, PAGE, NOW);
    const removed = await store.remove([a.id]);
    await db.pages.clear();
    await store.restore(removed);
    expect(await store.pages()).toEqual([pageOf(a)]);
  });

  it('all() and pages() asked together read the table once; a read asked after a write sees it', async () => {
    const { db, store } = setup();
    let scans = 0;
    db.use({
      stack: 'dbcore',
      name: 'count-scans',
      create: (down: DBCore): DBCore => ({
        ...down,
        table(name: string): DBCoreTable {
          const t = down.table(name);
          return { ...t, query: (req) => (scans++, t.query(req)) };
        },
      }),
    });
    const a = await store.create({ target: selection, body: '甲' }, PAGE, NOW);
    scans = 0;
    const [notes, pages] = await Promise.all([store.all(), store.pages()]);
    expect([notes.map((n) => n.id), pages.map((p) => p.url), scans]).toEqual([[a.id], [PAGE_URL], 1]);

    const reading = store.all();
    await store.update(a.id, { body: '乙' }, NOW);
    expect((await store.all())[0]!.body).toBe('乙');
    await reading;
  });

  it('all() and pages() list newest first', async () => {
    const { store } = setup();
    await store.create({ target: selection, body: 'old' }, PAGE, new Date('2024-01-01T00:00:00Z'));
    await store.create(
      { target: selection, body: 'new' },
      { ...PAGE, url: 'https://www.hexi.gov.cn/a.html', site: '' },
      new Date('2024-06-01T00:00:00Z'),
    );
    await store.create({ target: selection, body: 'mid' }, PAGE, new Date('2024-03-01T00:00:00Z'));
    expect((await store.all()).map((n) => n.body)).toEqual(['new', 'mid', 'old']);
    expect((await store.pages()).map((p) => [p.site, p.updatedAt])).toEqual([
      ['www.hexi.gov.cn', '2024-06-01T00:00:00.000Z'],
      ['www.shanhe.gov.cn', '2024-03-01T00:00:00.000Z'],
    ]);
  });

  it('every method hands back a native Promise (a runtime.onMessage handler can return it)', () => {
    const { store } = setup();
    const calls: Array<Promise<unknown>> = [
      store.listForPage(PAGE_URL),
      store.all(),
      store.pages(),
      store.get('x'),
      store.create({ target: selection, body: '' }, PAGE, NOW),
      store.update('x', {}, NOW).catch(() => undefined),
      store.remove([]),
      store.restore([]),
      store.planImport([], []),
      store.applyImport([], []),
    ];
    for (const p of calls) expect(Object.getPrototypeOf(p)).toBe(Promise.prototype);
    return Promise.all(calls);
  });
});

describe('import', () => {
  async function seeded() {
    const { db, store } = setup();
    const kept = makeNote({ body: '库中较新', updatedAt: '2024-11-10T00:00:00.000Z' });
    const stale = makeNote({ body: '库中较旧', updatedAt: '2024-10-01T00:00:00.000Z' });
    const same = makeNote({ body: '相同', updatedAt: '2024-10-05T00:00:00.000Z' });
    await store.applyImport([kept, stale, same], [pageOf(kept)]);
    return { db, store, kept, stale, same };
  }

  it('plans by id and updatedAt without writing; applies the same counts', async () => {
    const { db, store, kept, stale, same } = await seeded();
    const fileNotes: Note[] = [
      { ...kept, body: '文件中较旧', updatedAt: '2024-11-01T00:00:00.000Z' },
      { ...stale, body: '文件中较新', updatedAt: '2024-11-15T00:00:00.000Z' },
      { ...same },
      makeNote({ body: '新批注', url: 'https://www.hexi.gov.cn/tzgg/1.html', site: 'www.hexi.gov.cn', pageTitle: '河西县通知' }),
    ];
    const before = await dump(db);
    const plan = await store.planImport(fileNotes, []);
    expect(plan.added.map((n) => n.body)).toEqual(['新批注']);
    expect(plan.updated.map((n) => n.body)).toEqual(['文件中较新']);
    expect(plan.unchanged.map((n) => n.body)).toEqual(['文件中较旧', '相同']);
    expect(plan.pages.map((p) => p.url)).toEqual(['https://www.hexi.gov.cn/tzgg/1.html']);
    expect(await dump(db)).toEqual(before);

    expect(await store.applyImport(fileNotes, [])).toEqual({ added: 1, updated: 1, unchanged: 2 });
    expect((await store.get(kept.id))!.body).toBe('库中较新');
    expect((await store.get(stale.id))!.body).toBe('文件中较新');
    expect((await store.pages()).map((p) => p.title)).toContain('河西县通知');
  });

  it('upserts pages from the file: a newer page record wins, an older one does not', async () => {
    const { store, kept } = await seeded();
    const page = pageOf(kept);
    await store.applyImport([], [{ ...page, title: '旧标题', updatedAt: '2020-01-01T00:00:00.000Z' }]);
    expect((await store.pages())[0]!.title).toBe(page.title);
    await store.applyImport([], [{ ...page, title: '新标题', updatedAt: '2030-01-01T00:00:00.000Z' }]);
    expect((await store.pages())[0]!.title).toBe('新标题');
  });

  it('re-plans inside the transaction: an edit made after the preview survives an older file', async () => {
    const { store, stale } = await seeded();
    const file = [{ ...stale, body: '文件版本', updatedAt: '2024-11-15T00:00:00.000Z' }];
    expect((await store.planImport(file, [])).updated).toHaveLength(1);
    await store.update(stale.id, { body: '预览后的编辑' }, LATER);
    expect(await store.applyImport(file, [])).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect((await store.get(stale.id))!.body).toBe('预览后的编辑');
  });

  it('merges a large file by id whether the database is small or much larger than the file', async () => {
    // 200 notes in the file: 50 the database has in a newer version, 50 in an older one, 50 the
    // same, 50 new. Once into a database of just those 150, once with 3 000 unrelated notes beside them.
    for (const unrelated of [0, 3_000]) {
      const { db, store } = setup();
      const at = (day: number) => new Date(Date.UTC(2024, 9, day)).toISOString();
      const stored = Array.from({ length: 150 }, (_, i) => makeNote({ body: `库${i}`, updatedAt: at(10) }));
      const others = Array.from({ length: unrelated }, (_, i) => makeNote({ body: `无关${i}`, updatedAt: at(1) }));
      await store.applyImport([...stored, ...others], []);
      const file = [
        ...stored.slice(0, 50).map((n) => ({ ...n, body: '文件较旧', updatedAt: at(5) })),
        ...stored.slice(50, 100).map((n) => ({ ...n, body: '文件较新', updatedAt: at(20) })),
        ...stored.slice(100, 150),
        ...Array.from({ length: 50 }, () => makeNote({ body: '文件新增', updatedAt: at(3) })),
      ];
      const before = await dump(db);
      const plan = await store.planImport(file, []);
      expect([plan.added.length, plan.updated.length, plan.unchanged.length]).toEqual([50, 50, 100]);
      expect(new Set(plan.updated.map((n) => n.body))).toEqual(new Set(['文件较新']));
      expect(await dump(db)).toEqual(before);
      expect(await store.applyImport(file, [])).toEqual({ added: 50, updated: 50, unchanged: 100 });
      expect((await store.get(stored[0]!.id))!.body).toBe('库0');
      expect((await store.get(stored[50]!.id))!.body).toBe('文件较新');
      expect((await dump(db)).notes).toHaveLength(200 + unrelated);
    }
  });

  it('rejects a file holding one id twice and leaves the database as it was', async () => {
    const { db, store, kept } = await seeded();
    const before = await dump(db);
    const twin = makeNote();
    const err = await rejection(store.applyImport([twin, makeNote(), { ...twin, body: '另一版' }], []));
    expect(err.code).toBe('invalid');
    expect(err.message).toContain(twin.id);
    expect(await dump(db)).toEqual(before);
    expect(await store.get(kept.id)).toBeDefined();
  });
});

describe('failures roll back and reach the reader as NotesError', () => {
  it('a quota failure on the pages table after the notes were written leaves the database exactly as before', async () => {
    const db = freshDb();
    const failing = failWritesTo(db, 'pages', quotaDom);
    const store = new DexieNotesStore(db);
    const existing = makeNote({ body: '已有', updatedAt: '2024-10-01T00:00:00.000Z' });
    await store.applyImport([existing], []);
    const before = await dump(db);

    failing.on = true;
    const file = [
      { ...existing, body: '更新', updatedAt: '2024-12-01T00:00:00.000Z' },
      ...Array.from({ length: 50 }, () => makeNote({ url: 'https://www.hexi.gov.cn/x.html' })),
    ];
    const err = await rejection(store.applyImport(file, []));
    expect(err.code).toBe('quota');
    expect(err.message).toBe(QUOTA_MESSAGE);
    expect(err.message).toMatch(/^存储空间不足.*请导出并删除旧批注后重试/);

    failing.on = false;
    expect(await dump(db)).toEqual(before);
  });

  it('a failing hook mid-transaction rolls back the import with a storage error', async () => {
    const { db, store } = setup();
    await store.create({ target: selection, body: '原有' }, PAGE, NOW);
    const before = await dump(db);
    db.pages.hook('creating', () => {
      throw new Error('磁盘错误');
    });
    const err = await rejection(store.applyImport([makeNote({ url: 'https://www.hexi.gov.cn/y.html' })], []));
    expect(err.code).toBe('storage');
    expect(err.message).toMatch(/^批注数据库出错，未能完成操作（.*磁盘错误.*）。请重新加载扩展后重试/);
    expect(await dump(db)).toEqual(before);
  });

  it('create under a full disk rejects with quota and writes no note', async () => {
    const db = freshDb();
    const failing = failWritesTo(db, 'pages', quotaDom);
    const store = new DexieNotesStore(db);
    failing.on = true;
    const err = await rejection(store.create({ target: selection, body: '' }, PAGE, NOW));
    expect(err.code).toBe('quota');
    failing.on = false;
    expect(await dump(db)).toEqual({ notes: [], pages: [], records: [] });
  });

  it('recognises the quota error however Dexie wraps it', () => {
    const dom = quotaDom();
    const bulk = new Dexie.BulkError('bulkPut failed', { 3: new Dexie.QuotaExceededError(dom) });
    const cases: unknown[] = [dom, new Dexie.QuotaExceededError(dom), new Dexie.AbortError('Transaction aborted', dom), bulk];
    for (const c of cases) expect(toNotesError(c).code).toBe('quota');
    const other = toNotesError(new Dexie.ConstraintError('Key already exists in the object store.'));
    expect(other.code).toBe('storage');
    expect(other.message).toContain('ConstraintError: Key already exists');
    expect(other.cause).toBeInstanceOf(Dexie.ConstraintError);
    expect(toNotesError(new Dexie.VersionError('too new')).message).toMatch(/^批注数据库由更新版本的公报透镜创建.*请更新扩展/);
  });
});

describe('notesStore', () => {
  it('is one shared store, created without opening the database', () => {
    expect(notesStore()).toBeInstanceOf(DexieNotesStore);
    expect(notesStore()).toBe(notesStore());
  });

  it('opens the database early without throwing; a failure to open comes from the first query', async () => {
    // Node has no IndexedDB: the early open fails quietly (no unhandled rejection), and the reader
    // hears of it from the query that needed the database, in words.
    expect(() => {
      openNotesDatabase();
      openNotesDatabase();
    }).not.toThrow();
    const err = await rejection(notesStore().listForPage(PAGE_URL));
    expect(err.code).toBe('storage');
    expect(err.message).toMatch(/^批注数据库出错/);
  });
});

describe('requestPersistentStorage', () => {
  it('answers what the browser says and never throws', async () => {
    expect(await requestPersistentStorage(undefined)).toBe(false);
    const granted = { persisted: async () => false, persist: async () => true };
    expect(await requestPersistentStorage(granted)).toBe(true);
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => false })).toBe(false);
    expect(await requestPersistentStorage({ persisted: async () => true, persist: () => Promise.reject(new Error('no')) })).toBe(true);
    expect(await requestPersistentStorage({ persisted: async () => false, persist: () => Promise.reject(new Error('no')) })).toBe(false);
  });
});

describe('10 000 notes', () => {
  const N = 10_000;
  const PAGES = 500;
  const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`;

  function manyNotes(): Note[] {
    return Array.from({ length: N }, (_, i) =>
      makeNote({
        url: `https://www.shanhe.gov.cn/zfgb/2024/doc-${i % PAGES}.html`,
        body: `批注${i}`,
        tags: [`标签${i % 20}`],
        due: i % 3 === 0 ? `2025-0${1 + (i % 9)}-15` : null,
        updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      }),
    );
  }

  it('listForPage reads one page record by its URL, not by scanning', async () => {
    const db = new NotesDatabase('gazette-lens-10k', fakeIdb());
    const reads: string[] = [];
    db.use({
      stack: 'dbcore',
      name: 'record-reads',
      create: (down: DBCore): DBCore => ({
        ...down,
        table(name: string): DBCoreTable {
          const t = down.table(name);
          if (name !== 'pages') return t;
          return {
            ...t,
            get: (req) => (reads.push('get:primary'), t.get(req)),
            query: (req) => (reads.push(`query:${req.query.index.name || 'primary'}`), t.query(req)),
            openCursor: (req) => (reads.push(`cursor:${req.query.index.name || 'primary'}`), t.openCursor(req)),
          };
        },
      }),
    });
    const store = new DexieNotesStore(db);
    const notes = manyNotes();
    const figures: string[] = [];

    let t0 = performance.now();
    const plan = await store.planImport(notes, []);
    figures.push(`planImport ${ms(t0)}`);
    t0 = performance.now();
    expect(await store.applyImport(notes, [])).toEqual({ added: N, updated: 0, unchanged: 0 });
    figures.push(`applyImport ${ms(t0)}`);
    expect(plan.pages).toHaveLength(PAGES);

    t0 = performance.now();
    const again = await store.applyImport(notes, []);
    figures.push(`applyImport again, all unchanged ${ms(t0)}`);
    expect(again.unchanged).toBe(N);

    reads.length = 0;
    t0 = performance.now();
    const page = await store.listForPage('https://www.shanhe.gov.cn/zfgb/2024/doc-7.html#x');
    figures.push(`listForPage ${ms(t0)}`);
    expect(page).toHaveLength(N / PAGES);
    expect(page.every((n) => n.url.endsWith('/doc-7.html'))).toBe(true);
    expect(page[0]!.updatedAt > page[1]!.updatedAt).toBe(true);
    expect(reads).toEqual(['get:primary']);

    t0 = performance.now();
    const all = await store.all();
    figures.push(`all ${ms(t0)}`);
    expect(all).toHaveLength(N);
    expect(all[0]!.body).toBe(`批注${N - 1}`);

    t0 = performance.now();
    for (let i = 0; i < 1000; i++)
      await store.create({ target: selection, body: `新${i}` }, { ...PAGE, url: `${PAGE_URL}?n=${i % 50}` }, NOW);
    figures.push(`1000 × create() with ${N} in the db ${ms(t0)}`);

    console.info(`[notes-store, fake-indexeddb, ${N} notes] ${figures.join('; ')}`);
    db.close();
  }, 120_000);
});
