/**
 * Reading a notes file the reader chose to import (our JSON-LD export, web-annotation.ts): size and
 * count limits, JSON syntax, the schema of every field (annotation-schema.ts) and duplicate ids,
 * each with a message that says what is wrong and what to do (Chinese first, English after ' / ').
 * Never throws.
 */
import type { z } from 'zod';
import type { AnnotatedPage, Note } from './note';
import { annotationCollectionSchema } from './annotation-schema';
import { EXPORT_VERSION, GL_NAMESPACE, fromAnnotationCollection } from './web-annotation';

export type ParsedNotesFile = { ok: true; notes: Note[]; pages: AnnotatedPage[] } | { ok: false; error: string };

export interface ParseNotesFileOptions {
  /** Largest file accepted, in UTF-8 bytes (default 20 MB). */
  maxBytes?: number;
  /** Most annotations accepted (default 100 000). */
  maxNotes?: number;
  /**
   * The file's size in bytes when the caller knows it (File.size): the limit applies to it, and a
   * large text is not counted again (counting 12 MB took 30–250 ms).
   */
  byteLength?: number;
}

const MB = 1024 * 1024;
export const DEFAULT_MAX_BYTES = 20 * MB;
export const DEFAULT_MAX_NOTES = 100_000;

const PICK_EXPORT = '请选择公报透镜“导出 → JSON”得到的文件';
const fail = (error: string): ParsedNotesFile => ({ ok: false, error });

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function formatSize(bytes: number): string {
  const [n, unit] = bytes >= MB ? [bytes / MB, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, '字节'];
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
}

/**
 * True when the text ends inside a string or an open object/array: the file was cut off, not
 * mistyped. One pass over the text, no regular expression.
 */
function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth < 0) return false;
    }
  }
  return inString || depth > 0;
}

