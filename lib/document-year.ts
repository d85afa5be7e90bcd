/**
 * The year a year-less deadline (6月底前, 年底前) belongs to: the year of the document it stands in,
 * taken from that document's own 文号 (a number printed alone on its line under the title, or after
 * 发文字号：) or, failing that, the date under its signature (or after 成文日期：). Citations of
 * other documents and a gazette's publication date never set the year.
 */
import type { DocNumberEntity } from './entity';
import { Alphabet, CharPositions } from './anchored-scan';
import { parseNumber } from './cjk';

export interface YearContext {
  /** The document year at a text offset, or the fallback when the text gives none. */
  yearAt(offset: number): number | null;
  /** The month of the document's own date (its signature or 成文日期), for 本月底前; null if none. */
  monthAt(offset: number): number | null;
}

/** A line holding only a date (or 成文日期：date). Tried at the start of the lines that end in 日. */
const SIGNATURE_LINE_RE =
  /^[ \t\u3000]*(?:成文日期[：:][ \t\u3000]*)?(\d{4}|[〇零一二三四五六七八九]{4})[ \t\u3000]*年[ \t\u3000]*([0-9一二三四五六七八九十]{1,3})[ \t\u3000]*月[ \t\u3000]*[0-9一二三四五六七八九十]{1,3}[ \t\u3000]*日[ \t\u3000]*$/my;
const LABELLED_DATE_RE = /成文日期[：:][ \t\u3000]*(\d{4})[ \t\u3000]*年(?:[ \t\u3000]*(\d{1,2})[ \t\u3000]*月)?/g;

const CN_YEAR_DIGITS = '〇一二三四五六七八九';

function yearFromDigits(s: string): number {
  if (/^\d{4}$/.test(s)) return Number(s);
  let n = 0;
  for (const ch of s) n = n * 10 + (ch === '零' ? 0 : CN_YEAR_DIGITS.indexOf(ch));
  return n;
}

function lineAround(text: string, start: number, end: number): string {
  const a = text.lastIndexOf('\n', start - 1) + 1;
  let b = text.indexOf('\n', end);
  if (b < 0) b = text.length;
  return text.slice(a, start) + text.slice(end, b);
}

/** A document number that heads its document rather than citing another one. */
function isHeader(text: string, e: DocNumberEntity): boolean {
  // 发文字号：泉政发〔2025〕3号 in a 信息公开 block, whatever else shares the line; in a table of
  // th/td pairs the label is a cell of its own (发文字号\t泉政发〔2025〕3号\t主题分类\t…).
  if (/(?:发文字号|文号)(?:[ \t\u3000]*[：:][ \t\u3000]*|\t[ \t\u3000]*)$/.test(text.slice(Math.max(0, e.start - 12), e.start)))
    return true;
  const rest = lineAround(text, e.start, e.end).replace(/[\s（）()【】[\]]/g, '');
  return rest === '' || /^发文字号[：:]?$/.test(rest) || /^文号[：:]?$/.test(rest);
}

interface Mark {
  offset: number;
  year: number;
  /** The month of a dated mark (signature, 成文日期, 印发 line); null for a 文号. */
  month: number | null;
}

/** A month written 5 or 五 (1–12), or null. */
function monthOf(s: string | undefined): number | null {
  const m = s === undefined ? NaN : parseNumber(s);
  return m >= 1 && m <= 12 ? m : null;
}

