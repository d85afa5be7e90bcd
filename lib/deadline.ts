/**
 * Deadlines (期限): the time by which, or the window in which, a task must be done.
 *
 * Each shape is one regular expression built only from bounded quantifiers, so a scan costs a
 * constant per position. Shapes are tried in priority order (recurring, range, dated, year-level,
 * relative); a later match that overlaps an accepted one is dropped. A match is accepted only in a
 * deadline context: a 前/底 suffix, a completion verb after it, a 完成时限 field or column, or a
 * lead-in such as 到/确保/力争. Signature dates, publication dates, statistics and plan periods
 * lack those cues and are skipped.
 */
import type { DeadlinePrecision } from './entity';
import { CodeSet, isWhiteSpaceCode, parseNumber, squash } from './cjk';
import { endOfMonthIso, isValidDay, isoDate } from './dates';
import { CoveredOffsets } from './covered';
import type { YearContext } from './document-year';
import { columnCells, headers, tableRows, type TableRows } from './table';
import {
  ASK_REGEX,
  Alphabet,
  CharPositions,
  NO_MATCH,
  anchored,
  findMatches,
  patternChars,
  skipTo,
  type AnchoredPattern,
  type Spans,
} from './anchored-scan';

const W = '[ \\t\\r\\n\\u3000]{0,4}';
const NUM = '(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})';
const YP = `(?:[0-9]{4}${W}年${W}|(?:今年|本年|明年|次年)${W})`;
const MONTH = `${NUM}${W}月(?:${W}份)?`;
const DAYPART = `(?:${W}${NUM}${W}[日号]|${W}(?:底|末|中旬|上旬|下旬|初))`;
const DP = `${YP}?${MONTH}${DAYPART}?`;
const SEP = '(?:至|到|—{1,2}|－|–|-|~|～)';
const DP_END = `(?:${YP}?${MONTH}${DAYPART}?|${NUM}${W}[日号])`;
const BEFORE = `(?:${W}(?:之前|以前|前|为止|止))?`;

const DIGITS = '0123456789';
const WIDE_DIGITS = '０１２３４５６７８９';
const CN_NUM = '一二三四五六七八九十';
/** The characters of W. */
const W_CHARS = ' \t\r\n\u3000';
/** What a date point holds before its 月: a year prefix (YP) and a month number (NUM). */
const BEFORE_MONTH = `${DIGITS}${WIDE_DIGITS}${CN_NUM}${W_CHARS}年今本明次`;
/** What a year prefix holds. */
const YP_CHARS = `${DIGITS}${W_CHARS}年今本明次`;
/** Characters a year prefix (YP) or a month number can start with. */
const DP_FIRST = `${DIGITS}${WIDE_DIGITS}今本明次${CN_NUM}`;
/** Longest YP (2024 年 with whitespace): 4 + 4 + 1 + 4. */
const YP_MAX = 13;
/** Offset of a date point's 月 from its start: YP, a 3-char numeral, whitespace. */
const MONTH_LEAD = YP_MAX + 3 + 4;
/** Longest date point (DP): YP, MONTH with 份 (3 + 4 + 1 + 4 + 1), DAYPART (4 + 3 + 4 + 1). */
const DP_MAX = YP_MAX + 13 + 12;
/** Characters of SEP: a range holds one right after its first date point. */
const SEP_CHARS = '至到—－–-~～';

const YEAR = '年'.charCodeAt(0);
const WITHIN = '内'.charCodeAt(0);
const MONTH_CH = '月'.charCodeAt(0);

/** Whether a char code is one of W_CHARS. */
const isW = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x3000;
const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** [0-9０-９] */
const isDigit = (c: number): boolean => isAsciiDigit(c) || (c >= 0xff10 && c <= 0xff19);
/** Characters that can continue a dated match after 月 (digits aside): 份, a day, a part, a list, a suffix. */
const AFTER_MONTH = new CodeSet(`份${CN_NUM}底末中上下初、和及之以前为止`);
const DAY = '日'.charCodeAt(0);
const NUMBER = '号'.charCodeAt(0);
/** What may follow the digits of a day (6月6日): whitespace or 日/号. */
const dayEnd = (c: number): boolean => c === DAY || c === NUMBER || isW(c);
const AFTER_YEAR = new CodeSet('之以前');

/**
 * Probes (see anchored-scan.ts) for the plain shapes dense input repeats: 6月 or 12月 followed by
 * nothing that could extend the date, and 2024年 followed by no 前. Anything else goes to the regex.
 */
