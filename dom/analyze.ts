/**
 * The content script's job on one page: text model → extract → detect → paint → summary.
 * Every step that scales with the page works in slices and yields, so no task runs long.
 */
import { daysUntil, parseIsoDate } from '@/lib/dates';
import { detectDocument, type Detection } from '@/lib/detect';
import { pageIdentity } from '@/lib/page-identity';
import type { Entity } from '@/lib/entity';
import { clearHighlights, highlightApiAvailable, highlightKind, injectStyles, paint, paintMarks, removeMarks } from './highlighter';
import { pageSignals, pageTitle, readMeta } from './signals';
import type { LensMode, PageSummary, SummaryEntity } from './summary';
import { contentRoots } from './main-content';
import { buildTextModelChunked, type TextModel } from './text-model';
import { t } from '@/utils/i18n';

/** Lets the browser run other tasks (input, paint) before we continue. */
export function yieldToBrowser(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Local calendar date as YYYY-MM-DD. */
export function localIsoDate(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The document's publication date (PubDate meta) when it is one, as the extractor's base date. */
function baseDate(meta: Record<string, string>, today: string): string {
  const pub = Object.entries(meta)
    .find(([k]) => k.toLowerCase() === 'pubdate')?.[1]
    ?.trim()
    .slice(0, 10);
  return pub && parseIsoDate(pub) ? pub : today;
}

/** Why the page is (not) a document, in the reader's language (lib/detect.ts gives message names). */
export function reasonTexts(detection: Pick<Detection, 'reasons'>): string[] {
  return detection.reasons.map((r) => t(r.key, ...r.subs));
}

export function summarizeEntity(e: Entity, index: number, today: string): SummaryEntity {
  if (e.kind === 'docNumber') return { kind: 'docNumber', index, text: e.text, normalized: e.normalized };
  if (e.kind === 'unit') return { kind: 'unit', index, text: e.text, name: e.name, role: e.role };
  return {
    kind: 'deadline',
    index,
    text: e.text,
    date: e.date,
    precision: e.precision,
    daysLeft: e.date ? daysUntil(e.date, today) : null,
  };
}

export interface AnalyzeOptions {
  today: string;
  /** auto (default): paint when detected; force: paint anyway; off: never paint. */
  mode?: LensMode;
  /**
   * Runs extract(): the content script asks the background (off the page's main thread, and the
   * extractor stays out of the content-script bundle); tests pass dom/local-extract.ts.
   */
  extractText: (text: string, baseDate: string) => Promise<Entity[]>;
  yieldNow?: () => Promise<void>;
  sliceMs?: number;
}

export interface PageAnalysis {
  summary: PageSummary;
  /** The entities (same order as summary.entities) and the model text they index into. */
  entities: Entity[];
  text: string;
  /** DOM Range of entity `index` of the summary (null when out of range or not on the page). */
  rangeOf(index: number): Range | null;
  /** The model of the page's current DOM (maps offsets in `text` to Ranges and back): notes anchor on it. */
  model: TextModel;
}

/** The summary only (see runAnalysis). */
export async function analyzePage(doc: Document, options: AnalyzeOptions): Promise<PageSummary> {
  return (await runAnalysis(doc, options)).summary;
}

export async function runAnalysis(doc: Document, options: AnalyzeOptions): Promise<PageAnalysis> {
  const { today, sliceMs = 12 } = options;
  // Time each stretch of work between two yields: the longest is our longest main-thread task.
  const started = performance.now();
  let resumed = started;
  let longest = 0;
  let tasks = 1;
  let phase = 'model';
  let longestIn = phase;
  const slow: string[] = [];
  const rawYield = options.yieldNow ?? yieldToBrowser;
  const noteTask = () => {
    const d = performance.now() - resumed;
    if (d > 10) slow.push(`${phase}:${Math.round(d)}`);
    if (d > longest) {
      longest = d;
      longestIn = phase;
    }
  };
  const yieldNow = async () => {
    noteTask();
    await rawYield();
    tasks++;
    resumed = performance.now();
  };
  const meta = readMeta(doc);
  // Without the Highlight API, an earlier run's <mark>s come out first (the model maps page nodes).
  const marks = !highlightApiAvailable();
  if (marks) removeMarks(doc);
  const root = doc.body ?? doc.documentElement;
  // Detection reads the whole page (breadcrumb, link share); extraction and painting only its main
  // content (and the 信息公开 block), so menus, headers and footers are never highlighted.
  const pageModel = await buildTextModelChunked(root, yieldNow, sliceMs);
  await yieldNow();
  const roots = contentRoots(doc);
  const model = roots.length === 1 && roots[0] === root ? pageModel : await buildTextModelChunked(roots, yieldNow, sliceMs);
  await yieldNow();
  phase = 'extract';
  const base = baseDate(meta, today);
  const entities = await options.extractText(model.text, base);
  // Waiting for the background is not main-thread work; decoding its answer is, so yield once to
  // keep that decoding and our next step in separate tasks.
  await rawYield();
  tasks++;
  resumed = performance.now();
  phase = 'signals';
  const count = (k: Entity['kind']) => entities.filter((e) => e.kind === k).length;
  const signals = pageSignals(doc, pageModel.text, { docNumber: count('docNumber'), deadline: count('deadline') });
  await yieldNow();
  phase = 'detect';
  const detection = detectDocument(signals);

  let highlighted = false;
  let rangeModel = model;
  const mode = options.mode ?? 'auto';
  const wanted = mode === 'force' || (mode === 'auto' && detection.isDocument);
  if (wanted && entities.length > 0) {
    await yieldNow();
    phase = 'paint';
    injectStyles(doc);
    // Fallback: <mark> elements (one task: the DOM must not change between the model and the marks).
    if (marks) {
      paintMarks(model, entities, today);
      // The marks split text nodes: ranges come from a model of the marked DOM (same text).
      await yieldNow();
      rangeModel = await buildTextModelChunked(roots, yieldNow, sliceMs);
    } else await paint(model, entities, today, yieldNow, sliceMs);
    highlighted = true;
  } else if (!marks) {
    clearHighlights(); // a re-run on a page that is no longer a document
  }
  phase = 'summary';
  const summaryEntities = entities.map((e, i) => summarizeEntity(e, i, today));
  const summary: PageSummary = {
    mode,
    url: doc.location?.href ?? '',
    title: pageTitle(doc, meta),
    ...pageIdentity(model.text, entities),
    detected: detection.isDocument,
    score: detection.score,
    reasons: reasonTexts(detection),
    highlighted,
    today,
    counts: {
      docNumber: count('docNumber'),
      deadline: count('deadline'),
      overdue: entities.filter((e) => highlightKind(e, today) === 'deadline-overdue').length,
      unit: count('unit'),
    },
    entities: summaryEntities,
    timing:
      (noteTask(),
      {
        totalMs: Math.round(performance.now() - started),
        longestTaskMs: Math.round(longest),
        longestTaskIn: longestIn,
        slow,
        tasks,
        textLength: model.text.length,
      }),
  };
  return {
    summary,
    entities,
    text: model.text,
    model: rangeModel,
    rangeOf: (index) => {
      const e = entities[index];
      return e ? rangeModel.rangeFor(e.start, e.end) : null;
    },
  };
}
