/**
 * Content script for county-government sites: thin wiring. The work is in dom/ (text model →
 * extract → detect → paint with the CSS Custom Highlight API; dom/live.ts re-runs it when the page's
 * content changes; dom/notes-layer.ts anchors and paints the reader's notes). The page's DOM and
 * text are never changed.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { localIsoDate } from '@/dom/analyze';
import { EntityCard } from '@/dom/card';
import { Legend } from '@/dom/legend';
import { PageLens } from '@/dom/live';
import { NotesLayer, type NotesChannel } from '@/dom/notes-layer';
import {
  BADGE_MESSAGE,
  CALENDAR_MESSAGE,
  EXTRACT_MESSAGE,
  isModeRequest,
  isRevealRequest,
  isSummaryRequest,
  openDeadlines,
  type BadgeRequest,
  type ExtractRequest,
  type PageSummary,
} from '@/dom/summary';
import type { Entity } from '@/lib/index';
import { isPageNotesRequest, type NotesRequest, type NotesResponse } from '@/lib/notes/messages';
import { siteOf } from '@/lib/notes/note';
import { getSiteMode, lensModeFor } from '@/utils/site-modes';
import { t } from '@/utils/i18n';

/**
 * extract() runs in the background, off the page's main thread. The content script carries no copy
 * of the extractor (it would add ~10 KB gzip to every government page): a background that does not
 * answer (a service worker just woken, or restarting) is asked again, then the run fails with a
 * message the popup shows.
 */
async function extractText(text: string, baseDate: string): Promise<Entity[]> {
  const request: ExtractRequest = { type: EXTRACT_MESSAGE, text, baseDate };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const entities = (await browser.runtime.sendMessage(request)) as Entity[] | undefined;
      if (Array.isArray(entities)) return entities;
    } catch {
      // not answered: try again shortly
    }
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
  throw new Error(t('backgroundNoResponse'));
}

/** One request to the background's notes database; its error message is the reader's. */
async function askNotes<T>(request: NotesRequest): Promise<T> {
  let response: NotesResponse<T> | undefined;
  try {
    response = (await browser.runtime.sendMessage(request)) as NotesResponse<T> | undefined;
  } catch {
    response = undefined;
  }
  if (!response) throw new Error(t('backgroundNoResponse'));
  if (!response.ok) throw new Error(response.error);
  return response.value;
}

const notesChannel: NotesChannel = {
  list: (url) => askNotes({ type: 'gl:notes:list', url }),
  create: (draft, page) => askNotes({ type: 'gl:notes:create', draft, page }),
  update: (id, patch) => askNotes({ type: 'gl:notes:update', id, patch }),
  remove: (ids) => askNotes({ type: 'gl:notes:remove', ids }),
};

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  runAt: 'document_idle',
  // WXT would announce the script to the page with window.postMessage; nothing of ours talks to
  // the page (and nothing listens to its messages: tests/e2e/hostile.spec.ts).
  noScriptStartedPostMessage: true,
  main() {
    // Injected twice (the *.gov.cn match, then the popup's "标注此页")? The first one answers.
    const w = window as unknown as { __gazetteLens?: boolean };
    if (w.__gazetteLens) return;
    w.__gazetteLens = true;

    const badge = (summary: PageSummary) => {
      const request: BadgeRequest = { type: BADGE_MESSAGE, open: openDeadlines(summary) };
      browser.runtime.sendMessage(request).catch(() => undefined);
    };
    const legend = new Legend(document);
    let notes: NotesLayer | undefined;
    const onRun = (summary: PageSummary) => {
      badge(summary);
      legend.update(summary);
      // The page's content changed: the notes' passages may have moved.
      if ((summary.run ?? 1) > 1) notes?.reanchor().catch((e) => console.error('[公报透镜]', e));
    };
    const ready = (async () => {
      // The per-site lists decide the starting mode: always → force, never → off.
      const site = await getSiteMode(location.hostname).catch(() => null);
      const lens = new PageLens(document, {
        analyze: () => ({ today: localIsoDate(), extractText }),
        mode: lensModeFor(site),
        onRun,
      });
      lens.summary().catch((e) => console.error('[公报透镜]', e));
      lens.watch();
      notes = new NotesLayer(document, {
        channel: notesChannel,
        current: () => lens.analysis(),
        page: (a) => ({
          url: location.href,
          title: a.summary.title,
          site: siteOf(location.href),
          docNumber: a.summary.docNumber ?? null,
          docDate: a.summary.docDate ?? null,
        }),
      });
      notes.attach();
      notes.refresh().catch((e) => console.error('[公报透镜]', e));
      const layer = notes;
      const card = new EntityCard(document, {
        current: () => lens.analysis(),
        today: localIsoDate,
        calendarFile: async (event) => {
          const ics = (await browser.runtime.sendMessage({ type: CALENDAR_MESSAGE, event })) as string | undefined;
          if (typeof ics !== 'string') throw new Error(t('backgroundNoResponse'));
          return ics;
        },
        onNote: (entity, how) =>
          void layer.composeForEntity(entity, how).catch((e) => layer.notice(String(e instanceof Error ? e.message : e))),
        yieldsAt: (x, y, a) => layer.hasNoteAt(x, y, a),
      });
      card.attach();
      // Notes edited in the manager or another tab: catch up when the reader comes back.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') layer.refresh().catch(() => undefined);
      });
      /**
       * The popup's jump: scroll to the entity, flash it, and open its card with the focus in it —
       * the keyboard way to a card (highlights themselves can't take focus).
       */
      const reveal = async (index: number): Promise<boolean> => {
        if (!(await lens.reveal(index))) return false;
        const a = await lens.analysis();
        const range = a.rangeOf(index);
        const entity = a.entities[index];
        if (range && entity) card.open(entity, range.getBoundingClientRect(), a, { range });
        return true;
      };
      return { lens, notes: layer, reveal };
    })();
    browser.runtime.onMessage.addListener((message, sender) => {
      // Only our popup and background talk to us (runtime.onMessage hears nothing else; checked anyway).
      if (sender.id !== browser.runtime.id) return undefined;
      // Native Promises only (see TOOLCHAIN.md).
      if (isSummaryRequest(message)) return ready.then(({ lens }) => lens.summary());
      if (isRevealRequest(message)) return ready.then(({ reveal }) => reveal(message.index));
      if (isModeRequest(message)) return ready.then(({ lens }) => lens.setMode(message.mode));
      if (isPageNotesRequest(message)) {
        return ready.then(async ({ notes: layer }) => {
          if (message.type === 'gl:notes:compose') {
            const problem = await layer.composeFromSelection();
            if (problem) layer.notice(problem);
            return problem === null;
          }
          if (message.type === 'gl:notes:refresh') return layer.refresh().then(() => true);
          if (message.type === 'gl:notes:reveal') return layer.reveal(message.id);
          return layer.state();
        });
      }
      return undefined;
    });
  },
});