function probeDated(text: string, pos: number): number {
  if (!isDigit(text.charCodeAt(pos))) return ASK_REGEX; // 今年…, 六月…
  let m = pos + 1;
  if (isDigit(text.charCodeAt(m))) m++;
  const c = text.charCodeAt(m);
  // Not 月: a third digit may make a year (2024年6月), whitespace may stand before 月; otherwise
  // neither one digit nor two can be followed by 月, and a digit cannot start a year word.
  if (c !== MONTH_CH) return isDigit(c) || isW(c) ? ASK_REGEX : NO_MATCH;
  const next = text.charCodeAt(m + 1);
  if (isDigit(next)) {
    // A day needs 日 or 号 (after whitespace) behind its one or two digits; 6月6月 has neither.
    const c1 = text.charCodeAt(m + 2);
    if (dayEnd(c1) || (isDigit(c1) && dayEnd(text.charCodeAt(m + 3)))) return ASK_REGEX;
  } else if (isW(next) || AFTER_MONTH.has(next)) return ASK_REGEX;
  return dropsPlainDate(text, pos, m + 1) ? skipTo(m + 1) : m + 1;
}

/**
 * Whether extractDeadlines drops this dated match without reading more: a plain date (plainDate)
 * right after a character that can end no field label, column cell, range separator or due-date
 * label. (Field values and cells start after a colon or whitespace; a window after a separator.)
 */
function dropsPlainDate(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start - 1);
  if (c !== c || isWhiteSpaceCode(c) || c === 0xff1a || c === 0x3a || SEPARATOR.has(c) || DUE_DATE_LAST.has(c)) return false;
  return plainDate(text, start, end);
}
function probeYear(text: string, pos: number): number {
  for (let k = 1; k < 4; k++) if (!isAsciiDigit(text.charCodeAt(pos + k))) return NO_MATCH;
  if (text.charCodeAt(pos + 4) !== YEAR) return ASK_REGEX;
  const next = text.charCodeAt(pos + 5);
  return isW(next) || AFTER_YEAR.has(next) ? ASK_REGEX : pos + 5;
}

/**
 * The shapes, each with the rare characters it must contain (see anchored-scan.ts) and the
 * characters it can start with. maxLead is the farthest the anchor can sit from a match's start;
 * `between` lists what a match can hold before it.
 */
