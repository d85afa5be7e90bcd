/**
 * The in-page legend: a small fixed panel (in a CLOSED shadow root, attached to <html> outside
 * <body>, dom/ui-host.ts, so the page's body DOM and text stay untouched and the page can't reach or
 * restyle it) with one switch per highlight kind and its count.
 * Built with createElement/textContent only — never innerHTML.
 */
import { HIGHLIGHT_COLORS, HIGHLIGHT_NAMES, highlightApiAvailable, MARKS_OFF_ATTRIBUTE } from './highlighter';
import type { HighlightKind, PageSummary } from './summary';
import { t, type MessageKey } from '@/utils/i18n';
import { createUiHost } from './ui-host';

const LABELS: Record<HighlightKind, MessageKey> = {
  docnumber: 'legendDocNumber',
  deadline: 'legendDeadline',
  'deadline-overdue': 'legendOverdue',
  unit: 'legendUnit',
};

const CSS_TEXT = `
.panel { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; background: #fff; color: #1f2328;
  border: 1px solid #c8ccd1; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.15); padding: 6px 8px;
  font: 12px/1.5 system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; }
.title { font-weight: 600; margin-right: 4px; }
button { font: inherit; cursor: pointer; border: 1px solid transparent; border-radius: 4px; background: none;
  padding: 1px 6px; margin: 0 1px; color: inherit; }
button[aria-pressed="false"] { opacity: .45; text-decoration: line-through; }
button:focus-visible { outline: 2px solid #0072B2; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 3px; vertical-align: -1px; border-bottom: 2px solid; }
.close { margin-left: 4px; }
`;

export class Legend {
  private host: HTMLElement | null = null;
  private readonly buttons = new Map<HighlightKind, HTMLButtonElement>();
  private readonly hidden = new Set<HighlightKind>();
  /** Highlights taken out of CSS.highlights while their kind is switched off. */
  private readonly stash = new Map<HighlightKind, Highlight>();
  private closed = false;

  /** `shadowMode` open only in unit tests (happy-dom can't reach into a closed root). */
  constructor(
    private readonly doc: Document,
    private readonly shadowMode: ShadowRootMode = 'closed',
  ) {}

  /** Shows (or refreshes) the legend for a run; removes it when the page is not highlighted. */
  update(summary: PageSummary): void {
    if (!summary.highlighted || this.closed) {
      this.remove();
      return;
    }
    if (!this.host) this.build();
    const counts: Record<HighlightKind, number> = {
      docnumber: summary.counts.docNumber,
      deadline: summary.counts.deadline - summary.counts.overdue,
      'deadline-overdue': summary.counts.overdue,
      unit: summary.counts.unit,
    };
    for (const [kind, button] of this.buttons) {
      (button.lastChild as Text).data = `${t(LABELS[kind])} ${counts[kind]}`;
      button.hidden = counts[kind] === 0;
    }
    // A new run registered fresh highlights: keep switched-off kinds off.
    this.stash.clear();
    for (const kind of this.hidden) this.takeOut(kind);
  }

  /** Switches a kind's highlights off or on; returns whether it is now shown. */
  toggle(kind: HighlightKind): boolean {
    if (this.hidden.has(kind)) {
      this.hidden.delete(kind);
      const h = this.stash.get(kind);
      if (h) CSS.highlights.set(HIGHLIGHT_NAMES[kind], h);
      this.stash.delete(kind);
      this.markKindsOff();
    } else {
      this.hidden.add(kind);
      this.takeOut(kind);
    }
    this.buttons.get(kind)?.setAttribute('aria-pressed', String(!this.hidden.has(kind)));
    return !this.hidden.has(kind);
  }

  remove(): void {
    this.host?.remove();
    this.host = null;
    this.buttons.clear();
  }

  /** Fallback <mark>s (no Highlight API): switched-off kinds are listed on <html>, CSS unstyles them. */
  private markKindsOff(): void {
    if (highlightApiAvailable()) return;
    const html = this.doc.documentElement;
    if (this.hidden.size) html.setAttribute(MARKS_OFF_ATTRIBUTE, [...this.hidden].join(' '));
    else html.removeAttribute(MARKS_OFF_ATTRIBUTE);
  }

  private takeOut(kind: HighlightKind): void {
    if (!highlightApiAvailable()) return this.markKindsOff();
    const h = CSS.highlights.get(HIGHLIGHT_NAMES[kind]);
    if (h) this.stash.set(kind, h);
    CSS.highlights.delete(HIGHLIGHT_NAMES[kind]);
  }

  private build(): void {
    const doc = this.doc;
    const { host, root } = createUiHost(doc, 'gazette-lens-legend', this.shadowMode);
    const style = doc.createElement('style');
    style.textContent = CSS_TEXT;
    const panel = doc.createElement('div');
    panel.className = 'panel';
    panel.setAttribute('role', 'group');
    panel.setAttribute('aria-label', t('legendLabel'));
    panel.lang = t('locale');
    const title = doc.createElement('span');
    title.className = 'title';
    title.textContent = t('appName');
    panel.append(title);
    for (const kind of Object.keys(LABELS) as HighlightKind[]) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.dataset.kind = kind;
      button.setAttribute('aria-pressed', String(!this.hidden.has(kind)));
      button.title = t('legendToggle', t(LABELS[kind]));
      const swatch = doc.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = HIGHLIGHT_COLORS[kind].background;
      swatch.style.borderBottomColor = HIGHLIGHT_COLORS[kind].line;
      button.append(swatch, doc.createTextNode(t(LABELS[kind])));
      button.addEventListener('click', () => this.toggle(kind));
      this.buttons.set(kind, button);
      panel.append(button);
    }
    const close = doc.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.title = t('legendClose');
    close.textContent = '×';
    close.addEventListener('click', () => {
      this.closed = true;
      this.remove();
    });
    panel.append(close);
    root.append(style, panel);
    // Outside <body>: the page's body keeps exactly its own DOM and text.
    doc.documentElement.append(host);
    this.host = host;
  }
}
