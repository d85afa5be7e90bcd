/**
 * Is this government web page a document (公文 / 公报) page? A pure score over simple page
 * signals (gathered from the DOM by dom/signals.ts), so it runs and is tested without a browser.
 * Home pages and news lists — mostly links — are not documents even when their link texts look
 * like document titles.
 */

export interface PageSignals {
  /** <meta name=… content=…> of the page, names as printed (SiteName, ArticleTitle, PubDate…). */
  meta: Record<string, string>;
  /** The page's own title: ArticleTitle meta, else its first h1/h2, else document.title. */
  title: string;
  /** Page text (the text model: blocks as lines, table cells tab-separated). */
  text: string;
  /** How much of `text` sits inside links (<a>), in characters. */
  linkTextLength: number;
  docNumberCount: number;
  deadlineCount: number;
}

/**
 * One reason, as the name of a message in public/_locales/<lang>/messages.json and its `$1`, `$2`…
 * substitutions (page text such as a title or site name goes in a substitution, untranslated).
 * lib/ stays free of browser APIs: the UI words each reason in the reader's language (utils/i18n.ts).
 */
export type DetectionReason =
  | { key: 'detectSiteMeta' | 'detectPubDate' | 'detectSource' | 'detectColumn' | 'detectInfoBlock' | 'detectDocTitle'; subs: [string] }
  | { key: 'detectMostlyLinks' | 'detectManyLinks'; subs: [string] }
  | { key: 'detectDensity'; subs: [string, string, string] }
  | { key: 'detectArticleTitle' | 'detectGazette' | 'detectTooShort' | 'detectNoSignals'; subs: [] };

export interface Detection {
  isDocument: boolean;
  score: number;
  /** Why: one reason per signal that counted (positive or negative). */
  reasons: DetectionReason[];
}

export const DOCUMENT_THRESHOLD = 4;

const INFO_LABELS = ['索引号', '发文字号', '发布机构', '成文日期'] as const;
const DOC_TITLE =
  /关于.{1,80}的(?:通知|通报|实施方案|工作方案|方案|办法|实施意见|意见|决定|批复|规定|细则|报告|函|公告|通告)|(?:实施方案|工作方案|管理办法|暂行办法|实施细则|实施意见)$/;
const GAZETTE = /政府公报|人民政府公报/;
const DOC_COLUMN = /公报|文件|政策|规范性|通知公告|公文/;

function metaValue(meta: Record<string, string>, name: string): string {
  const key = Object.keys(meta).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? (meta[key] ?? '').trim() : '';
}

/** Text after 当前位置/您的位置 (the breadcrumb), on its line. */
function breadcrumb(text: string): string {
  return /(?:当前位置|您的位置|您现在的位置|所在位置)[:：]?([^\n]{0,120})/.exec(text)?.[1] ?? '';
}

export function detectDocument(s: PageSignals): Detection {
  const reasons: DetectionReason[] = [];
  let score = 0;
  const add = (points: number, reason: DetectionReason) => {
    score += points;
    reasons.push(reason);
  };

  const site = metaValue(s.meta, 'SiteName');
  const siteId = metaValue(s.meta, 'SiteIDCode');
  if (site || siteId) reasons.push({ key: 'detectSiteMeta', subs: [site || siteId] });
  const articleTitle = metaValue(s.meta, 'ArticleTitle');
  if (articleTitle) add(2, { key: 'detectArticleTitle', subs: [] });
  const pubDate = metaValue(s.meta, 'PubDate');
  if (pubDate) add(1, { key: 'detectPubDate', subs: [pubDate.slice(0, 10)] });
  const source = metaValue(s.meta, 'ContentSource');
  if (source) add(1, { key: 'detectSource', subs: [source] });
  const column = metaValue(s.meta, 'ColumnName');
  if (column && DOC_COLUMN.test(column)) add(1, { key: 'detectColumn', subs: [column] });

  const head = s.text.slice(0, 20_000);
  const labels = INFO_LABELS.filter((l) => new RegExp(`${l}\\s*[:：\\t]`).test(head));
  // The labels are the page's own words (索引号、发布机构…), listed as a Chinese page lists them.
  if (labels.length >= 2) add(3, { key: 'detectInfoBlock', subs: [labels.join('、')] });

  const crumb = breadcrumb(head);
  if (GAZETTE.test(column) || GAZETTE.test(crumb)) add(2, { key: 'detectGazette', subs: [] });

  const title = s.title.trim();
  if (title && DOC_TITLE.test(title)) add(2, { key: 'detectDocTitle', subs: [title.length > 40 ? `${title.slice(0, 40)}…` : title] });

  const chars = Math.max(1, s.text.replace(/\s+/g, '').length);
  if (s.docNumberCount > 0 || s.deadlineCount > 0) {
    const perK = ((s.docNumberCount + s.deadlineCount) * 1000) / chars;
    const points = (s.docNumberCount > 0 ? 1 : 0) + (s.deadlineCount >= 2 ? 1 : 0);
    if (points > 0) add(points, { key: 'detectDensity', subs: [String(s.docNumberCount), String(s.deadlineCount), perK.toFixed(1)] });
  }

  const linkShare = Math.min(1, s.linkTextLength / chars);
  const percent = String(Math.round(linkShare * 100));
  if (linkShare >= 0.5) add(-5, { key: 'detectMostlyLinks', subs: [percent] });
  else if (linkShare >= 0.3) add(-2, { key: 'detectManyLinks', subs: [percent] });

  if (chars < 80) add(-2, { key: 'detectTooShort', subs: [] });

  const isDocument = score >= DOCUMENT_THRESHOLD;
  if (!isDocument && reasons.length === 0) reasons.push({ key: 'detectNoSignals', subs: [] });
  return { isDocument, score, reasons };
}
