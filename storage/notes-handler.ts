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
  try {
    switch (m.type) {
      case 'gl:notes:list':
        return { ok: true, value: await store.listForPage(m.url) };
      case 'gl:notes:create': {
        const note = await store.create(m.draft, m.page);
        void requestPersistentStorage(); // first note: ask the browser not to evict the database
        return { ok: true, value: note };
      }
      case 'gl:notes:update':
        return { ok: true, value: await store.update(m.id, m.patch) };
      case 'gl:notes:remove':
        return { ok: true, value: await store.remove(m.ids) };
      case 'gl:notes:restore':
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
