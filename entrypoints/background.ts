/**
 * Background (service worker in Chrome MV3, event page in Firefox MV2).
 * Thin wiring only: logic belongs in lib/, the notes database in storage/.
 */
import { extract, type Entity } from '@/lib/index';
import { isBadgeRequest, isCalendarEventRequest, isExtractRequest, type BadgeRequest } from '@/dom/summary';
import { icsEvent } from '@/lib/ics';
import { isNotesRequestType, type PageNotesRequest } from '@/lib/notes/messages';
import { handleNotesMessage, type NotesSender } from '@/storage/notes-handler';
export type PingRequest = { type: 'ping' };
export type PingResponse = { ok: true; version: string };

/** Context-menu item and keyboard command that open the note editor for the selection. */
export const ADD_NOTE_MENU_ID = 'gl-add-note';
export const ADD_NOTE_COMMAND = 'add-note';

/** Answers runtime messages; returns undefined for messages it does not handle. */
export async function handleMessage(
  message: unknown,
  sender?: NotesSender,
): Promise<unknown> {
  if (isPing(message)) {
    return { ok: true, version: browser.runtime.getManifest().version } satisfies PingResponse;
  }
  // The content script sends page text here so extract() runs off the page's main thread.
  if (isExtractRequest(message)) return extract(message.text, { baseDate: message.baseDate }) satisfies Entity[];
  if (isBadgeRequest(message)) return setBadge(message, sender?.tab?.id);
  if (isCalendarEventRequest(message)) return icsEvent({ ...message.event, now: new Date() });
  if (isNotesRequestType(message)) return handleNotesMessage(message, sender ?? {});
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

/**
 * Opens the note editor in `tabId` for its selection. Outside *.gov.cn no content script runs yet:
 * the menu click / shortcut grants activeTab, so inject it (it keeps the selection) and ask again.
 */
export async function composeInTab(tabId: number): Promise<void> {
  const request: PageNotesRequest = { type: 'gl:notes:compose' };
  try {
    await browser.tabs.sendMessage(tabId, request);
    return;
  } catch {
    // no content script in this tab
  }
  await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
  for (let i = 0; i < 30; i++) {
    try {
      await browser.tabs.sendMessage(tabId, request);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender) => {
    if (!isPing(message) && !isExtractRequest(message) && !isBadgeRequest(message) && !isCalendarEventRequest(message) && !isNotesRequestType(message)) return undefined; // let other listeners answer
    // Return a native Promise from an async function (never a Dexie promise): see TOOLCHAIN.md.
    return handleMessage(message, sender);
  });

  // Menus persist across restarts: (re)create them on install/update only.
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: ADD_NOTE_MENU_ID, title: '添加批注', contexts: ['selection'] }, () => void browser.runtime.lastError);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === ADD_NOTE_MENU_ID && tab?.id !== undefined) void composeInTab(tab.id).catch((e) => console.error('[公报透镜]', e));
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== ADD_NOTE_COMMAND) return;
    const run = async () => {
      const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id !== undefined) await composeInTab(id);
    };
    void run().catch((e) => console.error('[公报透镜]', e));
  });
});
