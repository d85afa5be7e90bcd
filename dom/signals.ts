/** Reads the page signals lib/detect.ts scores (DOM → plain data). Never modifies the page. */
import type { PageSignals } from '@/lib/detect';

export function readMeta(doc: Document): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const el of Array.from(doc.querySelectorAll('meta[name][content]'))) {
    const name = el.getAttribute('name')!;
    if (!(name in meta)) meta[name] = el.getAttribute('content') ?? '';
  }
  return meta;
}

/** The page's own title: ArticleTitle meta, else the first h1/h2 with text, else document.title. */
export function pageTitle(doc: Document, meta = readMeta(doc)): string {
  const fromMeta = Object.entries(meta)
    .find(([k]) => k.toLowerCase() === 'articletitle')?.[1]
    ?.trim();
  if (fromMeta) return fromMeta;
  for (const h of Array.from(doc.querySelectorAll('h1, h2'))) {
    const t = (h.textContent ?? '').replace(/\s+/g, '');
    if (t) return t;
  }
  return doc.title.trim();
}

/** Characters of visible link text (whitespace ignored). */
export function linkTextLength(root: ParentNode): number {
  let n = 0;
  for (const a of Array.from(root.querySelectorAll('a'))) n += (a.textContent ?? '').replace(/\s+/g, '').length;
  return n;
}

export function pageSignals(doc: Document, text: string, counts: { docNumber: number; deadline: number }): PageSignals {
  const meta = readMeta(doc);
  return {
    meta,
    title: pageTitle(doc, meta),
    text,
    linkTextLength: doc.body ? linkTextLength(doc.body) : 0,
    docNumberCount: counts.docNumber,
    deadlineCount: counts.deadline,
  };
}
