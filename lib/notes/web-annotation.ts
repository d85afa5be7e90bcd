/**
 * The reader's notes as a W3C Web Annotation collection (https://www.w3.org/TR/annotation-model/),
 * JSON-LD, and back. The export is lossless: fromAnnotationCollection(toAnnotationCollection(n, p))
 * gives n and p back, and exporting those again gives the same bytes (keys are always written in
 * the same order; absent optional fields are left out, never written as null).
 *
 * Everything of ours the model has no slot for lives under "gl:" keys, a prefix the second
 * @context entry maps to our namespace (JSON-LD allows it; the W3C schemas allow extra keys).
 * Objects nested under gl: keys use gl: keys too, so a JSON-LD processor keeps them.
 */
import type { AnnotatedPage, Note, NoteColor, NoteStatus, TextPositionSelector, TextQuoteSelector } from './note';
import { isTask } from './note';
import type { DeadlinePrecision, UnitRole } from '../entity';
import { toUri } from '../uri';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const GL_NAMESPACE = 'https://gazette-lens.example.org/ns#';
/** Version of the gl: vocabulary and file layout; the import refuses newer ones. */
export const EXPORT_VERSION = 1;

export type GlContext = [typeof ANNO_CONTEXT, { gl: typeof GL_NAMESPACE }];
export const GL_CONTEXT: GlContext = [ANNO_CONTEXT, { gl: GL_NAMESPACE }];

/** The W3C motivations we use (see motivationOf). */
export type Motivation = 'bookmarking' | 'commenting' | 'tagging' | 'highlighting';

/** The reader's text (written with format and language) or one tag. */
export type TextualBody =
  | { type: 'TextualBody'; purpose: 'commenting'; value: string; format?: 'text/plain'; language?: 'zh' }
  | { type: 'TextualBody'; purpose: 'tagging'; value: string };

export interface SpecificResourceTarget {
  type: 'SpecificResource';
  source: string;
  selector: [TextQuoteSelector, TextPositionSelector];
}

export type GlEntity =
  | { 'gl:kind': 'docNumber'; 'gl:text': string; 'gl:normalized': string }
  | { 'gl:kind': 'deadline'; 'gl:text': string; 'gl:date'?: string; 'gl:precision': DeadlinePrecision }
  | { 'gl:kind': 'unit'; 'gl:text': string; 'gl:name': string; 'gl:role': UnitRole };

export interface WebAnnotation {
  /** Present on a stand-alone annotation; items of a collection inherit the collection's. */
  '@context'?: GlContext;
  /** urn:uuid:<note id> */
  id: string;
  type: 'Annotation';
  motivation: Motivation;
  created: string;
  modified: string;
  /** The reader's text first (purpose commenting, left out when empty), then one body per tag. */
  body?: TextualBody[];
  /** The page URL (a page note) or the passage on it. */
  target: string | SpecificResourceTarget;
  /** The page URL as stored, when it is not already a strict RFC 3986 URI (see lib/uri.ts). */
  'gl:url'?: string;
  'gl:pageTitle': string;
  'gl:site': string;
  'gl:docNumber'?: string;
  'gl:docDate'?: string;
  'gl:color': NoteColor;
  'gl:status': NoteStatus;
  'gl:due'?: string;
  'gl:entity'?: GlEntity;
}

export interface GlPage {
  'gl:url': string;
  'gl:title': string;
  'gl:site': string;
  'gl:docNumber'?: string;
  'gl:docDate'?: string;
  'gl:updatedAt': string;
}

export interface AnnotationPage {
  id: string;
  type: 'AnnotationPage';
  startIndex: 0;
  items: WebAnnotation[];
}

export interface AnnotationCollection {
  '@context': GlContext;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  created: string;
  total: number;
  first: AnnotationPage;
  'gl:version': typeof EXPORT_VERSION;
  'gl:pages': GlPage[];
}

const URN_UUID = 'urn:uuid:';

