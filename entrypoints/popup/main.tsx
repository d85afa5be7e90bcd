import { browser } from 'wxt/browser';
import { render } from 'preact';
import { Popup, type PopupControl, type SummaryResult } from '@/components/Popup';
import {
  MODE_MESSAGE,
  REVEAL_MESSAGE,
  SUMMARY_MESSAGE,
  type LensMode,
  type ModeRequest,
  type PageSummary,
  type RevealRequest,
} from '@/dom/summary';
import { getSiteMode, setSiteMode } from '@/utils/site-modes';
import type { PageNotesControl } from '@/components/PageNotes';
import type { PageNotesRequest, PageNotesState } from '@/lib/notes/messages';
import type { NotesApi } from '@/lib/notes/notes-api';
import { normalizeUrl, sameNoteVersions, siteOf, type PageInfo } from '@/lib/notes/note';
import { requestPersistentStorage } from '@/storage/persist';
import { localizePage, t } from '@/utils/i18n';
import './style.css';

localizePage(document, 'appName');

/**
 * The tab to summarise: the active tab of the current window, or `?tab=<id>` (used by the e2e
 * tests, which open the popup as a page of its own). Asked once: a popup serves one tab.
 */
const tabIdOnce = (async (): Promise<number | undefined> => {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
})();
const targetTabId = () => tabIdOnce;

/**
 * `fetch` started at once; the first call gets that promise, later calls fetch again. What the
 * popup shows first is asked for before it renders, not from a component effect a frame later.
 */
function prefetched<T>(fetch: () => Promise<T>): () => Promise<T> {
  let first: Promise<T> | undefined = fetch();
  return () => {
    const p = first ?? fetch();
    first = undefined;
    return p;
  };
}

async function loadSummary(): Promise<SummaryResult> {
  const tabId = await targetTabId();
  if (tabId === undefined) return { status: 'no-content-script' };
  try {
    const summary = (await browser.tabs.sendMessage(tabId, { type: SUMMARY_MESSAGE })) as PageSummary | undefined;
    return summary ? { status: 'ok', summary } : { status: 'no-content-script' };
  } catch {
    // "Could not establish connection. Receiving end does not exist." — no content script there.
    return { status: 'no-content-script' };
  }
}

async function reveal(index: number): Promise<void> {
  const tabId = await targetTabId();
  if (tabId === undefined) return;
  const request: RevealRequest = { type: REVEAL_MESSAGE, index };
  await browser.tabs.sendMessage(tabId, request).catch(() => undefined);
}

async function setMode(mode: LensMode): Promise<SummaryResult> {
  const tabId = await targetTabId();
  if (tabId === undefined) return { status: 'no-content-script' };
  const request: ModeRequest = { type: MODE_MESSAGE, mode };
  try {
    const summary = (await browser.tabs.sendMessage(tabId, request)) as PageSummary | undefined;
    return summary ? { status: 'ok', summary } : { status: 'no-content-script' };
  } catch {
    return { status: 'no-content-script' };
  }
}

/** "标注此页" on a page without the content script: activeTab lets us inject it into this tab. */
async function forceHere(): Promise<SummaryResult> {
  const tabId = await targetTabId();
  if (tabId === undefined) return { status: 'no-content-script' };
  await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
  for (let i = 0; i < 20; i++) {
    const result = await setMode('force');
    if (result.status === 'ok') return result;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(t('popupInjectTimeout'));
}

const control: PopupControl = { setMode, forceHere, getSiteMode, setSiteMode };

async function askPage<T>(request: PageNotesRequest): Promise<T | undefined> {
  const tabId = await targetTabId();
  if (tabId === undefined) return undefined;
  return (await browser.tabs.sendMessage(tabId, request).catch(() => undefined)) as T | undefined;
}

/**
 * The notes database (Dexie) is loaded on demand, not with the popup: the first list comes from the
 * page (pageState below), so the popup's script is small and its first render needs no database.
 */
let storeOnce: Promise<NotesApi> | undefined;
const notesDb = (): Promise<NotesApi> => (storeOnce ??= import('@/storage/index').then((m) => m.notesStore()));

/** The page's notes as its content script holds them, asked for at once, beside the summary. */
const pageState = askPage<PageNotesState>({ type: 'gl:notes:state' });

/**
 * Notes of the summarised page: first as the page's content script holds them (one round trip,
 * already under way), then from the database (the popup is an extension page, in the database's
 * origin), which wins where they differ. The content script is told to repaint after each change.
 */
function notesFor(summary: PageSummary): PageNotesControl {
  const url = normalizeUrl(summary.url);
  const state = pageState.then((s) => (s && s.url === url ? s : undefined));
  const page: PageInfo = {
    url: summary.url,
    title: summary.title,
    site: siteOf(summary.url),
    docNumber: summary.docNumber ?? null,
    docDate: summary.docDate ?? null,
  };
  const repaint = () => void askPage({ type: 'gl:notes:refresh' });
  // The page's copy holds until the popup changes a note; after that the database answers.
  let changed = false;
  const thenRepaint = async <T,>(p: Promise<T>): Promise<T> => {
    const value = await p;
    changed = true;
    repaint();
    return value;
  };
  const copy = async () => (changed ? undefined : await state);
  const stored = async () => (await notesDb()).listForPage(url);
  return {
    list: async () => (await copy())?.notes ?? stored(),
    anchoring: async () => (await copy())?.anchoring ?? (await askPage<PageNotesState>({ type: 'gl:notes:state' }))?.anchoring ?? {},
    stored: async () => {
      const [fresh, first] = await Promise.all([stored(), state]);
      // The page's copy was stale (changed in the manager since): so are its highlights.
      if (first && !sameNoteVersions(first.notes, fresh)) repaint();
      return fresh;
    },
    create: (draft) => {
      void requestPersistentStorage();
      return thenRepaint(notesDb().then((s) => s.create(draft, page)));
    },
    update: (id, patch) => thenRepaint(notesDb().then((s) => s.update(id, patch))),
    remove: (ids) => thenRepaint(notesDb().then((s) => s.remove(ids))),
    restore: (notes) => thenRepaint(notesDb().then((s) => s.restore(notes))),
    reveal: async (id) => (await askPage<boolean>({ type: 'gl:notes:reveal', id })) === true,
    openManager: () => {
      void browser.tabs.create({ url: `${browser.runtime.getURL('/notes.html')}?page=${encodeURIComponent(summary.url)}` });
      window.close();
    },
  };
}

// The summary's and the notes' round trips to the page overlap each other and the first render.
const load = prefetched(loadSummary);

render(
  <Popup version={browser.runtime.getManifest().version} load={load} reveal={(i) => void reveal(i)} control={control} notes={notesFor} />,
  document.getElementById('app')!,
);
