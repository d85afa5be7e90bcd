/**
 * Background (service worker in Chrome MV3, event page in Firefox MV2).
 * Thin wiring only: logic belongs in lib/.
 */
import { extract, type Entity } from '@/lib/index';
import { isBadgeRequest, isExtractRequest, type BadgeRequest } from '@/dom/summary';
export type PingRequest = { type: 'ping' };
export type PingResponse = { ok: true; version: string };

/** Answers runtime messages; returns undefined for messages it does not handle. */
export async function handleMessage(
  message: unknown,
  sender?: { tab?: { id?: number } },
): Promise<PingResponse | Entity[] | boolean | undefined> {
  if (isPing(message)) {
    return { ok: true, version: browser.runtime.getManifest().version };
  }
  // The content script sends page text here so extract() runs off the page's main thread.
  if (isExtractRequest(message)) return extract(message.text, { baseDate: message.baseDate });
  if (isBadgeRequest(message)) return setBadge(message, sender?.tab?.id);
  return undefined;
}

/** Toolbar badge of the sender's tab: its number of open deadlines (none shown for 0). */
async function setBadge(message: BadgeRequest, tabId: number | undefined): Promise<boolean> {
  // Chrome MV3 has `action`, Firefox MV2 `browserAction`.
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (tabId === undefined || !action) return false;
  await action.setBadgeText({ tabId, text: message.open > 0 ? String(message.open) : '' });
  await action.setBadgeBackgroundColor({ tabId, color: '#B3261E' });
  return true;
}

function isPing(message: unknown): message is PingRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ping';
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isPing(message) && !isExtractRequest(message) && !isBadgeRequest(message)) return undefined; // let other listeners answer
    // Return a native Promise from an async function (never a Dexie promise): see TOOLCHAIN.md.
    return handleMessage(message, sender);
  });
});