/**
 * W3C motivations (model §3.3.5): a task (a due date, or a note on a deadline) is "bookmarking" —
 * marking a place the reader must come back to, which is what a to-do on a passage is; "assessing"
 * means reviewing the target, which these are not. Otherwise "commenting" when the reader wrote
 * something, "tagging" when they only tagged it, "highlighting" a passage kept without words, and
 * a bare page note is again a bookmark.
 */
export function motivationOf(note: Note): Motivation {
  if (isTask(note)) return 'bookmarking';
  if (note.body !== '') return 'commenting';
  if (note.tags.length > 0) return 'tagging';
  return note.target.type === 'page' ? 'bookmarking' : 'highlighting';
}

function toGlEntity(note: Note): GlEntity | undefined {
  if (note.target.type !== 'entity') return undefined;
  const e = note.target.entity;
  switch (e.kind) {
    case 'docNumber':
      return { 'gl:kind': 'docNumber', 'gl:text': e.text, 'gl:normalized': e.normalized };
    case 'deadline':
      return {
        'gl:kind': 'deadline',
        'gl:text': e.text,
        ...(e.date !== null && { 'gl:date': e.date }),
        'gl:precision': e.precision,
      };
    case 'unit':
      return { 'gl:kind': 'unit', 'gl:text': e.text, 'gl:name': e.name, 'gl:role': e.role };
  }
}

function copyQuote(q: TextQuoteSelector): TextQuoteSelector {
  const copy: TextQuoteSelector = { type: 'TextQuoteSelector', exact: q.exact };
  if (q.prefix !== undefined) copy.prefix = q.prefix;
  if (q.suffix !== undefined) copy.suffix = q.suffix;
  return copy;
}

const copyPosition = (p: TextPositionSelector): TextPositionSelector => ({
  type: 'TextPositionSelector',
  start: p.start,
  end: p.end,
});

/**
 * The annotation of one note. Optional keys are assigned one by one in the order the file lists
 * them (JSON keeps insertion order): with 10 000 notes, spreading conditional objects cost more
 * than the rest of the export together. `uri` is toUri, or a cache of it for a whole collection.
 */
function annotationOf(note: Note, uri: (url: string) => string = toUri): WebAnnotation {
  const source = uri(note.url);
  const a = {
    id: URN_UUID + note.id,
    type: 'Annotation',
    motivation: motivationOf(note),
    created: note.createdAt,
    modified: note.updatedAt,
  } as WebAnnotation;
  if (note.body !== '' || note.tags.length > 0) {
    const body: TextualBody[] = [];
    if (note.body !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: note.body, format: 'text/plain', language: 'zh' });
    for (const tag of note.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
    a.body = body;
  }
  a.target =
    note.target.type === 'page'
      ? source
      : { type: 'SpecificResource', source, selector: [copyQuote(note.target.quote), copyPosition(note.target.position)] };
  if (source !== note.url) a['gl:url'] = note.url;
  a['gl:pageTitle'] = note.pageTitle;
  a['gl:site'] = note.site;
  if (note.docNumber !== null) a['gl:docNumber'] = note.docNumber;
  if (note.docDate !== null) a['gl:docDate'] = note.docDate;
  a['gl:color'] = note.color;
  a['gl:status'] = note.status;
  if (note.due !== null) a['gl:due'] = note.due;
  const entity = toGlEntity(note);
  if (entity) a['gl:entity'] = entity;
  return a;
}

/** toUri for many notes on few pages: each distinct URL is encoded once. */
function cachedToUri(): (url: string) => string {
  const cache = new Map<string, string>();
  return (url) => {
    let uri = cache.get(url);
    if (uri === undefined) cache.set(url, (uri = toUri(url)));
    return uri;
  };
}

/** One note as a stand-alone annotation (with its @context). */
export function toAnnotation(note: Note): WebAnnotation {
  return { '@context': GL_CONTEXT, ...annotationOf(note) };
}

