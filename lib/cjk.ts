/** Character classes shared by the extractors. Kept as single-char tests so scanners stay linear. */

const HAN_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN_RE.test(ch);
}

/** Whitespace as it appears in PDF-extracted and HTML text, ideographic space included. */
export function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u3000' || ch === '\u00a0';
}

/** isSpace on a char code (NaN, past the end of a string, is none). */
export function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0;
}

/** Full-width digits and ASCII digits to a number; NaN for anything else. */
export function digitsToNumber(s: string): number {
  let n = 0;
  let seen = false;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    let d = -1;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (c >= 0xff10 && c <= 0xff19) d = c - 0xff10;
    else if (isSpace(ch)) continue;
    else return NaN;
    n = n * 10 + d;
    seen = true;
  }
  return seen ? n : NaN;
}

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一..九十九 (enough for months, days, counts of working days). NaN when not a Chinese numeral. */
export function chineseNumber(s: string): number {
  if (s === '') return NaN;
  if (s.length === 1 && s in CN_DIGITS) return CN_DIGITS[s]!;
  const ten = s.indexOf('十');
  if (ten < 0) return NaN;
  const hi = ten === 0 ? 1 : CN_DIGITS[s.slice(0, ten)];
  const loStr = s.slice(ten + 1);
  const lo = loStr === '' ? 0 : CN_DIGITS[loStr];
  if (hi === undefined || lo === undefined || s.length > 3) return NaN;
  return hi * 10 + lo;
}

/** A number written in ASCII, full-width or Chinese digits. */
export function parseNumber(s: string): number {
  const n = digitsToNumber(s);
  return Number.isNaN(n) ? chineseNumber(s.replace(/\s+/g, '')) : n;
}

/** Exactly the characters the regex class \s matches (so also what String#trim removes). */
export function isWhiteSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const SPACES_RE = /[\s\u3000\u00a0]+/g;

/** Remove all whitespace (PDF line breaks and spaces inside names and numbers). */
export function squash(s: string): string {
  // Most strings have none: a char scan avoids running the regex and allocating a copy.
  for (let i = 0; i < s.length; i++) if (isWhiteSpaceCode(s.charCodeAt(i))) return s.replace(SPACES_RE, '');
  return s;
}

/**
 * A set of UTF-16 code units. Scanners test one per character on long texts, where Set#has costs
 * a hash lookup; a bitset costs two array reads. charCodeAt past the end (NaN) reads as absent.
 */
export class CodeSet {
  private readonly bits = new Uint32Array(2048);
  constructor(chars: string) {
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      this.bits[c >>> 5]! |= 1 << (c & 31);
    }
  }
  has(c: number): boolean {
    return c === c && ((this.bits[c >>> 5]! >>> (c & 31)) & 1) === 1;
  }
}
