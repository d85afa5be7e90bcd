/** Shared fixtures for the notes database tests: isolated fake IndexedDB, invented 山河县 notes. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DexieOptions } from 'dexie';
import type { AnnotatedPage, Note, PageInfo } from '@/lib/notes/note';
import { NotesDatabase } from '@/storage/notes-db';
import { pageOf as pageOfRecord, type PageRecord } from '@/storage/page-record';

/** A fresh in-memory IndexedDB per call: tests never see each other's databases. */
export function fakeIdb(): DexieOptions {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function freshDb(options: DexieOptions = fakeIdb()): NotesDatabase {
  return new NotesDatabase('gazette-lens-test', options);
}

export const PAGE_URL = 'https://www.shanhe.gov.cn/zfgb/2024/hzbf-12.html';

export const PAGE: PageInfo = {
  url: PAGE_URL,
  title: '山河县人民政府办公室关于做好2024年秋冬季森林防火工作的通知',
  site: 'www.shanhe.gov.cn',
  docNumber: '山政办发〔2024〕12号',
  docDate: '2024-10-08',
};

let seq = 0;

/** A complete note with invented content; ids are deterministic per test file run. */
export function makeNote(overrides: Partial<Note> = {}): Note {
  seq += 1;
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  return {
    id,
    url: PAGE_URL,
    pageTitle: PAGE.title,
    site: PAGE.site,
    docNumber: PAGE.docNumber,
    docDate: PAGE.docDate,
    target: {
      type: 'selection',
      quote: { type: 'TextQuoteSelector', exact: '各乡镇于11月30日前完成隐患排查', prefix: '二、', suffix: '。' },
      position: { type: 'TextPositionSelector', start: 120 + seq, end: 135 + seq },
    },
    body: `第${seq}条批注：落实到村组`,
    tags: ['森林防火'],
    color: 'yellow',
    status: 'todo',
    due: null,
    createdAt: '2024-10-09T01:00:00.000Z',
    updatedAt: '2024-10-09T01:00:00.000Z',
    ...overrides,
  };
}

export function pageOf(note: Note): AnnotatedPage {
  return {
    url: note.url,
    title: note.pageTitle,
    site: note.site,
    docNumber: note.docNumber,
    docDate: note.docDate,
    updatedAt: note.updatedAt,
  };
}

/**
 * Everything in the database: the raw page records (deep-equal dumps prove a write left no trace),
 * and, read from them, every note in id order and every page's own fields in URL order.
 */
export async function dump(db: NotesDatabase): Promise<{ notes: Note[]; pages: AnnotatedPage[]; records: PageRecord[] }> {
  const records = await db.pages.toArray();
  const notes = records.flatMap((r) => r.notes).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { notes, pages: records.map(pageOfRecord), records };
}
