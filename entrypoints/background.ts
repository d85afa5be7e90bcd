/**
 * Background (service worker in Chrome MV3, event page in Firefox MV2).
 * Thin wiring only: logic belongs in lib/, the notes database in storage/. Every message is
 * schema- and sender-checked by its handler (storage/notes-handler.ts, utils/background-messages.ts).
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isNotesRequestType, type PageNotesRequest } from '@/lib/notes/messages';
import { handleNotesMessage } from '@/storage/notes-handler';
import { handleBackgroundMessage, isBackgroundRequestType } from '@/utils/background-messages';
import type { MessageSender } from '@/utils/message-sender';
import { t } from '@/utils/i18n';

/** Context-menu item and keyboard command that open the note editor for the selection. */
export const ADD_NOTE_MENU_ID = 'gl-add-note';
export const ADD_NOTE_COMMAND = 'add-note';

/** Answers runtime messages; returns undefined for messages it does not handle or refuses. */
export async function handleMessage(message: unknown, sender: MessageSender = {}): Promise<unknown> {
  if (isNotesRequestType(message)) return handleNotesMessage(message, sender);
  if (isBackgroundRequestType(message)) {
    return handleBackgroundMessage(message, sender, { id: browser.runtime.id, origin: browser.runtime.getURL('/') });
  }
  return undefined;
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
    if (!isNotesRequestType(message) && !isBackgroundRequestType(message)) return undefined; // let other listeners answer
    // Return a native Promise from an async function (never a Dexie promise): see TOOLCHAIN.md.
    return handleMessage(message, sender);
  });

  // Menus persist across restarts: (re)create them on install/update only.
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create(
      { id: ADD_NOTE_MENU_ID, title: t('addNote'), contexts: ['selection'] },
      () => void browser.runtime.lastError,
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === ADD_NOTE_MENU_ID && tab?.id !== undefined)
      void composeInTab(tab.id).catch((e) => console.error('[公报透镜]', e));
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