function toGlPage(p: AnnotatedPage): GlPage {
  return {
    'gl:url': p.url,
    'gl:title': p.title,
    'gl:site': p.site,
    ...(p.docNumber !== null && { 'gl:docNumber': p.docNumber }),
    ...(p.docDate !== null && { 'gl:docDate': p.docDate }),
    'gl:updatedAt': p.updatedAt,
  };
}

/**
 * The notes (in the order given) and their pages as one collection with a single embedded page.
 * `id` must be an absolute URI without a fragment (default: a fresh urn:uuid, since every export is
 * a new collection); pass it with `now` for reproducible output.
 */
export function toAnnotationCollection(
  notes: Note[],
  pages: AnnotatedPage[],
  options: { now?: Date; id?: string } = {},
): AnnotationCollection {
  const now = options.now ?? new Date();
  const id = options.id ?? URN_UUID + crypto.randomUUID();
  const uri = cachedToUri();
  return {
    '@context': GL_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: '公报透镜批注',
    created: now.toISOString(),
    total: notes.length,
    first: { id: `${id}#page1`, type: 'AnnotationPage', startIndex: 0, items: notes.map((n) => annotationOf(n, uri)) },
    'gl:version': EXPORT_VERSION,
    'gl:pages': pages.map(toGlPage),
  };
}

/** Pretty JSON (two-space indent); key order is the one the builders above write. */
export function serializeCollection(c: AnnotationCollection): string {
  return JSON.stringify(c, null, 2);
}

function noteEntityOf(e: GlEntity) {
  switch (e['gl:kind']) {
    case 'docNumber':
      return { kind: 'docNumber' as const, text: e['gl:text'], normalized: e['gl:normalized'] };
    case 'deadline':
      return { kind: 'deadline' as const, text: e['gl:text'], date: e['gl:date'] ?? null, precision: e['gl:precision'] };
    case 'unit':
      return { kind: 'unit' as const, text: e['gl:text'], name: e['gl:name'], role: e['gl:role'] };
  }
}

/** The note an annotation of ours describes (the inverse of toAnnotation). */
export function fromAnnotation(a: WebAnnotation): Note {
  const body = a.body ?? [];
  const t = a.target;
  const source = typeof t === 'string' ? t : t.source;
  let target: Note['target'];
  if (typeof t === 'string') target = { type: 'page' };
  else {
    const quote = copyQuote(t.selector[0]);
    const position = copyPosition(t.selector[1]);
    const entity = a['gl:entity'];
    target = entity ? { type: 'entity', entity: noteEntityOf(entity), quote, position } : { type: 'selection', quote, position };
  }
  return {
    id: a.id.slice(URN_UUID.length),
    url: a['gl:url'] ?? source,
    pageTitle: a['gl:pageTitle'],
    site: a['gl:site'],
    docNumber: a['gl:docNumber'] ?? null,
    docDate: a['gl:docDate'] ?? null,
    target,
    body: body.find((b) => b.purpose === 'commenting')?.value ?? '',
    tags: body.filter((b) => b.purpose === 'tagging').map((b) => b.value),
    color: a['gl:color'],
    status: a['gl:status'],
    due: a['gl:due'] ?? null,
    createdAt: a.created,
    updatedAt: a.modified,
  };
}

const pageOf = (p: GlPage): AnnotatedPage => ({
  url: p['gl:url'],
  title: p['gl:title'],
  site: p['gl:site'],
  docNumber: p['gl:docNumber'] ?? null,
  docDate: p['gl:docDate'] ?? null,
  updatedAt: p['gl:updatedAt'],
});

/** Notes and pages of a collection of ours (validate untrusted input with parseNotesFile first). */
export function fromAnnotationCollection(c: AnnotationCollection): { notes: Note[]; pages: AnnotatedPage[] } {
  return { notes: c.first.items.map(fromAnnotation), pages: c['gl:pages'].map(pageOf) };
}