export const DEADLINE_SHAPES = {
  recurring: anchored(
    // 次月10日前: a monthly report due in the month after each one.
    `(?:每${W}个?${W}(?:季度末月|季度首月|季度第一个月|季度末|季度|半年|月|年|周)|次月)${W}的?${W}(?:${MONTH}${W})?(?:${NUM}${W}[日号]|底|末)${W}(?:之前|以前|前)`,
    [
      { ch: '每', maxLead: 0 },
      { ch: '次', maxLead: 0 },
    ],
    '每次',
  ),
  range: anchored(
    `(?:即日起${W}至${W}(?:${YP}?${MONTH}${DAYPART}?|[0-9]{4}${W}年${W}(?:底|末)))|(?:${DP}${W}${SEP}${W}${DP_END}${BEFORE})`,
    [
      { ch: '即', maxLead: 0 },
      { ch: '月', maxLead: MONTH_LEAD, between: BEFORE_MONTH },
    ],
    `${DP_FIRST}即`,
    // Most dates are not ranges: without a separator close ahead the regex is not tried at all.
    { need: { chars: `${SEP_CHARS}即`, maxLead: DP_MAX + 4 } },
  ),
  dated: anchored(`${DP}(?:${W}[、和及]${W}${DP}){0,3}${BEFORE}`, [{ ch: '月', maxLead: MONTH_LEAD, between: BEFORE_MONTH }], DP_FIRST, {
    probe: probeDated,
  }),
  // 2024 年 年底: 4 + 4 + 1 + 4 + 1 before the 底 or 末.
  yearEnd: anchored(
    `(?:[0-9]{4}${W}年${W}年?|(?:今|本|明)年${W}年?|年)(?:底|末)${BEFORE}`,
    [
      { ch: '底', maxLead: 14, between: YP_CHARS },
      { ch: '末', maxLead: 14, between: YP_CHARS },
    ],
    `${DIGITS}今本明年`,
  ),
  half: anchored(
    // 年中 (mid-year) is due with the first half: 今年年中完成, 年中前.
    `${YP}?(?:上半年|下半年|年${W}中)(?:${W}(?:末|底))?${BEFORE}`,
    [
      { ch: '半', maxLead: YP_MAX + 1, between: `${YP_CHARS}上下` },
      { ch: '中', maxLead: YP_MAX + 1 + 4, between: YP_CHARS },
    ],
    `${DIGITS}今本明次上下年`,
  ),
  quarter: anchored(
    `${YP}?第?[一二三四1-4]${W}季度(?:${W}(?:末|底))?${BEFORE}`,
    [{ ch: '季', maxLead: YP_MAX + 1 + 1 + 4, between: `${YP_CHARS}第一二三四` }],
    `${DIGITS}今本明次第一二三四`,
  ),
  year: anchored(`[0-9]{4}${W}年(?:${W}(?:之前|以前|前))?`, [{ ch: '年', maxLead: 4 + 4, between: `${DIGITS}${W_CHARS}` }], DIGITS, {
    probe: probeYear,
  }),
  // Every match starts with 今, 本 or 当, or is 年内: anchored there rather than on each 年 of 年年年….
  yearWord: anchored(
    '今年内|本年度|本年内|年内|今年|当年',
    [
      { ch: '今', maxLead: 0 },
      { ch: '本', maxLead: 0 },
      { ch: '当', maxLead: 0 },
      { ch: '内', maxLead: 1, between: '年' },
    ],
    '今本年当',
    // 今/本/当 need 年 next, 年 needs 内: a char test instead of a regex call.
    { probe: (text, pos) => (text.charCodeAt(pos + 1) === (text.charCodeAt(pos) === YEAR ? WITHIN : YEAR) ? ASK_REGEX : NO_MATCH) },
  ),
  // 123 个 工作日 之内: 3 + 4 + 1 + 4 + 3 + 4 + 1 before the 内.
  relative: anchored(
    // Counts of years (五年内取消资格, 前2年内无事故, 三年内不得转让) are mostly limits, not deadlines.
    `(?:[0-9０-９]{1,3}|[一二三四五六七八九十两]{1,3})${W}(?:个${W})?(?:工作日|自然日|日|天|周|月)${W}(?:之内|以内|内)`,
    [{ ch: '内', maxLead: 20, between: `${DIGITS}${WIDE_DIGITS}${CN_NUM}两${W_CHARS}个工作日自然天周月之以` }],
    `${DIGITS}${WIDE_DIGITS}${CN_NUM}两`,
  ),
  // 本月底前 / 当月20日前 / 下月底前: months named from the document's own date.
  namedMonth: anchored(
    `(?:本|当|下)月${W}(?:底|末|${NUM}${W}[日号])${W}(?:之前|以前|前)`,
    [
      { ch: '本', maxLead: 0 },
      { ch: '当', maxLead: 0 },
      { ch: '下', maxLead: 0 },
    ],
    '本当下',
    // The next character must be 月: a char test instead of a regex call at every 下.
    { probe: (text, pos) => (text.charCodeAt(pos + 1) === MONTH_CH ? ASK_REGEX : NO_MATCH) },
  ),
  // 国庆节 + whitespace + 之: 前 sits at most 8 after the start, and is much rarer than 国, 五 or 元.
  holiday: anchored(
    `(?:国庆节?|五一|劳动节|元旦)${W}(?:之前|以前|前)`,
    [{ ch: '前', maxLead: 8, between: `国庆节五一劳动元旦${W_CHARS}之以` }],
    '国五劳元',
  ),
};

/** The characters extractDeadlines looks up in a CharPositions index: the shapes' and the colons. */
export const DEADLINE_CHARS = `${patternChars(Object.values(DEADLINE_SHAPES))}：:`;
const DEADLINE_ALPHABET = new Alphabet(DEADLINE_CHARS);

/** Labels whose value is a deadline; the value may be 长期坚持 (ongoing). All are 4 characters. */
const LABELS = new Set(['完成时限', '完成时间', '完成期限', '时间节点', '时限要求', '办结时限', '时间要求', '整改时限', '整改期限']);
const LABEL_LAST = new CodeSet([...LABELS].map((l) => l[3]).join(''));
const isLabelSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000;

/**
 * Where the values of 完成时限： fields start: after a label, spaces or tabs, a colon and spaces or
 * tabs. Found from the colons (each field holds exactly one) rather than by a regex scan of the
 * whole text; fields never overlap, so these are the matches a global regex would give.
 */
function labelValueStarts(text: string, colons: ArrayLike<number>, out: Set<number>): void {
  for (let k = 0; k < colons.length; k++) {
    const colon = colons[k]!;
    let e = colon;
    while (e > 0 && isLabelSpace(text.charCodeAt(e - 1))) e--;
    if (e < 4 || !LABEL_LAST.has(text.charCodeAt(e - 1)) || !LABELS.has(text.slice(e - 4, e))) continue;
    let v = colon + 1;
    while (v < text.length && isLabelSpace(text.charCodeAt(v))) v++;
    out.add(v);
  }
}
const COLUMN_HEADERS = headers(['完成时限', '完成时间', '完成期限', '时间节点', '时限要求', '办结时限', '整改时限', '整改期限', '时限']);
const ONGOING_RE = /^(?:长期坚持|长期推进|持续推进|持续开展|常态化推进|常态化开展|长期|常态化)/;