function upperBound(marks: readonly Mark[], offset: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The characters buildYearContext looks up in a CharPositions index. */
export const DOCUMENT_YEAR_CHARS = '日';
const DOCUMENT_YEAR_ALPHABET = new Alphabet(DOCUMENT_YEAR_CHARS);

/** A line terminator as the regex m flag knows them: where ^ and $ match. */
const isLineBreak = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const isLineSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000;

const [YIN, FA] = [0x5370, 0x53d1]; // 印发
/** The date of an issue line, ending with its 日 at `day`. */
const ISSUED_DATE_RE = /(\d{4})[ \t\u3000]*年[ \t\u3000]*(\d{1,2})[ \t\u3000]*月[ \t\u3000]*\d{1,2}[ \t\u3000]*$/;

function issuedLine(text: string, day: number, after: number, out: Mark[]): void {
  let j = after;
  while (j < text.length && isLineSpace(text.charCodeAt(j))) j++;
  if (j < text.length && !isLineBreak(text.charCodeAt(j))) return;
  const m = ISSUED_DATE_RE.exec(text.slice(Math.max(0, day - 20), day));
  if (!m) return;
  // The issuing office, then space, then the date (or the date alone): 于2022年3月1日印发 is prose.
  const before = day - m[0].length - 1;
  if (before >= 0 && !isLineSpace(text.charCodeAt(before)) && !isLineBreak(text.charCodeAt(before))) return;
  const year = Number(m[1]);
  if (year >= 1949 && year <= 2099) out.push({ offset: day - m[0].length, year, month: monthOf(m[2]) });
}

/**
 * Matches of SIGNATURE_LINE_RE as a global scan finds them: each ends with the 日 that is the last
 * character of its line but [ \t\u3000], and starts its line. So only lines ending that way are
 * tried, at their start, instead of running the regex from every line start of the text.
 */
function signatureLines(text: string, days: ArrayLike<number>, out: Mark[]): void {
  let lineStart = 0;
  for (let k = 0; k < days.length; k++) {
    const d = days[k]!;
    let j = d + 1;
    while (j < text.length && isLineSpace(text.charCodeAt(j))) j++;
    if (j < text.length && !isLineBreak(text.charCodeAt(j))) {
      // The issue line under a document without 文号 (会议纪要): 县政府办公室 2024年7月10日印发.
      if (text.charCodeAt(j) === YIN && text.charCodeAt(j + 1) === FA) issuedLine(text, d, j + 2, out);
      continue;
    }
    // The start of this line; earlier lines were passed already (days come in order).
    let i = d;
    while (i > lineStart && !isLineBreak(text.charCodeAt(i - 1))) i--;
    lineStart = i;
    SIGNATURE_LINE_RE.lastIndex = i;
    const m = SIGNATURE_LINE_RE.exec(text);
    if (!m) continue;
    const year = yearFromDigits(m[1]!);
    if (year >= 1949 && year <= 2099) out.push({ offset: m.index, year, month: monthOf(m[2]) });
  }
}

export function buildYearContext(
  text: string,
  docNumbers: readonly DocNumberEntity[],
  fallbackYear: number | null,
  positions: CharPositions = new CharPositions(text, DOCUMENT_YEAR_ALPHABET),
): YearContext {
  const headers: Mark[] = docNumbers.filter((e) => isHeader(text, e)).map((e) => ({ offset: e.start, year: e.year, month: null }));
  const signatures: Mark[] = [];
  signatureLines(text, positions.of('日'), signatures);
  LABELLED_DATE_RE.lastIndex = 0;
  for (let m = LABELLED_DATE_RE.exec(text); m; m = LABELLED_DATE_RE.exec(text)) {
    const year = yearFromDigits(m[1]!);
    if (year >= 1949 && year <= 2099) signatures.push({ offset: m.index, year, month: monthOf(m[2]) });
  }
  signatures.sort((a, b) => a.offset - b.offset);
  return {
    yearAt(offset: number): number | null {
      const h = upperBound(headers, offset);
      if (h > 0) return headers[h - 1]!.year;
      const s = upperBound(signatures, offset);
      if (s < signatures.length) return signatures[s]!.year;
      if (s > 0) return signatures[s - 1]!.year;
      return fallbackYear;
    },
    monthAt(offset: number): number | null {
      // The date a document is signed or issued with stands after its text (or in its 信息公开 block
      // before it): the next dated mark, else the last one. Only when its year is the document's.
      const s = upperBound(signatures, offset);
      const mark = signatures[s] ?? signatures[s - 1];
      return mark && mark.year === this.yearAt(offset) ? mark.month : null;
    },
  };
}