/** Line and column (1-based) of a JSON.parse error: V8 says "position N", Firefox "line L column C". */
function errorPlace(message: string, text: string): { line: number; column: number } | null {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (!pos) return null;
  const at = Math.min(Number(pos[1]), text.length);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

/** Our other export formats, recognised by their first bytes, for a more useful message. */
function otherFormat(text: string): string | null {
  if (text.startsWith('BEGIN:VCALENDAR')) return '日历文件（.ics）';
  if (text.startsWith('ID,')) return '表格文件（.csv）';
  if (text.startsWith('#')) return 'Markdown 文件（.md）';
  return null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const other = otherFormat(text);
    if (other) {
      return {
        ok: false,
        error: `这是公报透镜导出的${other}，只能导入 JSON 格式的批注文件。${PICK_EXPORT}。 / This is not the JSON export; only JSON notes files can be imported.`,
      };
    }
    if (looksTruncated(text)) {
      return {
        ok: false,
        error: `文件看起来不完整，在结尾处被截断了（可能下载或复制时中断）。请重新导出后再导入。 / The file looks cut off (truncated JSON): ${message}`,
      };
    }
    const place = errorPlace(message, text);
    const where = place ? `第 ${place.line} 行第 ${place.column} 列附近有错误` : '格式有错误';
    const whereEn = place ? ` at line ${place.line}, column ${place.column}` : '';
    return {
      ok: false,
      error: `文件不是有效的 JSON：${where}。${PICK_EXPORT}，并且不要用编辑器改动它。 / Malformed JSON${whereEn}: ${message}`,
    };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first thing that makes the file not one of ours, before checking it field by field. */
function notOurs(root: unknown): string | null {
  const en = 'not an AnnotationCollection exported by Gazette Lens (公报透镜)';
  if (!isObject(root) || root.type !== 'AnnotationCollection') {
    return `这不是公报透镜导出的批注文件（文件里没有 W3C 批注集合 AnnotationCollection）。${PICK_EXPORT}。 / The file is ${en}.`;
  }
  const context = root['@context'];
  const ours = Array.isArray(context) && context.some((c) => isObject(c) && c.gl === GL_NAMESPACE);
  if (!ours || !('gl:version' in root)) {
    return `这是一份 W3C 批注集合，但不是公报透镜导出的（缺少 gl 命名空间或 gl:version），无法导入。${PICK_EXPORT}。 / The file is a W3C AnnotationCollection but ${en}.`;
  }
  const version = root['gl:version'];
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    return `这份文件来自更新版本的公报透镜（文件格式 ${version}，本版本只认识 ${EXPORT_VERSION}）。请先更新扩展再导入。 / The file was written by a newer version of Gazette Lens (format ${version}); please update the extension.`;
  }
  return null;
}

type Issue = z.core.$ZodIssue;

/**
 * A union's issue carries one issue list per branch, with paths relative to the union: follow the
 * branch that got furthest (its deepest issue), which is the one the file meant.
 */
function innermost(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const depth = (list: Issue[]) => Math.max(...list.map((i) => i.path.length));
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  const inner = best.find((i) => i.path.length === depth(best)) ?? best[0]!;
  return innermost({ ...inner, path: [...issue.path, ...inner.path] } as Issue);
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (!isObject(v) && !Array.isArray(v)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function fieldName(path: PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out;
}

/** Which annotation / page record the path points into, and the path inside it. */
function locate(path: PropertyKey[]): { where: string; whereEn: string; rest: PropertyKey[] } {
  if (path[0] === 'first' && path[1] === 'items' && typeof path[2] === 'number') {
    return { where: `第 ${path[2] + 1} 条批注`, whereEn: `annotation ${path[2] + 1}`, rest: path.slice(3) };
  }
  if (path[0] === 'gl:pages' && typeof path[1] === 'number') {
    return { where: `第 ${path[1] + 1} 条页面记录（gl:pages）`, whereEn: `page record ${path[1] + 1}`, rest: path.slice(2) };
  }
  return { where: '批注集合', whereEn: 'collection', rest: path };
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  array: '数组',
  object: '对象',
  tuple: '数组',
};

const FORMAT_NAMES: Record<string, string> = {
  uuid: '不是有效的 UUID',
  datetime: '不是 ISO 8601 UTC 时间（应形如 2026-11-23T08:15:00.000Z）',
  date: '不是有效的日期（应形如 2026-11-23）',
};

/** What is wrong with the field, in Chinese. */
function problem(issue: Issue, field: string, missing: boolean): string {
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return `缺少 ${field}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${field} 应为${TYPE_NAMES[issue.expected] ?? '其他类型'}`;
    case 'invalid_format':
      return `${field} ${FORMAT_NAMES[issue.format] ?? `格式不对（应为 ${issue.format}）`}`;
    case 'invalid_value':
      return `${field} 应为 ${issue.values.map((v) => JSON.stringify(v)).join(' 或 ')}`;
    case 'invalid_union':
      // A discriminated union whose tag matched no branch.
      return `${field} 不是认识的种类`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return `${field} 不能为空`;
      return issue.origin === 'array' ? `${field} 至少要有 ${issue.minimum} 项` : `${field} 不能小于 ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `${field} 多于 ${issue.maximum} 项` : `${field} 不能大于 ${issue.maximum}`;
    case 'custom':
      return `${field} ${issue.message}`;
    default:
      return `${field} 不符合格式`;
  }
}

function describe(issue: Issue, root: unknown, others: number): string {
  const { where, whereEn, rest } = locate(issue.path);
  const what = problem(issue, fieldName(rest) || '这一项', valueAt(root, issue.path) === undefined);
  const more = others > 0 ? `（另有 ${others} 处问题）` : '';
  return `${where}：${what}${more}。这份文件不是公报透镜导出的完整文件，或导出后被改动过；${PICK_EXPORT}。 / ${whereEn}: ${fieldName(rest) || 'value'}: ${issue.message}; not an AnnotationCollection exported by Gazette Lens.`;
}

function duplicates(notes: Note[], pages: AnnotatedPage[]): string | null {
  const seen = new Map<string, number>();
  for (let i = 0; i < notes.length; i++) {
    const first = seen.get(notes[i]!.id);
    if (first !== undefined) {
      return `第 ${i + 1} 条批注和第 ${first + 1} 条的 id 相同（${notes[i]!.id}）。同一文件里每条批注的 id 必须不同：文件可能被拼接或改动过，请重新导出。 / Duplicate annotation id in items ${first + 1} and ${i + 1}.`;
    }
    seen.set(notes[i]!.id, i);
  }
  const urls = new Map<string, number>();
  for (let i = 0; i < pages.length; i++) {
    const first = urls.get(pages[i]!.url);
    if (first !== undefined) {
      return `第 ${i + 1} 条页面记录和第 ${first + 1} 条是同一网址（${pages[i]!.url}）：文件可能被拼接或改动过，请重新导出。 / Duplicate page url in gl:pages ${first + 1} and ${i + 1}.`;
    }
    urls.set(pages[i]!.url, i);
  }
  return null;
}

function parse(text: string, options: ParseNotesFileOptions): ParsedNotesFile {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxNotes = options.maxNotes ?? DEFAULT_MAX_NOTES;
  // Each UTF-16 unit is one to three UTF-8 bytes: count exactly only when it could matter.
  const size = options.byteLength ?? (text.length * 3 > maxBytes ? utf8Length(text) : text.length);
  if (size > maxBytes) {
    return fail(
      `文件太大（${formatSize(size)}），超过 ${formatSize(maxBytes)} 的上限。请在批注管理里分批选择、分批导出后再导入。 / The file is too large (${size} bytes; limit ${maxBytes}).`,
    );
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fail(`文件是空的。${PICK_EXPORT}。 / The file is empty.`);

  const json = parseJson(body);
  if (!json.ok) return fail(json.error);
  const root = json.value;
  const foreign = notOurs(root);
  if (foreign) return fail(foreign);

  const items = valueAt(root, ['first', 'items']);
  if (Array.isArray(items) && items.length > maxNotes) {
    return fail(
      `文件里有 ${items.length} 条批注，超过一次最多导入 ${maxNotes} 条的上限。请分批导出后再导入。 / Too many annotations (${items.length}; limit ${maxNotes}).`,
    );
  }

  const parsed = annotationCollectionSchema.safeParse(root);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    return fail(describe(innermost(issues[0]!), root, issues.length - 1));
  }
  const { notes, pages } = fromAnnotationCollection(parsed.data);
  const dup = duplicates(notes, pages);
  if (dup) return fail(dup);
  return { ok: true, notes, pages };
}

/** Reads an exported notes file; every failure comes back as `{ ok: false, error }`. */
export function parseNotesFile(text: string, options: ParseNotesFileOptions = {}): ParsedNotesFile {
  try {
    return parse(text, options);
  } catch (e) {
    return fail(`读取文件时出错：${e instanceof Error ? e.message : String(e)}。${PICK_EXPORT}。 / Could not read the file.`);
  }
}