/** Verbs that make a bare date a milestone: 10月完工, 2023年9月开始…工作. */
const MILESTONE_WORDS = [
  '完成',
  '完工',
  '竣工',
  '建成',
  '投用',
  '投运',
  '投入使用',
  '投入运营',
  '开工',
  '开始',
  '启动',
  '上线',
  '交付',
  '通车',
  '到位',
  '报送',
  '上报',
  '提交',
  '验收',
  '办结',
  '全部',
  '基本',
  '实现',
  '达到',
  '初步',
  '整改',
  '前',
  '底',
];
const MILESTONE_AFTER = new RegExp(`^(?:${MILESTONE_WORDS.join('|')})`);
// 于 cues a date (于6月底前), 关于/对于/由于 do not (关于2024年第一季度…的通报 is a title).
const LEAD_IN_BEFORE = /(?:到|至|在|(?<![关对由等属])于|确保|力争|争取|要在|要于|务必|必须|计划|预计)$/;
const CUTOFF_BEFORE = /(?:截至|截止|截止到|截止至)$/;
/** A due-date label in prose: 申报截止日期为2024年8月15日 — the date is a deadline, though it has no 前. */
const DUE_DATE_BEFORE = /截止(?:日期|时间)(?:为|是|：|:)?$/;
const QUOTA_AFTER = /^[^，。；\n]{0,12}?(?:至少|不少于|不低于|不超过|累计)/;

interface Found {
  start: number;
  end: number;
  date: string | null;
  precision: DeadlinePrecision;
}

interface DatePoint {
  year: number | null;
  rel: 0 | 1 | null;
  month: number;
  day: number | null;
  part: string | null;
}

