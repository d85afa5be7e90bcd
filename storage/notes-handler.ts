/**
 * The background's answer to notes messages from content scripts (lib/notes/messages.ts).
 * Every message is schema-checked (zod) and must come from this extension, from a content script
 * in a tab or one of our own pages (utils/message-sender.ts): a page can't call
 * runtime.sendMessage for us, but a content script running in a hostile page relays page-influenced
 * data, so the shape and sizes are checked before anything reaches the database.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { NotesError, type NotesApi } from '@/lib/notes/notes-api';
import { normalizeUrl } from '@/lib/notes/note';
import type { NotesResponse } from '@/lib/notes/messages';
import {
  isoDateSchema,
  noteColorSchema,
  noteSchema,
  noteStatusSchema,
  noteTargetSchema,
  pageUrlSchema,
  tagSchema,
  uuidSchema,
} from '@/lib/notes/note-schema';
import { senderRefusal, type MessageSender } from '@/utils/message-sender';
import { notesStore } from './index';
import { requestPersistentStorage } from './persist';

/** The part of runtime.MessageSender we check. */
export type NotesSender = MessageSender;

// Generous bounds for one reader's note; a page can't make us store megabytes per message.
const body = z.string().max(20_000);
const tags = z.array(tagSchema.max(100)).max(50);
const page = z.object({
  url: pageUrlSchema,
  title: z.string().max(1000),
  site: z.string().max(255),
  docNumber: z.string().max(200).nullable(),
  docDate: isoDateSchema.nullable(),
});
const draft = z.object({
  target: noteTargetSchema,
  body,
  tags: tags.optional(),
  color: noteColorSchema.optional(),
  status: noteStatusSchema.optional(),
  due: isoDateSchema.nullable().optional(),
});
const patch = z.object({ body, tags, color: noteColorSchema, status: noteStatusSchema, due: isoDateSchema.nullable() }).partial().strict();

export const notesRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('gl:notes:list'), url: pageUrlSchema }),
  z.object({ type: z.literal('gl:notes:create'), draft, page }),
  z.object({ type: z.literal('gl:notes:update'), id: uuidSchema, patch }),
  z.object({ type: z.literal('gl:notes:remove'), ids: z.array(uuidSchema).min(1).max(1000) }),
  z.object({ type: z.literal('gl:notes:restore'), notes: z.array(noteSchema).min(1).max(1000) }),
  z.object({ type: z.literal('gl:notes:open-manager'), url: pageUrlSchema.optional() }),
]);

function fail(error: string): NotesResponse<never> {
  return { ok: false, error };
}

const OTHER_PAGE = '拒绝：网页中的公报透镜只能读写本页的批注。';

/**
 * The page whose notes a sender may read and change: a content script, only those of the page it
 * runs in (the website can't message us, but its renderer hosts the content script: were that
 * compromised, it still could not read or alter the notes of other pages); our own pages (popup,
 * manager), any: null.
 */
function pageScope(sender: NotesSender, origin: string): string | null {
  if (typeof sender.url === 'string' && sender.url.startsWith(origin)) return null;
  return normalizeUrl(sender.url ?? '');
}

/** True when every note under `ids` that exists belongs to `scope`. */
async function allOnPage(store: NotesApi, ids: readonly string[], scope: string): Promise<boolean> {
  for (const id of new Set(ids)) {
    const note = await store.get(id);
    if (note && note.url !== scope) return false;
  }
  return true;
}

export async function handleNotesMessage(
  message: unknown,
  sender: NotesSender,
  options: { store?: NotesApi; extensionId?: string; extensionOrigin?: string; openManager?: (url?: string) => Promise<void> } = {},
): Promise<NotesResponse<unknown>> {
  const self = {
    id: options.extensionId ?? browser.runtime.id,
    origin: options.extensionOrigin ?? browser.runtime.getURL('/'),
  };
  const refusal = senderRefusal(sender, self, 'content');
  if (refusal) return fail(refusal);
  const parsed = notesRequestSchema.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`消息格式不对（${issue?.path.join('.') || '—'}：${issue?.message ?? ''}），请重新加载页面后再试。`);
  }
  const store = options.store ?? notesStore();
  const m = parsed.data;
  const scope = pageScope(sender, self.origin);
  const onPage = (url: string) => scope === null || normalizeUrl(url) === scope;
  try {
    switch (m.type) {
      case 'gl:notes:list':
        if (!onPage(m.url)) return fail(OTHER_PAGE);
        return { ok: true, value: await store.listForPage(m.url) };
      case 'gl:notes:create': {
        if (!onPage(m.page.url)) return fail(OTHER_PAGE);
        const note = await store.create(m.draft, m.page);
        void requestPersistentStorage(); // first note: ask the browser not to evict the database
        return { ok: true, value: note };
      }
      case 'gl:notes:update':
        if (scope !== null && !(await allOnPage(store, [m.id], scope))) return fail(OTHER_PAGE);
        return { ok: true, value: await store.update(m.id, m.patch) };
      case 'gl:notes:remove':
        if (scope !== null && !(await allOnPage(store, m.ids, scope))) return fail(OTHER_PAGE);
        return { ok: true, value: await store.remove(m.ids) };
      case 'gl:notes:restore':
        if (!m.notes.every((n) => onPage(n.url))) return fail(OTHER_PAGE);
        await store.restore(m.notes);
        return { ok: true, value: true };
      case 'gl:notes:open-manager': {
        const open =
          options.openManager ??
          (async (url?: string) => {
            const base = browser.runtime.getURL('/notes.html');
            await browser.tabs.create({ url: url ? `${base}?page=${encodeURIComponent(url)}` : base });
          });
        await open(m.url);
        return { ok: true, value: true };
      }
    }
  } catch (e) {
    if (e instanceof NotesError) return fail(e.message);
    return fail(`操作失败：${e instanceof Error ? e.message : String(e)}`);
  }
}
