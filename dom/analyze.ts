/**
 * The content script's job on one page: text model → extract → detect → paint → summary.
 * Every step that scales with the page works in slices and yields, so no task runs long.
 */
import { extract } from '@/lib/index';
import { daysUntil, parseIsoDate } from '@/lib/dates';
import { detectDocument } from '@/lib/detect';
import type { Entity } from '@/lib/entity';
import { highlightApiAvailable, highlightKind, injectStyles, paint } from './highlighter';
import { pageSignals, pageTitle, readMeta } from './signals';
import type { PageSummary, SummaryEntity } from './summary';
import { buildTextModelChunked } from './text-model';

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
  const pub = Object.entries(meta).find(([k]) => k.toLowerCase() === 'pubdate')?.[1]?.trim().slice(0, 10);
  return pub && parseIsoDate(pub) ? pub : today;
}

export function summarizeEntity(e: Entity, today: string): SummaryEntity {
  if (e.kind === 'docNumber') return { kind: 'docNumber', text: e.text, normalized: e.normalized };
  if (e.kind === 'unit') return { kind: 'unit', text: e.text, name: e.name, role: e.role };
  return {
    kind: 'deadline',
    text: e.text,
    date: e.date,
    precision: e.precision,
    daysLeft: e.date ? daysUntil(e.date, today) : null,
  };
}

export interface AnalyzeOptions {
  today: string;
  yieldNow?: () => Promise<void>;
  sliceMs?: number;
}

export async function analyzePage(doc: Document, options: AnalyzeOptions): Promise<PageSummary> {
  const { today, yieldNow = yieldToBrowser, sliceMs = 12 } = options;
  const meta = readMeta(doc);
  const root = doc.body ?? doc.documentElement;
  const model = await buildTextModelChunked(root, yieldNow, sliceMs);
  await yieldNow();
  const entities = extract(model.text, { baseDate: baseDate(meta, today) });
  const count = (k: Entity['kind']) => entities.filter((e) => e.kind === k).length;
  const detection = detectDocument(pageSignals(doc, model.text, { docNumber: count('docNumber'), deadline: count('deadline') }));

  let highlighted = false;
  if (detection.isDocument && entities.length > 0 && highlightApiAvailable()) {
    await yieldNow();
    injectStyles(doc);
    await paint(model, entities, today, yieldNow, sliceMs);
    highlighted = true;
  }
  return {
    url: doc.location?.href ?? '',
    title: pageTitle(doc, meta),
    detected: detection.isDocument,
    score: detection.score,
    reasons: detection.reasons,
    highlighted,
    today,
    counts: {
      docNumber: count('docNumber'),
      deadline: count('deadline'),
      overdue: entities.filter((e) => highlightKind(e, today) === 'deadline-overdue').length,
      unit: count('unit'),
    },
    entities: entities.map((e) => summarizeEntity(e, today)),
  };
}
