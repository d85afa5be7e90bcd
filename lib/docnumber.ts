/**
 * 发文字号 (GB/T 9704 document numbers): issuer code + 〔year〕 + sequence + 号.
 *
 * The numeric tail is found by one linear regex; the issuer is then read backwards from the
 * bracket. The hard part is where the issuer starts when a verb or connective is glued to it
 * (二是将国办发, 接兴组干字, 根据晋煤重组办发). Three sources decide, in order:
 *  1. issuers this same document prints with a clean boundary (after punctuation, a space or a
 *     line start) — headers and tables of contents repeat every series;
 *  2. lead-in words that never belong to an issuer code (根据, 接, 是, 将 …);
 *  3. otherwise the whole run of Han characters before the bracket.
 */
import type { DocNumberEntity } from './entity';
import { digitsToNumber, isHan, isSpace } from './cjk';
import { Alphabet, CharPositions, anchored, findMatches } from './anchored-scan';

const OPEN = '〔\\[［(（【〈﹝';
const CLOSE = '〕\\]］)）】〉﹞';
const D = '[0-9０-９]';
const WS = '[ \\t\\r\\n\\u3000\\u00a0]';

/** Bracketed year, optional 第, sequence, 号. Bounded whitespace keeps it linear. */
const TAIL_SOURCE =
  `[${OPEN}]${WS}{0,4}(${D}${WS}{0,2}${D}${WS}{0,2}${D}${WS}{0,2}${D})${WS}{0,4}[${CLOSE}]` +
  `${WS}{0,6}第?${WS}{0,2}(${D}(?:${WS}{0,3}${D}){0,4})${WS}{0,6}号`;
/** The same, sticky, to read the year and sequence of a tail found by DOC_NUMBER_TAIL. */
const TAIL_RE = new RegExp(TAIL_SOURCE, 'y');
/**
 * Tails are scanned for near their 号 (see anchored-scan.ts), at most 52 characters after the
 * bracket: 1 + 4 + 10 + 4 + 1 + 6 + 1 + 2 + 17 + 6. A regex scan tried every bracket and digit.
 */
export const DOC_NUMBER_TAIL = anchored(
  TAIL_SOURCE,
  [{ ch: '号', maxLead: 52, between: '〔[［(（【〈﹝〕]］)）】〉﹞0123456789０１２３４５６７８９ \t\r\n\u3000\u00a0第' }],
  '〔[［(（【〈﹝',
);

/** The characters extractDocNumbers looks up in a CharPositions index. */
export const DOC_NUMBER_CHARS = '号';
const DOC_NUMBER_ALPHABET = new Alphabet(DOC_NUMBER_CHARS);

/** Longest issuer code we accept; real ones run 2–7 characters (晋卫办健宣函, 偏脱贫攻坚组). */
const MAX_ISSUER = 10;

/**
 * Words that end a run of text before an issuer and are never part of a code. Only characters that
 * no issuer code uses: 经 (朔农经发), 同 (大同: 同政发) or 依 (依兰) are deliberately absent.
 */
const LEAD_IN_WORDS = [
  '根据',
  '依据',
  '依照',
  '按照',
  '参照',
  '对照',
  '遵照',
  '贯彻',
  '落实',
  '执行',
  '结合',
  '转发',
  '印发',
  '下发',
  '详见',
  '通过',
  // what a decision does to the documents it lists: 撤销岚政办发, 修改岚政办发, 经研究岚政发
  '修改',
  '修订',
  '废止',
  '撤销',
  '现行',
  '收到',
  '比照',
  '重申',
  '同意',
  '研究',
  '其中',
  // the committee written out before its code: 县委岚发 (县委办发 stays whole: 办 never starts a code)
  '县委',
  '市委',
  '关于',
  '文件',
  '精神',
  // organ names written out before their code: 市政府岭市政发, 省厅晋人社厅函
  '政府',
  '办公室',
  '办公厅',
  '委员会',
  '省厅',
  '接',
  '据',
  '按',
  '见',
  '将',
  '把',
  '是',
  '的',
  '和',
  '及',
  '与',
  '并',
  '或',
  '在',
  '对',
  '由',
  '为',
  '即',
  '从',
  '向',
  '以',
  '了',
  '已',
  '均',
  '等',
  '其',
  '该',
  '此',
  '至',
  '原',
  '指',
  // 财政部财农: the ministry written out (人社部发 keeps its 部: two characters must follow a lead-in)
  '部',
];

/** Type characters that end a code: 发, 函, 字 … */
const ISSUER_LAST = new Set([...'发函字任督规组预建电办']);

/** Characters a code never starts with: a PDF line break before them split the issuer (运\n政办发). */
const NEVER_FIRST = new Set(['政', '办', '发', '函', '字', '任', '组', '干', '委', '厅', '规']);

interface Candidate {
  /** index of the opening bracket */
  open: number;
  /** the run of Han characters read backwards, with its start offset and per-char offsets */
  run: string;
  runOffsets: number[];
  /** true when the run is bounded by a non-Han character (punctuation, space, line start) */
  clean: boolean;
  end: number;
  year: number;
  seq: number;
}