const DP_PARSE =
  /^(?:([0-9]{4})年|(今年|本年|明年|次年))?([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月份?(?:([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[日号]|(底|末|中旬|上旬|下旬|初))?$/;

function parsePoint(s: string): DatePoint | null {
  const m = DP_PARSE.exec(squash(s));
  if (!m) return null;
  const month = parseNumber(m[3]!);
  const day = m[4] ? parseNumber(m[4]) : null;
  if (!(month >= 1 && month <= 12) || (day !== null && !(day >= 1 && day <= 31))) return null;
  return {
    year: m[1] ? Number(m[1]) : null,
    // 次年 in a plan (11月1日至次年3月15日) is the year after the document's, as 明年 is.
    rel: m[2] === '明年' || m[2] === '次年' ? 1 : m[2] ? 0 : null,
    month,
    day,
    part: m[5] ?? null,
  };
}

/** The last day a point covers, given the document year. */
function resolvePoint(p: DatePoint, docYear: number | null): { date: string | null; precision: DeadlinePrecision } {
  const year = p.year ?? (docYear === null ? null : docYear + (p.rel ?? 0));
  const precision: DeadlinePrecision = p.day !== null || p.part === '上旬' || p.part === '中旬' || p.part === '初' ? 'day' : 'month';
  if (year === null) return { date: null, precision };
  if (p.day !== null) return { date: isValidDay(year, p.month, p.day) ? isoDate(year, p.month, p.day) : null, precision };
  if (p.part === '上旬' || p.part === '初') return { date: isoDate(year, p.month, 10), precision };
  if (p.part === '中旬') return { date: isoDate(year, p.month, 20), precision };
  return { date: endOfMonthIso(year, p.month), precision };
}

const stripBefore = (s: string): string => s.replace(/(?:之前|以前|前|为止|止)$/, '');

/** Context helpers: a few characters either side, whitespace removed. */
function before(text: string, start: number, n = 6): string {
  return squash(text.slice(Math.max(0, start - n - 4), start)).slice(-n);
}
function after(text: string, end: number, n = 16): string {
  return squash(text.slice(end, end + n + 6)).slice(0, n);
}

const hasSuffix = (s: string): boolean => /(?:前|止)$/.test(squash(s));

/** Chars a dated match ends with when it carries a 前/止 suffix or a 底/旬/初 part. */
const CUED_LAST = new CodeSet('前止底末旬初');
/** First chars of what may follow an accepted date: a milestone verb or the ） of （6月）. */
const ACCEPT_NEXT = new CodeSet(`${MILESTONE_WORDS.map((w) => w[0]).join('')}）)`);
const EVERY = '每'.charCodeAt(0);
const SEASON = '季'.charCodeAt(0);
const DEGREE = '度'.charCodeAt(0);
const BEFORE_CH = '前'.charCodeAt(0);

/**
 * A cheap, exact pre-check for the common rejection of a dated match (6月 in 6月6月…, a month in
 * prose): no suffix or part, no cue after it, no 每 before it. Every acceptance path of the dated
 * shape needs one of these (or a field start, which the caller checks), so skipping is safe; it
 * avoids building context strings per match on hostile input.
 */
function plainDate(text: string, start: number, end: number): boolean {
  if (CUED_LAST.has(text.charCodeAt(end - 1))) return false;
  // after(): the first non-space within 22 chars; before(): the last non-space within 10.
  for (let i = end; i < end + 22 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWhiteSpaceCode(c)) continue;
    if (ACCEPT_NEXT.has(c)) return false;
    break;
  }
  return !recurringBefore(text, start);
}

/**
 * Whether the last non-spaces within 10 chars before `start` are 每, 每年, 每月 or 每季度: the test
 * /每(?:年|月|季度)?$/ on before(), by char codes.
 */
function recurringBefore(text: string, start: number): boolean {
  let c1 = -1;
  let c2 = -1;
  for (let i = start - 1; i >= 0 && i >= start - 10; i--) {
    const c = text.charCodeAt(i);
    if (isWhiteSpaceCode(c)) continue;
    if (c1 < 0) {
      if (c === EVERY) return true;
      if (c !== YEAR && c !== MONTH_CH && c !== DEGREE) return false;
      c1 = c;
    } else if (c2 < 0) {
      if (c1 !== DEGREE) return c === EVERY;
      if (c !== SEASON) return false;
      c2 = c;
    } else return c === EVERY;
  }
  return false;
}

const SEPARATOR = new CodeSet(SEP_CHARS);
/** Words before a duration that make it a limit: 压缩至1个工作日以内, 不超过3日. */
const DURATION_LIMIT_BEFORE = /(?:压缩至|压缩到|缩短至|缩短到|减少至|控制在|不超过|提速至)$/;
/** A web page's link to the previous or next article: its title is another document's. */
const NAVIGATION_LINE = /^[ \t\u3000]*(?:上一篇|下一篇|上一条|下一条)[：:]/;

/** Longest link title looked back over: a bounded walk, so a text without line breaks stays linear. */
const MAX_TITLE = 120;

function inNavigationLine(text: string, at: number): boolean {
  let lineStart = at;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 0x0a) {
    if (at - lineStart >= MAX_TITLE) return false;
    lineStart--;
  }
  // Only lines that start that way (a cheap first-character test before the regex).
  const c = text.charCodeAt(lineStart);
  return (c === 0x4e0a || c === 0x4e0b || isWhiteSpaceCode(c)) && NAVIGATION_LINE.test(text.slice(lineStart, lineStart + 8));
}
/** The last characters DUE_DATE_BEFORE can match. */
const DUE_DATE_LAST = new CodeSet('为是：:期间');
/** Whether the last non-space within `span` chars before `start` is one of `set` (a cheap test before a regex). */
function lastBefore(text: string, start: number, set: CodeSet, span = 4): boolean {
  for (let i = start - 1; i >= 0 && i >= start - span; i--) {
    const c = text.charCodeAt(i);
    if (isWhiteSpaceCode(c)) continue;
    return set.has(c);
  }
  return false;
}

/** 到 or 至: what a "by 2025" year (到2025年) follows. */
const UNTIL_OR_TO = new CodeSet('到至');

export function extractDeadlines(
  text: string,
  years: YearContext,
  rows: TableRows = tableRows(text),
  positions: CharPositions = new CharPositions(text, DEADLINE_ALPHABET),
  /** The shapes to scan with: tests pass variants (a probe that drops nothing) to compare. */
  shapes: typeof DEADLINE_SHAPES = DEADLINE_SHAPES,
): Array<Found & { text: string }> {
  // Offsets where a field value starts: a 完成时限：label or a cell of a 完成时限 column.
  const valueStarts = new Set<number>();
  labelValueStarts(text, positions.ofAny('：:'), valueStarts);
  for (const { candidates } of columnCells(rows, COLUMN_HEADERS)) {
    valueStarts.add(candidates[0]!.first);
  }
  const inField = (start: number): boolean => valueStarts.size > 0 && valueStarts.has(start);

  const found: Array<Found & { text: string }> = [];
  // Earlier shapes win on overlap; deadlines are short, so an occupancy map keeps this linear.
  const covered = new CoveredOffsets(text.length);
  const add = (f: Found) => {
    if (covered.overlaps(f.start, f.end) || inNavigationLine(text, f.start)) return;
    covered.cover(f.start, f.end);
    found.push({ start: f.start, end: f.end, date: f.date, precision: f.precision, text: text.slice(f.start, f.end) });
  };
  // Each shape's spans are walked by a loop of its own, so each call site sees one function.
  const spansOf = (p: AnchoredPattern): Spans => findMatches(text, p, positions);
  let spans: Spans;

  // Ongoing values of 完成时限 fields.
  for (const s of valueStarts) {
    const m = ONGOING_RE.exec(text.slice(s, s + 8));
    if (m) add({ start: s, end: s + m[0].length, date: null, precision: 'ongoing' });
  }

  spans = spansOf(shapes.recurring);
  for (let k = 0; k < spans.count; k++) add({ start: spans.start(k), end: spans.end(k), date: null, precision: 'recurring' });

  const onRange = (start: number, end: number): void => {
    if (CUTOFF_BEFORE.test(before(text, start))) return;
    if (/每(?:年|月|季度)?$/.test(before(text, start))) {
      add({ start, end, date: null, precision: 'recurring' });
      return;
    }
    const s = squash(text.slice(start, end));
    const docYear = years.yearAt(start);
    if (s.startsWith('即日起')) {
      const tail = stripBefore(s.replace(/^即日起至/, ''));
      const ye = /^([0-9]{4})年(?:底|末)$/.exec(tail);
      if (ye) {
        add({ start, end, date: `${ye[1]}-12-31`, precision: 'range' });
        return;
      }
      const p = parsePoint(tail);
      if (p) add({ start, end, date: resolvePoint(p, docYear).date, precision: 'range' });
      return;
    }
    const parts = stripBefore(s).split(/至|到|—{1,2}|－|–|-|~|～/);
    if (parts.length !== 2) return;
    const a = parsePoint(parts[0]!);
    let b = parsePoint(parts[1]!);
    if (!a) return;
    if (!b) {
      // 6月1日至15日: the end names only a day of the start's month.
      const d = /^([0-9]{1,2}|[一二三四五六七八九十]{1,3})[日号]$/.exec(parts[1]!);
      if (!d) return;
      b = { ...a, day: parseNumber(d[1]!), part: null };
    }
    const year = b.year ?? a.year ?? (docYear === null ? null : docYear + (b.rel ?? a.rel ?? 0));
    const r = resolvePoint({ ...b, year, rel: null }, year);
    add({ start, end, date: r.date, precision: 'range' });
  };
  spans = spansOf(shapes.range);
  for (let k = 0; k < spans.count; k++) onRange(spans.start(k), spans.end(k));

  const onDated = (start: number, end: number): void => {
    // 4—6月 as a 完成时限 value is a window ending with its last month (elsewhere 1—11月 is a
    // statistics period, below).
    // Only valueStarts can open one, and a separator must stand just before: a char test first.
    const window =
      valueStarts.size > 0 && lastBefore(text, start, SEPARATOR)
        ? /([0-9]{4}[ \t\u3000]*年[ \t\u3000]*)?[0-9]{1,2}[ \t\u3000]*[—\-－–~～至到][ \t\u3000]*$/.exec(
            text.slice(Math.max(0, start - 12), start),
          )
        : null;
    if (window && inField(start - window[0].length)) {
      const p = parsePoint(stripBefore(squash(text.slice(start, end))));
      const year = window[1] ? Number(squash(window[1]).slice(0, 4)) : null;
      if (p)
        add({
          start: start - window[0].length,
          end,
          date: resolvePoint({ ...p, year: p.year ?? year }, years.yearAt(start)).date,
          precision: 'range',
        });
      return;
    }
    const plain = plainDate(text, start, end) && !inField(start);
    // A plain date is no deadline unless a 截止日期为 label precedes it.
    const dueDate = plain && lastBefore(text, start, DUE_DATE_LAST) && DUE_DATE_BEFORE.test(before(text, start, 8));
    if (plain && !dueDate) return;
    const prev = before(text, start);
    const raw = text.slice(start, end);
    const s = squash(raw);
    const next = after(text, end);
    if (dueDate) {
      const p = parsePoint(s);
      if (p) add({ start, end, ...resolvePoint(p, years.yearAt(start)) });
      return;
    }
    // 1—11月 is a statistics period, 自…起 a start date, 截至…底 a cut-off.
    if (/[0-9][—\-－–~～至到]$/.test(prev) || /^(?:起|以来)/.test(next) || /(?:自|从)$/.test(prev)) return;
    if (CUTOFF_BEFORE.test(prev) && !hasSuffix(s)) return;
    // 截至2023年3月底已下达…: a past reference point, not a due date.
    if (!hasSuffix(s) && /^(?:已|的|以来)/.test(next)) return;
    // 于4月上旬对…进行了督查: a past event in a report, not a due date.
    if (!hasSuffix(s) && !inField(start) && /^[^，。；,;]{0,16}?了(?!解)/.test(next)) return;
    if (/每(?:年|月|季度)?$/.test(prev)) {
      add({ start, end, date: null, precision: 'recurring' });
      return;
    }
    const points = stripBefore(s)
      .split(/[、和及]/)
      .map(parsePoint);
    if (points.some((p) => p === null)) return;
    const last = points[points.length - 1]!;
    const accepted =
      hasSuffix(s) || inField(start) || last.part !== null || MILESTONE_AFTER.test(next) || (/^[)）]/.test(next) && /[(（]$/.test(prev));
    if (!accepted) return;
    const docYear = years.yearAt(start);
    // A list (6月20日、11月10日报送…) is one deadline per date: the reader must meet each. Years
    // carry forward (2024年6月底、12月底), and the trailing 前 belongs to the last date.
    let carried: number | null = null;
    let partStart = 0;
    points.forEach((p, k) => {
      let partEnd = raw.length;
      if (k < points.length - 1) {
        const sep = raw.slice(partStart).search(/[、和及]/);
        partEnd = partStart + sep;
      }
      if (p!.year !== null) carried = p!.year;
      const r = resolvePoint({ ...p!, year: p!.year ?? carried }, docYear);
      let a = start + partStart;
      let b = start + partEnd;
      while (a < b && /\s/.test(text[a]!)) a++;
      while (b > a && /\s/.test(text[b - 1]!)) b--;
      add({ start: a, end: b, date: r.date, precision: r.precision });
      partStart = partEnd + 1;
    });
  };
  spans = spansOf(shapes.dated);
  for (let k = 0; k < spans.count; k++) onDated(spans.start(k), spans.end(k));

  const onYearEnd = (start: number, end: number): void => {
    const s = squash(text.slice(start, end));
    const prev = before(text, start);
    if (/每年?$/.test(prev)) {
      add({ start, end, date: null, precision: 'recurring' });
      return;
    }
    // 每半年末: a frequency, not the year's end.
    if (/半$/.test(prev)) return;
    if (CUTOFF_BEFORE.test(prev) && !hasSuffix(s)) return;
    const y = /^([0-9]{4})年/.exec(s);
    const docYear = years.yearAt(start);
    const year = y ? Number(y[1]) : s.startsWith('明') ? (docYear ?? NaN) + 1 : docYear;
    add({ start, end, date: year === null || Number.isNaN(year) ? null : `${year}-12-31`, precision: 'year' });
  };
  spans = spansOf(shapes.yearEnd);
  for (let k = 0; k < spans.count; k++) onYearEnd(spans.start(k), spans.end(k));

  const periodAccepted = (start: number, end: number, s: string) =>
    !/每$/.test(before(text, start)) &&
    (hasSuffix(s) ||
      /[末底]$/.test(s) ||
      inField(start) ||
      LEAD_IN_BEFORE.test(before(text, start)) ||
      /^(?:内|完成|全部|基本|实现|达到|建成|启动|开工|竣工)/.test(after(text, end)));

  // 上半年 / 三季度末: a period of the year, due on the last day of its last month.
  /** The date a period is due: the last day of its last month (null without a year). */
  const periodDate = (start: number, s: string, lastMonth: number): string | null => {
    const y = /^([0-9]{4})年/.exec(s);
    const year = y ? Number(y[1]) : years.yearAt(start);
    return year === null ? null : endOfMonthIso(year, lastMonth);
  };
  const onHalf = (start: number, end: number): void => {
    const s = squash(text.slice(start, end));
    if (periodAccepted(start, end, s)) add({ start, end, date: periodDate(start, s, s.includes('下半年') ? 12 : 6), precision: 'half' });
  };
  const onQuarter = (start: number, end: number): void => {
    const s = squash(text.slice(start, end));
    if (!periodAccepted(start, end, s)) return;
    const lastMonth = parseNumber(/([一二三四1-4])季度/.exec(s)![1]!) * 3;
    add({ start, end, date: periodDate(start, s, lastMonth), precision: 'quarter' });
  };
  spans = spansOf(shapes.half);
  for (let k = 0; k < spans.count; k++) onHalf(spans.start(k), spans.end(k));
  spans = spansOf(shapes.quarter);
  for (let k = 0; k < spans.count; k++) onQuarter(spans.start(k), spans.end(k));

  const onYear = (start: number, end: number): void => {
    // The match ends in 年 or 前; 2024年 without 前 needs 到/至 before it (checked in full below).
    if (text.charCodeAt(end - 1) !== BEFORE_CH && !lastBefore(text, start, UNTIL_OR_TO, 7)) return;
    const s = squash(text.slice(start, end));
    const year = Number(s.slice(0, 4));
    const next = after(text, end, 4);
    if (hasSuffix(s)) {
      add({ start, end, date: `${year}-12-31`, precision: 'year' });
      return;
    }
    // 到2025年，初步建立… : "by 2025". Not 2023年到2025年 (a plan period) nor 到2025年底 (handled above).
    const prev = before(text, start, 3);
    if (!/(?:^|[^年月日起])(?:到|至)$/.test(prev) || /^(?:[月度底末起]|以来|的|[—\-－–~～至])/.test(next)) return;
    if (!inField(start) && /^[0-9]/.test(next)) return;
    add({ start, end, date: `${year}-12-31`, precision: 'year' });
  };
  spans = spansOf(shapes.year);
  for (let k = 0; k < spans.count; k++) onYear(spans.start(k), spans.end(k));

  const onYearWord = (start: number, end: number): void => {
    const w = text.slice(start, end);
    const prev = before(text, start, 4);
    const next = after(text, end);
    // 两年内 / 半年内 are durations (relative, below), not "within this year".
    if (w === '年内' && (/[0-9一二三四五六七八九十两今本当半]$/.test(prev) || QUOTA_AFTER.test(next))) return;
    if (w !== '年内' && w !== '今年内' && w !== '本年内') {
      if (/^(?:以来|是|，|,|的|上半年|下半年|第?[一二三四]季度)/.test(next)) return;
      const cue = LEAD_IN_BEFORE.test(prev) || /^(?:内|底|年底|完成|全部|实现|建成|开工|竣工)/.test(next);
      if (!cue) return;
      if (w === '当年' && !/^(?:内|完成)/.test(next)) return;
    }
    const docYear = years.yearAt(start);
    add({ start, end, date: docYear === null ? null : `${docYear}-12-31`, precision: 'year' });
  };
  spans = spansOf(shapes.yearWord);
  for (let k = 0; k < spans.count; k++) onYearWord(spans.start(k), spans.end(k));

  spans = spansOf(shapes.relative);
  for (let k = 0; k < spans.count; k++) {
    // 开办时间压缩至1个工作日以内: a service-time limit, not a deadline.
    if (DURATION_LIMIT_BEFORE.test(before(text, spans.start(k)))) continue;
    add({ start: spans.start(k), end: spans.end(k), date: null, precision: 'relative' });
  }

  const onNamedMonth = (start: number, end: number): void => {
    // 每月/次月 are recurring, handled above; only the document's own month (or the next) is known.
    const s = squash(text.slice(start, end));
    const year = years.yearAt(start);
    const docMonth = years.monthAt(start);
    const day = /月([0-9]{1,2}|[一二三四五六七八九十]{1,3})[日号]/.exec(s);
    if (year === null || docMonth === null) {
      add({ start, end, date: null, precision: day ? 'day' : 'month' });
      return;
    }
    const month = s.startsWith('下') ? docMonth + 1 : docMonth;
    const y = month > 12 ? year + 1 : year;
    const m = month > 12 ? 1 : month;
    if (day) {
      const d = parseNumber(day[1]!);
      add({ start, end, date: isValidDay(y, m, d) ? isoDate(y, m, d) : null, precision: 'day' });
    } else add({ start, end, date: endOfMonthIso(y, m), precision: 'month' });
  };
  spans = spansOf(shapes.namedMonth);
  for (let k = 0; k < spans.count; k++) onNamedMonth(spans.start(k), spans.end(k));

  const onHoliday = (start: number, end: number): void => {
    const docYear = years.yearAt(start);
    const s = squash(text.slice(start, end));
    const md = s.startsWith('国庆') ? '09-30' : s.startsWith('元旦') ? '12-31' : '04-30';
    add({ start, end, date: docYear === null ? null : `${docYear}-${md}`, precision: 'day' });
  };
  spans = spansOf(shapes.holiday);
  for (let k = 0; k < spans.count; k++) onHoliday(spans.start(k), spans.end(k));

  return found;
}
