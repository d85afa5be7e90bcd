/**
 * The host element of each piece of our in-page UI (card, legend, note editor, notice): attached
 * to <html> (outside <body>, so the page's body DOM and text stay its own), with a CLOSED shadow
 * root the page's scripts can't reach (host.shadowRoot is null for them), and a :host rule the
 * page's styles can't override: for !important declarations the shadow tree's own :host rule wins
 * over every rule of the page, its stylesheets and the host's style attribute alike (CSS Cascade 4,
 * "context"), so `gazette-lens-card { display: none !important }` or a script setting
 * host.style.display = 'none' hides nothing. tests/e2e/hostile.spec.ts tries both. (A page can still
 * remove our hosts from its DOM, or clear CSS.highlights: it owns its document.)
 */
import { UI_ATTRIBUTE } from './text-model';

/** Resets every property of the host (all: initial) and shows it, whatever the page says. */
export const HOST_CSS = `:host { all: initial !important; display: block !important; visibility: visible !important; }`;

/**
 * Creates (not yet attached) a host `tag` with its shadow root. `mode` is 'open' only in unit tests
 * (happy-dom can't look into a closed root); the extension always uses 'closed'.
 */
export function createUiHost(doc: Document, tag: string, mode: ShadowRootMode = 'closed'): { host: HTMLElement; root: ShadowRoot } {
  let host = doc.createElement(tag);
  let root: ShadowRoot;
  try {
    root = host.attachShadow({ mode });
  } catch {
    // The page defined a custom element of this name whose constructor took the shadow root first:
    // a plain <div> can't be redefined by the page.
    host = doc.createElement('div');
    root = host.attachShadow({ mode });
  }
  host.setAttribute(UI_ATTRIBUTE, '');
  const style = doc.createElement('style');
  style.textContent = HOST_CSS;
  root.append(style);
  return { host, root };
}
