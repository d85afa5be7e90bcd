/**
 * The background's answers to the messages other than notes (those are in
 * storage/notes-handler.ts): ping, extract() for the content script, its tab's badge, and the .ics
 * of a card's deadline. Each is schema-checked (zod) and sender-checked (utils/message-sender.ts)
 * before it is acted on: a content script relays page-influenced data, so shapes and sizes are
 * bounded here. The content script never imports this module (zod stays out of its bundle).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { BADGE_MESSAGE, CALENDAR_MESSAGE, EXTRACT_MESSAGE } from '@/dom/summary';
import { extract, type Entity } from '@/lib/index';
import { icsEvent } from '@/lib/ics';
import { senderRefusal, type MessageSender, type Self, type SenderNeed } from './message-sender';

export type PingRequest = { type: 'ping' };
export type PingResponse = { ok: true; version: string };

/** The most page text (UTF-16 units, 20 Mi) the background extracts from in one message. */
export const MAX_PAGE_TEXT = 20 * 1024 * 1024;

const isoDate = z.iso.date();

export const backgroundRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping') }),
  z.strictObject({ type: z.literal(EXTRACT_MESSAGE), text: z.string().max(MAX_PAGE_TEXT), baseDate: isoDate }),
  z.strictObject({ type: z.literal(BADGE_MESSAGE), open: z.number().int().min(0).max(1_000_000) }),
  z.strictObject({
    type: z.literal(CALENDAR_MESSAGE),
    event: z.strictObject({
      date: isoDate,
      summary: z.string().max(2000),
      description: z.string().max(20_000).optional(),
      url: z.string().max(8192).optional(),
      uid: z.string().min(1).max(200),
    }),
  }),
]);

type BackgroundRequest = z.infer<typeof backgroundRequestSchema>;

/** Ping comes from any of our contexts; the rest only from content scripts (or our own pages). */
const SENDER_NEEDS: Record<BackgroundRequest['type'], SenderNeed> = {
  ping: 'extension',
  [EXTRACT_MESSAGE]: 'content',
  [BADGE_MESSAGE]: 'content',
  [CALENDAR_MESSAGE]: 'content',
};

/** True for the message types handleBackgroundMessage answers (whether or not they are valid). */
export function isBackgroundRequestType(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && Object.hasOwn(SENDER_NEEDS, type);
}

/**
 * Answers one message; undefined when it is refused (wrong sender, wrong shape, too large): the
 * content script then extracts by itself or reports that the background did not answer.
 */
export async function handleBackgroundMessage(
  message: unknown,
  sender: MessageSender,
  self: Self,
  now: Date = new Date(),
): Promise<unknown> {
  if (!isBackgroundRequestType(message)) return undefined;
  const type = (message as { type: BackgroundRequest['type'] }).type;
  if (senderRefusal(sender, self, SENDER_NEEDS[type]) !== null) return undefined;
  const parsed = backgroundRequestSchema.safeParse(message);
  if (!parsed.success) return undefined;
  const m = parsed.data;
  switch (m.type) {
    case 'ping':
      return { ok: true, version: browser.runtime.getManifest().version } satisfies PingResponse;
    case EXTRACT_MESSAGE:
      return extract(m.text, { baseDate: m.baseDate }) satisfies Entity[];
    case BADGE_MESSAGE:
      return setBadge(m.open, sender.tab?.id);
    case CALENDAR_MESSAGE:
      return icsEvent({ ...m.event, now });
  }
}

/** Toolbar badge of the sender's tab: its number of open deadlines (none shown for 0). */
async function setBadge(open: number, tabId: number | undefined): Promise<boolean> {
  // Chrome MV3 has `action`, Firefox MV2 `browserAction`.
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (tabId === undefined || !action) return false;
  await action.setBadgeText({ tabId, text: open > 0 ? String(open) : '' });
  await action.setBadgeBackgroundColor({ tabId, color: '#B3261E' });
  return true;
}
