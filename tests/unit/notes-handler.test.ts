import { describe, expect, it } from 'vitest';
import { handleNotesMessage } from '@/storage/notes-handler';
import { DexieNotesStore } from '@/storage/notes-store';
import type { Note } from '@/lib/notes/note';
import { PAGE, freshDb } from './notes-db-fixtures';

const EXT = 'gazette-lens-test-id';
/** The content script of PAGE's tab. */
const fromUs = { id: EXT, tab: { id: 3 }, url: `${PAGE.url}#top` };
const quote = { type: 'TextQuoteSelector', exact: '清理河道障碍', prefix: '任务\t', suffix: '\t县水利局' } as const;
const position = { type: 'TextPositionSelector', start: 40, end: 46 } as const;

function setup() {
  const store = new DexieNotesStore(freshDb());
  const ask = (message: unknown, sender: { id?: string; url?: string; tab?: { id?: number } } = fromUs) =>
    handleNotesMessage(message, sender, { store, extensionId: EXT, extensionOrigin: `chrome-extension://${EXT}/` });
  return { store, ask };
}

describe('background notes messages', () => {
  it('creates, lists, updates and removes notes for the content script', async () => {
    const { ask } = setup();
    const created = await ask({
      type: 'gl:notes:create',
      draft: { target: { type: 'selection', quote, position }, body: '要跟进' },
      page: PAGE,
    });
    expect(created.ok).toBe(true);
    const note = (created as { value: Note }).value;
    expect(note).toMatchObject({ body: '要跟进', url: PAGE.url, docNumber: '山政办发〔2024〕12号', status: 'todo' });
    // The page's URL with a fragment and a tracking parameter is the same page.
    const listed = await ask({ type: 'gl:notes:list', url: `${PAGE.url}?utm_source=wx#p3` });
    expect(listed).toEqual({ ok: true, value: [note] });
    const updated = await ask({ type: 'gl:notes:update', id: note.id, patch: { status: 'done', tags: ['防汛'] } });
    expect(updated).toMatchObject({ ok: true, value: { status: 'done', tags: ['防汛'] } });
    expect(await ask({ type: 'gl:notes:remove', ids: [note.id] })).toMatchObject({ ok: true });
    expect(await ask({ type: 'gl:notes:list', url: PAGE.url })).toEqual({ ok: true, value: [] });
  });

  it('refuses messages that are not from the extension itself', async () => {
    const { ask, store } = setup();
    const r = await ask({ type: 'gl:notes:list', url: PAGE.url }, { id: 'some-other-extension' });
    expect(r).toEqual({ ok: false, error: '拒绝：消息不是来自公报透镜本身。' });
    expect(await store.all()).toEqual([]);
  });

  it('takes notes messages from a content script in a tab or from our own pages, not from a tabless context elsewhere', async () => {
    const { ask, store } = setup();
    const create = { type: 'gl:notes:create', draft: { target: { type: 'page' }, body: '整篇转发' }, page: PAGE };
    const r = await ask(create, { id: EXT, url: 'http://www.shanhe.gov.cn/zfgb/1.html' });
    expect(r).toEqual({ ok: false, error: '拒绝：这条消息只能来自网页中的公报透镜。' });
    expect(await store.all()).toEqual([]);
    expect(await ask(create, { id: EXT, url: `chrome-extension://${EXT}/popup.html` })).toMatchObject({ ok: true });
    expect(await store.all()).toHaveLength(1);
  });

  it("lets a content script read and change only its own page's notes; our own pages, any", async () => {
    const { ask, store } = setup();
    const other = { ...PAGE, url: 'https://www.hexi.gov.cn/tzgg/2024/15.html' };
    const popup = { id: EXT, url: `chrome-extension://${EXT}/popup.html` };
    const mine = (await store.create({ target: { type: 'page' }, body: '本页' }, PAGE)).id;
    const theirs = (await store.create({ target: { type: 'page' }, body: '别的页面' }, other)).id;
    const before = await store.all();
    const refused = { ok: false, error: '拒绝：网页中的公报透镜只能读写本页的批注。' };

    expect(await ask({ type: 'gl:notes:list', url: other.url })).toEqual(refused);
    expect(await ask({ type: 'gl:notes:create', draft: { target: { type: 'page' }, body: 'x' }, page: other })).toEqual(refused);
    expect(await ask({ type: 'gl:notes:update', id: theirs, patch: { body: '改' } })).toEqual(refused);
    expect(await ask({ type: 'gl:notes:remove', ids: [mine, theirs] })).toEqual(refused);
    const planted = { ...before.find((n) => n.id === theirs)!, id: '00000000-0000-4000-8000-00000000abcd' };
    expect(await ask({ type: 'gl:notes:restore', notes: [planted] })).toEqual(refused);
    // A content script whose sender has no URL is scoped to nothing.
    expect(await ask({ type: 'gl:notes:list', url: PAGE.url }, { id: EXT, tab: { id: 4 } })).toEqual(refused);
    expect(await store.all()).toEqual(before);

    // Its own page, under another spelling of the same URL, is fine; so is anything from the popup.
    expect(await ask({ type: 'gl:notes:list', url: `${PAGE.url}?utm_source=wx` })).toMatchObject({ ok: true, value: [{ id: mine }] });
    expect(await ask({ type: 'gl:notes:update', id: mine, patch: { body: '本页，已改' } })).toMatchObject({ ok: true });
    expect(await ask({ type: 'gl:notes:list', url: other.url }, popup)).toMatchObject({ ok: true, value: [{ id: theirs }] });
    expect(await ask({ type: 'gl:notes:remove', ids: [theirs] }, popup)).toMatchObject({ ok: true });
  });

  it('rejects malformed or oversized requests with a clear message and writes nothing', async () => {
    const { ask, store } = setup();
    const bad = [
      { type: 'gl:notes:create', draft: { target: { type: 'selection', quote }, body: 'x' }, page: PAGE }, // no position
      { type: 'gl:notes:create', draft: { target: { type: 'page' }, body: 'x'.repeat(20_001) }, page: PAGE },
      { type: 'gl:notes:create', draft: { target: { type: 'page' }, body: 'x', due: '2024-02-30' }, page: PAGE },
      { type: 'gl:notes:create', draft: { target: { type: 'page' }, body: 'x' }, page: { ...PAGE, url: 'javascript-not-a-url' } },
      { type: 'gl:notes:update', id: 'not-a-uuid', patch: { body: 'x' } },
      { type: 'gl:notes:update', id: '00000000-0000-4000-8000-000000000001', patch: { url: 'https://evil.example/' } },
      { type: 'gl:notes:remove', ids: [] },
    ];
    for (const m of bad) {
      const r = await ask(m);
      expect(r.ok, JSON.stringify(m).slice(0, 80)).toBe(false);
      expect((r as { error: string }).error).toMatch(/^消息格式不对（.+）/);
    }
    expect(await store.all()).toEqual([]);
  });

  it('passes the store error for a missing note through as the reader-facing message', async () => {
    const { ask } = setup();
    const r = await ask({ type: 'gl:notes:update', id: '00000000-0000-4000-8000-000000000999', patch: { body: 'x' } });
    expect(r.ok).toBe(false);
    expect((r as { error: string }).error).toMatch(/批注/);
  });
});
