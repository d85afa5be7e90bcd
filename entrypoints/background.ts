/**
 * Background (service worker in Chrome MV3, event page in Firefox MV2).
 * Thin wiring only: logic belongs in lib/.
 */
import { extract, type Entity } from '@/lib/index';
import { isExtractRequest } from '@/dom/summary';
export type PingRequest = { type: 'ping' };
export type PingResponse = { ok: true; version: string };

/** Answers runtime messages; returns undefined for messages it does not handle. */
export async function handleMessage(message: unknown): Promise<PingResponse | Entity[] | undefined> {
  if (isPing(message)) {
    return { ok: true, version: browser.runtime.getManifest().version };
  }
  // The content script sends page text here so extract() runs off the page's main thread.
  if (isExtractRequest(message)) return extract(message.text, { baseDate: message.baseDate });
  return undefined;
}

function isPing(message: unknown): message is PingRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ping';
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message) => {
    if (!isPing(message) && !isExtractRequest(message)) return undefined; // let other listeners answer
    // Return a native Promise from an async function (never a Dexie promise): see TOOLCHAIN.md.
    return handleMessage(message);
  });
});
