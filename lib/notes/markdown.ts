/**
 * The reader's notes as a Markdown document to read or paste elsewhere: one section per document
 * (title, 文号, 成文日期, site, URL), then each note with its quote as a blockquote, the reader's
 * text, tags and task status. Every piece of text is plain text: Markdown syntax in it (from the
 * page or typed by the reader) is escaped, so a quote cannot become a heading, list, link or HTML.
 */
import { format } from 'date-fns';
import { daysUntil, isoDate } from '../dates';
import type { AnnotatedPage, Note } from './note';
import { isTask } from './note';

/**
 * Characters that start inline syntax anywhere on a line (emphasis, code, links, images, raw HTML
 * and entities, GFM tables and strikethrough, heading closers) — all ASCII punctuation, which
 * CommonMark lets us backslash-escape.
 */
const INLINE_SYNTAX = /[\\`*_[\]<>!|~&#]/g;
/** GFM turns bare http://, www. and e-mail addresses into links. */
const AUTOLINK_START = /:(?=\/\/)|(?<=\bwww)\.|@/gi;
/**
 * Block syntax at the start of a line: a quote marker, a bullet (- or + and a space), a setext
 * underline, thematic break or table delimiter row (a line of only = - : | and spaces; marked
 * takes ":-" alone for a table), an ordered-list number (1. or 1) and a space). * # | are escaped
 * everywhere already (hence the backslash in the lookahead).
 */
const LINE_START = /^(?:>|[-+](?=[ \t]|$)|[-=:](?=[-=:|\\ \t]*$)|\d{1,9}(?=[.)](?:[ \t]|$)))/;
/** A host name is shown as it is (GFM may link it to itself, which is harmless). */
const HOST_NAME = /^[A-Za-z0-9.-]+$/;

/** One line of text, escaped; leading and trailing whitespace dropped (Markdown would read it as indentation or a hard break). */
function escapeLine(line: string): string {
  const text = line.trim().replace(INLINE_SYNTAX, '\\$&').replace(AUTOLINK_START, '\\$&');
  return text.replace(LINE_START, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/** A single line of text (titles, list values): line breaks become spaces. */
const escapeInline = (text: string): string => escapeLine(text.replace(/[\r\n]+/g, ' '));

/**
 * Multi-line text as Markdown lines: lines kept apart by hard breaks (a trailing backslash), blank
 * lines as paragraph breaks.
 */
function paragraphs(text: string): string[] {
  const out: string[] = [];
  const lines = text.split(/\r\n|\r|\n/).map(escapeLine);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const next = lines[i + 1];
    out.push(next !== undefined && next !== '' ? `${line}\\` : line);
  }
  while (out[out.length - 1] === '') out.pop();
  return out;
}

const blockquote = (text: string): string[] => paragraphs(text).map((l) => (l === '' ? '>' : `> ${l}`));

/** An http(s) URL Markdown can show as an autolink as it is; anything else is written as text. */
const linkable = (url: string): boolean => /^https?:\/\/[^\s<>]+$/.test(url);

function kindLabel(note: Note): string {
  const t = note.target;
  if (t.type === 'page') return '整页批注';
  if (t.type === 'selection') return '摘录';
  switch (t.entity.kind) {
    case 'docNumber':
      return `文号 ${t.entity.normalized}`;
    case 'deadline':
      return `期限 ${t.entity.text}`;
    case 'unit':
      return `单位 ${t.entity.name}`;
  }
}

function dueText(due: string, today: string): string {
  const days = daysUntil(due, today);
  const when = days > 0 ? `还剩 ${days} 天` : days === 0 ? '今天到期' : `已逾期 ${-days} 天`;
  return `截止 ${due}（${when}）`;
}

function statusText(note: Note, today: string): string | null {
  if (!isTask(note) && note.status !== 'done') return null;
  if (note.status === 'done') return note.due ? `已完成（截止 ${note.due}）` : '已完成';
  return note.due ? `待办，${dueText(note.due, today)}` : '待办';
}

/**
 * The reader's own calendar day of a UTC timestamp. Four-digit years take isoDate's fast path
 * (date-fns format was the largest cost of a 10 000-note export); others keep date-fns.
 */
function localDay(iso: string): string {
  const d = new Date(iso);
  const year = d.getFullYear();
  return year >= 1000 && year <= 9999 ? isoDate(year, d.getMonth() + 1, d.getDate()) : format(d, 'yyyy-MM-dd');
}

function noteSection(note: Note, n: number, today: string): string[] {
  const out = [`### ${n}. ${escapeInline(kindLabel(note))}`, ''];
  if (note.target.type !== 'page') out.push(...blockquote(note.target.quote.exact), '');
  const body = paragraphs(note.body);
  if (body.length > 0) out.push(...body, '');
  const facts: string[] = [];
  if (note.tags.length > 0) facts.push(`- 标签：${note.tags.map(escapeInline).join('、')}`);
  const status = statusText(note, today);
  if (status) facts.push(`- 状态：${status}`);
  const created = localDay(note.createdAt);
  const updated = localDay(note.updatedAt);
  facts.push(`- 记录于 ${created}${updated !== created ? `，更新于 ${updated}` : ''}`);
  out.push(...facts, '');
  return out;
}

type PageInfo = Pick<AnnotatedPage, 'url' | 'title' | 'site' | 'docNumber' | 'docDate'>;

function pageSection(page: PageInfo): string[] {
  const out = [`## ${escapeInline(page.title) || '（无标题页面）'}`, ''];
  if (page.docNumber) out.push(`- 文号：${escapeInline(page.docNumber)}`);
  if (page.docDate) out.push(`- 成文日期：${page.docDate}`);
  if (page.site) out.push(`- 网站：${HOST_NAME.test(page.site) ? page.site : escapeInline(page.site)}`);
  out.push(`- 网址：${linkable(page.url) ? `<${page.url}>` : escapeInline(page.url)}`, '');
  return out;
}

/** Reading order on the page: the page notes first, then passages by position. */
function byPlace(a: Note, b: Note): number {
  const at = (n: Note) => (n.target.type === 'page' ? -1 : n.target.position.start);
  return at(a) - at(b) || a.createdAt.localeCompare(b.createdAt);
}

/**
 * Notes grouped by document, documents in the order of `pages` (then any page of a note missing
 * from it, in note order). `today` (YYYY-MM-DD) is what "N days left / overdue" counts from.
 */
export function notesToMarkdown(notes: Note[], pages: AnnotatedPage[], options: { today?: string } = {}): string {
  const today = options.today ?? format(new Date(), 'yyyy-MM-dd');
  const groups = new Map<string, { page: PageInfo; notes: Note[] }>();
  for (const p of pages) groups.set(p.url, { page: p, notes: [] });
  for (const n of notes) {
    let g = groups.get(n.url);
    if (!g) {
      g = { page: { url: n.url, title: n.pageTitle, site: n.site, docNumber: n.docNumber, docDate: n.docDate }, notes: [] };
      groups.set(n.url, g);
    }
    g.notes.push(n);
  }
  const documents = [...groups.values()].filter((g) => g.notes.length > 0);

  const out = ['# 公报透镜批注', '', `导出于 ${today}：${documents.length} 个文档，${notes.length} 条批注。`, ''];
  for (const { page, notes: group } of documents) {
    out.push(...pageSection(page));
    group.sort(byPlace).forEach((note, i) => out.push(...noteSection(note, i + 1, today)));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
