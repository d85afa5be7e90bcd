/**
 * The part of a county page that is the document: its main content container (not the navigation,
 * header, breadcrumb or footer), plus the 信息公开 block (索引号 / 发文字号 / 成文日期 …) when it sits
 * outside that container, since its 发文字号 is the document's own. Never modifies the page.
 */

/** Common content containers of county-government sites (TRS, 开普云 UCAP, generic CMSs), by priority. */
export const CONTENT_SELECTORS = [
  '#zoom',
  '#UCAP-CONTENT',
  '.TRS_Editor',
  '.article-content',
  '.art_con',
  '#content',
  'article',
  '.article',
  '.content',
  'main',
  '[role="main"]',
];

const INFO_LABELS = ['索引号', '发文字号', '发布机构', '成文日期'];
/** A container must hold at least this much text (non-whitespace characters) to count. */
const MIN_TEXT = 60;

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, '').length;
}

function linkLength(el: Element): number {
  let n = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) n += (a.textContent ?? '').replace(/\s+/g, '').length;
  return n;
}

/** Text minus links (links count three times: a menu is mostly links). */
function contentScore(el: Element): number {
  return textLength(el) - 3 * linkLength(el);
}

/**
 * The main content container: the first of CONTENT_SELECTORS with enough text and not mostly links
 * (the best-scoring match of that selector), else the block (div/section/td) with the most text and
 * fewest links when it holds at least half of the page's text; null when nothing stands out (then
 * the whole body is the content).
 */
export function mainContainer(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  for (const selector of CONTENT_SELECTORS) {
    let best: Element | null = null;
    let bestScore = -Infinity;
    for (const el of Array.from(body.querySelectorAll(selector))) {
      const text = textLength(el);
      if (text < MIN_TEXT || linkLength(el) * 2 >= text) continue;
      const score = contentScore(el);
      if (score > bestScore) {
        best = el;
        bestScore = score;
      }
    }
    if (best) return best;
  }
  const total = textLength(body) - linkLength(body);
  let best: Element | null = null;
  let bestScore = -Infinity;
  for (const el of Array.from(body.querySelectorAll('div, section, td'))) {
    const score = contentScore(el);
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  if (!best || bestScore < MIN_TEXT || bestScore * 2 < total) return null;
  return best;
}

/** The smallest table/div/dl/ul outside `main` that holds at least two 信息公开 labels. */
export function infoBlock(doc: Document, main: Element | null): Element | null {
  const body = doc.body;
  if (!body) return null;
  let best: Element | null = null;
  let bestLength = Infinity;
  for (const el of Array.from(body.querySelectorAll('table, div, dl, ul, section'))) {
    if (main && (main.contains(el) || el.contains(main))) continue;
    const text = el.textContent ?? '';
    if (INFO_LABELS.filter((l) => text.includes(l)).length < 2) continue;
    const n = text.length;
    if (n < bestLength) {
      best = el;
      bestLength = n;
    }
  }
  return best;
}

/**
 * The roots of the text model, in document order: the 信息公开 block (if outside the container) and
 * the main container; [body] when no container stands out.
 */
export function contentRoots(doc: Document): Node[] {
  const body = doc.body ?? doc.documentElement;
  const main = mainContainer(doc);
  if (!main) return [body];
  const info = infoBlock(doc, main);
  if (!info) return [main];
  // DOCUMENT_POSITION_FOLLOWING (4): main comes after the info block.
  return info.compareDocumentPosition(main) & 4 ? [info, main] : [main, info];
}
