/**
 * The text the extractors scan: the input with full-width digits (２０２４) and year numerals
 * (二〇二四年) written as ASCII digits. Every replacement is one UTF-16 unit for one, so offsets
 * into the scanned text are offsets into the input; entities take their `text` from the input.
 */

import { Alphabet, CharPositions } from './anchored-scan';

/** The characters scanText looks up: full-width digits, and 〇, which every numeral year of this century holds. */
export const SCAN_TEXT_CHARS = '０１２３４５６７８９〇';
const SCAN_TEXT_ALPHABET = new Alphabet(SCAN_TEXT_CHARS);
const FULL_WIDTH_DIGITS = SCAN_TEXT_CHARS.slice(0, 10);
const FULL_WIDTH_ZERO = 0xff10;
const YEAR = 0x5e74; // 年
/** The value of a numeral digit (〇 and 零 read 0, 一…九), or -1. */
const NUMERAL_VALUE = new Map<number, number>([...'〇零一二三四五六七八九'].map((c, i) => [c.charCodeAt(0), i < 2 ? 0 : i - 1]));
const numeral = (c: number): number => NUMERAL_VALUE.get(c) ?? -1;
const isYearGap = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000;

/** Offsets and the ASCII digit to write there. */
type Edits = Array<[number, string]>;

/** 二〇二五年: four numeral digits, none (nor 十) before them, 年 after; 十二月 or 三季度 stay. */
function yearEdits(text: string, zeros: ArrayLike<number>, edits: Edits): void {
  // Every numeral year of this century holds 〇 (二〇二五): only the 〇s are looked at.
  let last = -1;
  for (let k = 0; k < zeros.length; k++) {
    const z = zeros[k]!;
    for (let s = Math.max(last + 1, z - 3); s <= z; s++) {
      const before = s > 0 ? text.charCodeAt(s - 1) : 0;
      if (numeral(before) >= 0 || before === 0x5341 /* 十 */ || numeral(text.charCodeAt(s + 4)) >= 0) continue;
      if (numeral(text.charCodeAt(s)) < 0 || numeral(text.charCodeAt(s + 1)) < 0) continue;
      if (numeral(text.charCodeAt(s + 2)) < 0 || numeral(text.charCodeAt(s + 3)) < 0) continue;
      let y = s + 4;
      while (y < s + 6 && isYearGap(text.charCodeAt(y))) y++;
      if (text.charCodeAt(y) !== YEAR) continue;
      for (let i = s; i < s + 4; i++) edits.push([i, String(numeral(text.charCodeAt(i)))]);
      last = s + 3;
      break;
    }
  }
}

/**
 * `positions` may be the index the extractors share (its alphabet must hold SCAN_TEXT_CHARS): the
 * characters rewritten here are in no extractor's alphabet, so that index holds for the result too.
 */
export function scanText(text: string, positions: CharPositions = new CharPositions(text, SCAN_TEXT_ALPHABET)): string {
  const wide = positions.ofAny(FULL_WIDTH_DIGITS);
  const zeros = positions.of('〇');
  if (wide.length === 0 && zeros.length === 0) return text;
  const edits: Edits = [];
  for (let k = 0; k < wide.length; k++) edits.push([wide[k]!, String(text.charCodeAt(wide[k]!) - FULL_WIDTH_ZERO)]);
  yearEdits(text, zeros, edits);
  if (edits.length === 0) return text;
  edits.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let from = 0;
  for (const [at, digit] of edits) {
    parts.push(text.slice(from, at), digit);
    from = at + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
