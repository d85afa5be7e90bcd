/**
 * Keeps one page analysed: the first run at start, another after the page's own content changes
 * (MutationObserver, debounced and rate-limited), and "reveal" for the popup (scroll + flash).
 * Our own work never changes the body (highlights live in CSS.highlights, the <style> in <head>),
 * except the fallback <mark>s where that API is missing: their mutation records are dropped
 * (highlighter's mutationGuards), so our runs never trigger the observer.
 */
import { runAnalysis, type AnalyzeOptions, type PageAnalysis } from './analyze';
import { flash, mutationGuards, type MutationGuard } from './highlighter';
import type { LensMode, PageSummary } from './summary';
import { UI_ATTRIBUTE } from './text-model';

export interface LensOptions {
  /** Options for each run (called per run, so "today" stays current on a long-open page). */
  analyze: () => AnalyzeOptions;
  /** Quiet time after the last relevant mutation before re-running. */
  debounceMs?: number;
  /** Minimum time between the start of two runs. */
  minIntervalMs?: number;
  /** The page's mode at start (e.g. from the per-site lists). */
  mode?: LensMode;
  /** Called with each run's summary (e.g. to update the toolbar badge). */
  onRun?: (summary: PageSummary) => void;
}

/** True when a mutation adds, removes or edits page text (not just our UI or empty nodes). */
function changesText(records: MutationRecord[]): boolean {
  for (const r of records) {
    if (r.type === 'characterData') return true;
    for (const list of [r.addedNodes, r.removedNodes]) {
      for (const n of Array.from(list)) {
        if (n.nodeType === 1 && (n as Element).hasAttribute(UI_ATTRIBUTE)) continue;
        if ((n.textContent ?? '').trim() !== '') return true;
      }
    }
  }
  return false;
}

export class PageLens {
  private current: Promise<PageAnalysis>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastStart = 0;
  private observer: MutationObserver | undefined;
  /** Number of runs started (first one included). */
  runs = 0;
  private mode: LensMode;

  constructor(
    private readonly doc: Document,
    private readonly options: LensOptions,
  ) {
    this.mode = options.mode ?? 'auto';
    this.current = this.start();
  }

  /** Switches the page's mode and re-runs at once; resolves with the new summary. */
  setMode(mode: LensMode): Promise<PageSummary> {
    this.mode = mode;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.current = this.current.catch(() => undefined).then(() => this.start());
    return this.summary();
  }

  /** The latest analysis (waits for a run in progress). */
  analysis(): Promise<PageAnalysis> {
    return this.current;
  }

  summary(): Promise<PageSummary> {
    return this.current.then((a) => a.summary);
  }

  /** Scrolls entity `index` into view and flashes it; false when it is not on the page. */
  async reveal(index: number): Promise<boolean> {
    const range = (await this.current).rangeOf(index);
    if (!range) return false;
    const el = range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest' });
    flash(range);
    return true;
  }

  /** Re-analyses when page text changes; returns a function that stops watching. */
  watch(): () => void {
    const target = this.doc.body ?? this.doc.documentElement;
    const observer = new MutationObserver((records) => {
      if (changesText(records)) this.schedule();
    });
    this.observer = observer;
    observer.observe(target, { childList: true, subtree: true, characterData: true });
    // Fallback <mark>s change the body: the page's pending records are handled first, ours dropped.
    const guard: MutationGuard = {
      before: () => {
        if (changesText(observer.takeRecords())) this.schedule();
      },
      after: () => void observer.takeRecords(),
    };
    mutationGuards.add(guard);
    return () => {
      mutationGuards.delete(guard);
      observer.disconnect();
      clearTimeout(this.timer);
    };
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const { debounceMs = 250, minIntervalMs = 1000 } = this.options;
    const wait = Math.max(debounceMs, this.lastStart + minIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Runs never overlap: the next starts when the previous has finished.
      this.current = this.current.catch(() => undefined).then(() => this.start());
    }, wait);
  }

  private start(): Promise<PageAnalysis> {
    const run = ++this.runs;
    this.lastStart = Date.now();
    return runAnalysis(this.doc, { ...this.options.analyze(), mode: this.mode }).then((a) => {
      const summary = { ...a.summary, run };
      this.options.onRun?.(summary);
      return { ...a, summary };
    });
  }
}
