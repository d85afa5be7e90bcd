import { render } from 'preact';
import { Popup, type SummaryResult } from '@/components/Popup';
import { REVEAL_MESSAGE, SUMMARY_MESSAGE, type PageSummary, type RevealRequest } from '@/dom/summary';
import './style.css';

/**
 * The tab to summarise: the active tab of the current window, or `?tab=<id>` (used by the e2e
 * tests, which open the popup as a page of its own).
 */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
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

render(
  <Popup version={browser.runtime.getManifest().version} load={loadSummary} reveal={(i) => void reveal(i)} />,
  document.getElementById('app')!,
);