/** Read the Han run before the bracket, crossing a line break only where it split an issuer. */
function readRun(text: string, open: number): { run: string; offsets: number[]; clean: boolean } {
  let i = open - 1;
  // A space may stand between issuer and bracket (晋财农 [2022]124号).
  let gap = 0;
  while (i >= 0 && gap < 2 && (text[i] === ' ' || text[i] === '\u3000')) {
    i--;
    gap++;
  }
  // So may a PDF line break, after a code's type character (青政办发\n〔2024〕12号), not after prose (…的通知\n〔2024〕).
  if (gap < 2 && text[i] === '\n') {
    let j = i;
    while (j >= 0 && j > i - 4 && isSpace(text[j])) j--;
    if (j >= 0 && ISSUER_LAST.has(text[j]!)) i = j;
  }
  const offsets: number[] = [];
  let crossed = false;
  // Characters read since the last single space stepped over (letter-spaced headers: 岚 政 发).
  let sinceSpace = 0;
  while (i >= 0 && offsets.length < MAX_ISSUER + 4) {
    const ch = text[i];
    if (isHan(ch)) {
      offsets.push(i);
      sinceSpace++;
      i--;
      continue;
    }
    // One space between single characters: a letter-spaced code (岚 政 办 发), not two words.
    if ((ch === ' ' || ch === '\u3000') && sinceSpace === 1 && i > 0 && isHan(text[i - 1])) {
      sinceSpace = 0;
      i--;
      continue;
    }
    if (!crossed && isSpace(ch) && offsets.length > 0 && NEVER_FIRST.has(text[offsets[offsets.length - 1]!]!)) {
      let j = i;
      while (j >= 0 && j > i - 4 && isSpace(text[j])) j--;
      if (j >= 0 && isHan(text[j]) && text.slice(j + 1, i + 1).includes('\n')) {
        crossed = true;
        i = j;
        continue;
      }
    }
    break;
  }
  offsets.reverse();
  const run = offsets.map((o) => text[o]).join('');
  return { run, offsets, clean: !isHan(text[i]) };
}

function findCandidates(text: string, positions: CharPositions): Candidate[] {
  const out: Candidate[] = [];
  const tails = findMatches(text, DOC_NUMBER_TAIL, positions);
  for (let k = 0; k < tails.count; k++) {
    const start = tails.start(k);
    TAIL_RE.lastIndex = start;
    const m = TAIL_RE.exec(text)!;
    const year = digitsToNumber(m[1]!);
    const seq = digitsToNumber(m[2]!);
    if (year < 1949 || year > 2099 || !(seq > 0)) continue;
    const { run, offsets, clean } = readRun(text, start);
    if (run.length < 2) continue;
    out.push({ open: start, run, runOffsets: offsets, clean, end: tails.end(k), year, seq });
  }
  return out;
}

/** LEAD_IN_WORDS by their first character. */
const LEAD_IN_BY_FIRST = new Map<string, string[]>();
for (const w of LEAD_IN_WORDS) {
  const list = LEAD_IN_BY_FIRST.get(w[0]!) ?? [];
  list.push(w);
  LEAD_IN_BY_FIRST.set(w[0]!, list);
}

/** Where the issuer starts inside the run (an index into the run). */
function issuerStart(run: string, known: ReadonlySet<string>): number {
  if (known.has(run)) return 0;
  for (let k = 1; k <= run.length - 2; k++) {
    if (known.has(run.slice(k))) return k;
  }
  // After the last lead-in word that still leaves at least two characters of code (or one at the
  // very start: lastIndexOf clamps a negative limit to 0): each position of the run is looked up
  // once, instead of a lastIndexOf per word.
  let cut = 0;
  for (let at = 0; at < run.length; at++) {
    const words = LEAD_IN_BY_FIRST.get(run[at]!);
    if (!words) continue;
    for (const w of words) {
      const after = at + w.length;
      // A code never starts with 政/办/发…: 原政发 is 原平's code, not 原 + 政发.
      if (at <= Math.max(0, run.length - 2 - w.length) && run.startsWith(w, at) && !NEVER_FIRST.has(run[after]!)) {
        cut = Math.max(cut, after);
      }
    }
  }
  if (run.length - cut > MAX_ISSUER) cut = run.length - MAX_ISSUER;
  return cut;
}

const NONE: ReadonlySet<string> = new Set();

export function extractDocNumbers(
  text: string,
  positions: CharPositions = new CharPositions(text, DOC_NUMBER_ALPHABET),
): DocNumberEntity[] {
  const candidates = findCandidates(text, positions);
  // Issuers the document itself prints with a clean left boundary.
  const clean = new Set<string>();
  for (const c of candidates) {
    if (c.clean && c.run.length <= 8 && issuerStart(c.run, NONE) === 0) clean.add(c.run);
  }
  // A clean run that is another clean run with two or more characters before it is that issuer
  // with a word before it, at a line start (要求比照岚政办发 beside 岚政办发). One character is a
  // region's code (晋财农 beside the ministry's 财农), so both stay.
  const known = new Set<string>();
  for (const run of clean) {
    let prefixed = false;
    for (let k = 2; k <= run.length - 2 && !prefixed; k++) prefixed = clean.has(run.slice(k));
    if (!prefixed) known.add(run);
  }
  const out: DocNumberEntity[] = [];
  for (const c of candidates) {
    const k = issuerStart(c.run, known);
    const issuer = c.run.slice(k);
    // 编号（2024）12号, 序号 (2023) 5号: an issuer code never ends with 号.
    if (issuer.endsWith('号')) continue;
    const start = c.runOffsets[k]!;
    out.push({
      kind: 'docNumber' as const,
      start,
      end: c.end,
      text: text.slice(start, c.end),
      issuer,
      year: c.year,
      seq: c.seq,
      normalized: `${issuer}〔${c.year}〕${c.seq}号`,
    });
  }
  return out;
}
