/**
 * The text the extractors scan: the input with full-width digits (２０２４) and year numerals
 * (二〇二四年) written as ASCII digits. Every replacement is one UTF-16 unit for one, so offsets
 * into the scanned text are offsets into the input; entities take their `text` from the input.
 */

const FULL_WIDTH_DIGIT = /[０-９]/g;
const CN_DIGITS = '〇零一二三四五六七八九';
/** The value of each CN_DIGITS character. */
const CN_VALUE = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const isCnDigit = (c: string | undefined): boolean => c !== undefined && CN_DIGITS.includes(c);
const isYearGap = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\u3000';

/** Offsets and ASCII digits to write there. */
type Edits = Array<[number, string]>;

/** 二〇二五年: four numeral digits, none before them, 年 after (other numerals — 十二月 — stay). */
function yearEdits(text: string, edits: Edits): void {
  // Every year of this century written in numerals holds 〇 (二〇二五): found by indexOf, natively.
  let last = -1;
  for (let z = text.indexOf('〇'); z >= 0; z = text.indexOf('〇', z + 1)) {
    for (let s = Math.max(last + 1, z - 3); s <= z; s++) {
      if (!isCnDigit(text[s]) || isCnDigit(text[s - 1]) || text[s - 1] === '十') continue;
      if (!isCnDigit(text[s + 1]) || !isCnDigit(text[s + 2]) || !isCnDigit(text[s + 3]) || isCnDigit(text[s + 4])) continue;
      let y = s + 4;
      while (y < s + 6 && isYearGap(text[y])) y++;
      if (text[y] !== '年') continue;
      for (let i = s; i < s + 4; i++) edits.push([i, String(CN_VALUE[CN_DIGITS.indexOf(text[i]!)])]);
      last = s + 3;
      break;
    }
  }
}

export function scanText(text: string): string {
  const edits: Edits = [];
  FULL_WIDTH_DIGIT.lastIndex = 0;
  for (let m = FULL_WIDTH_DIGIT.exec(text); m; m = FULL_WIDTH_DIGIT.exec(text)) {
    edits.push([m.index, String.fromCharCode(m[0].charCodeAt(0) - 0xff10 + 0x30)]);
  }
  yearEdits(text, edits);
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
