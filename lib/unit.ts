/**
 * Responsible units (责任单位): organisations the text explicitly makes responsible for, leading or
 * supporting a task. Five places assign them:
 *  - label fields: 责任单位：… / 牵头单位：… / 配合单位：… (also inside brackets);
 *  - table columns headed 责任单位 / 牵头单位 / 责任部门 …;
 *  - the bracket closing a task sentence: （县应急局、县发改局负责）;
 *  - section headings that assign the tasks below them: (二) 县政府办公室牵头负责的工作;
 *  - prose with a responsibility verb: 由县农业农村局牵头, 县交通局：负责…, 在…的指导、支持和配合下.
 * Addressee lines, letterheads, signatures and organisations merely mentioned are none of these.
 */
import type { UnitEntity, UnitRole } from './entity';
import { CodeSet, isHan, isSpaceCode, isWhiteSpaceCode, squash } from './cjk';
import { Alphabet, CharPositions } from './anchored-scan';
import { CoveredOffsets } from './covered';
import { columnCells, headers, tableRows, type TableRows } from './table';
import { LEVEL_ALTERNATIVE, parseUnitList, type ListOptions, type UnitSpan } from './unit-list';

// Roles as the issue defines them: 牵头 → lead, 配合/协办 → support, anything else (主办 too) → responsible.
const LABEL_ROLE: Record<string, UnitRole> = {
  牵头单位: 'lead',
  牵头部门: 'lead',
  主办单位: 'responsible',
  主责单位: 'responsible',
  配合单位: 'support',
  配合部门: 'support',
  协办单位: 'support',
  参与单位: 'support',
  责任单位: 'responsible',
  责任部门: 'responsible',
  承办单位: 'responsible',
  实施单位: 'responsible',
};
/** A node of a trie of label names read backwards; children by the trie's character ids. */
interface Node {
  kids: Array<Node | undefined>;
  name: number;
}

/**
 * Label names whose characters a PDF line break may separate (配\n\n合单位：): up to three \s
 * between characters. Labels are found from their colons, so a name is matched backwards from where
 * it ends, which is where /(?:名称|…)/ with \s{0,3} between characters finds one. Names hold no \s,
 * so the gaps are skipped greedily; no name is another's suffix, so at most one matches at an end.
 */
class SpacedNames {
  readonly names: readonly string[];
  /** 1 + index of each character the names use; 0 for the rest. */
  private readonly ids = new Uint8Array(65536);
  private readonly root: Node = { kids: [], name: -1 };
  /** Start of the last name endingAt found. */
  start = -1;
  constructor(names: readonly string[]) {
    this.names = names;
    let count = 0;
    for (const n of names) for (let k = 0; k < n.length; k++) this.ids[n.charCodeAt(k)] ||= ++count;
    names.forEach((n, w) => {
      let node = this.root;
      for (let k = n.length - 1; k >= 0; k--) {
        const id = this.ids[n.charCodeAt(k)]!;
        node = node.kids[id] ??= { kids: [], name: -1 };
      }
      node.name = w;
    });
  }
  /** Index of the name ending right before `end` and starting at or after `min`, or -1. */
  endingAt(text: string, end: number, min: number): number {
    let node = this.root;
    let i = end - 1;
    while (i >= min) {
      const id = this.ids[text.charCodeAt(i)]!;
      const child = id === 0 ? undefined : node.kids[id];
      if (!child) return -1;
      if (child.name >= 0) {
        this.start = i;
        return child.name;
      }
      node = child;
      i--;
      for (let gap = 0; gap < 3 && i >= min && isWhiteSpaceCode(text.charCodeAt(i)); gap++) i--;
    }
    return -1;
  }
}

/** [ \t\u3000], what may stand between a label and its colon. */
const isLabelSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x3000;
const isColon = (c: number): boolean => c === 0xff1a || c === 0x3a;

/** Field labels: the unit labels, and the others that end a unit label's value (完成时限：…). */
const FIELD_LABELS = new SpacedNames([
  ...Object.keys(LABEL_ROLE),
  '完成时限',
  '完成时间',
  '时间节点',
  '时限要求',
  '责任人',
  '牵头领导',
  '分管领导',
  '联系人',
]);
/** The role of each FIELD_LABELS name; null for the names that are not unit labels. */
const FIELD_ROLE: ReadonlyArray<UnitRole | null> = FIELD_LABELS.names.map((n) => LABEL_ROLE[n] ?? null);

/**
 * The field label ending, before [ \t\u3000]*, at a colon: its index in FIELD_LABELS and its start,
 * found once per colon (a value's end asks for the next colon, whose own label is read next).
 * Matched without a lower bound: a bounded match is the same one when it starts within the bound.
 */
class LabelAtColon {
  private colon = -1;
  name = -1;
  start = -1;
  constructor(private readonly text: string) {}
  find(colon: number): number {
    if (colon !== this.colon) {
      this.colon = colon;
      let e = colon;
      while (e > 0 && isLabelSpace(this.text.charCodeAt(e - 1))) e--;
      this.name = FIELD_LABELS.endingAt(this.text, e, 0);
      this.start = FIELD_LABELS.start;
    }
    return this.name;
  }
}

/**
 * Where the first field label with its colon starts in [from, to) (责任单位：县教科局 完成时限：6月底前),
 * or -1. Read from the colons: a label ends at one, and the first colon with a label has the leftmost
 * label, as labels hold no colon. (A regex of the spaced names cost 13 ms to compile on first use.)
 */
function nextFieldStart(text: string, from: number, to: number, labels: LabelAtColon): number {
  for (let i = from; i < to; i++) {
    if (isColon(text.charCodeAt(i)) && labels.find(i) >= 0 && labels.start >= from) return labels.start;
  }
  return -1;
}
const COLUMNS = headers([
  '责任单位',
  '牵头单位',
  '责任部门',
  '牵头部门',
  '配合单位',
  '配合部门',
  '主办单位',
  '协办单位',
  '承办单位',
  '责任主体',
]);
const COLUMN_ROLE: Record<string, UnitRole> = {
  牵头单位: 'lead',
  牵头部门: 'lead',
  主办单位: 'responsible',
  配合单位: 'support',
  配合部门: 'support',
  协办单位: 'support',
};

const MAX_BRACKET = 220;

/** A closing bracket's list: departments before ； lead, townships after it are responsible. */
const BRACKET_LIST: ListOptions = { defaultRole: 'responsible', departmentsLeadBeforeTownships: true };
/** List options for each default role, without the bracket rule (made once, not per candidate). */
const PLAIN_LIST: Record<UnitRole, ListOptions> = {
  lead: { defaultRole: 'lead', departmentsLeadBeforeTownships: false },
  support: { defaultRole: 'support', departmentsLeadBeforeTownships: false },
  responsible: { defaultRole: 'responsible', departmentsLeadBeforeTownships: false },
};

const FULL_OPEN = 0xff08; // （
const FULL_CLOSE = 0xff09; // ）
const FULL_STOP = 0x3002; // 。

/** How far back Brackets.enclosing looks for the bracket. */
const ENCLOSING_SPAN = 160;

const OPEN = 0;
const CLOSE = 1;
const STOP = 2;

/**
 * The brackets （( )） and full stops 。 of a text in order: the only characters the bracket walks
 * react to, so they step from one to the next instead of reading every character between.
 */
class Brackets {
  readonly at: ArrayLike<number>;
  private readonly kinds: Uint8Array;
  constructor(text: string, positions: CharPositions) {
    this.at = positions.ofAny('（()）。');
    this.kinds = new Uint8Array(this.at.length);
    for (let k = 0; k < this.at.length; k++) {
      const c = text.charCodeAt(this.at[k]!);
      this.kinds[k] = c === FULL_OPEN || c === 0x28 ? OPEN : c === FULL_STOP ? STOP : CLOSE;
    }
  }
  isOpen(k: number): boolean {
    return this.kinds[k] === OPEN;
  }
  /**
   * Offset of the bracket closing the open one at index k (either width closes either), or -1:
   * nesting one level for aliases, within MAX_BRACKET characters and the sentence.
   */
  close(k: number): number {
    const open = this.at[k]!;
    let depth = 0;
    for (let j = k + 1; j < this.at.length && this.at[j]! < open + MAX_BRACKET; j++) {
      const kind = this.kinds[j]!;
      if (kind === OPEN) {
        // Unit lists nest one level (aliases); deeper nesting is prose, and giving up here keeps
        // runs of （（（ from costing MAX_BRACKET each.
        if (++depth > 1) return -1;
      } else if (kind === CLOSE) {
        if (depth === 0) return this.at[j]!;
        depth--;
      } else return -1;
    }
    return -1;
  }
  private last = -1;
  /**
   * Index of the unclosed bracket a (non-decreasing) position sits in, within the same sentence and
   * ENCLOSING_SPAN characters; -1 when none.
   */
  enclosing(pos: number): number {
    while (this.last + 1 < this.at.length && this.at[this.last + 1]! < pos) this.last++;
    let depth = 0;
    for (let k = this.last; k >= 0 && this.at[k]! > pos - ENCLOSING_SPAN; k--) {
      const kind = this.kinds[k]!;
      if (kind === STOP) return -1;
      if (kind === CLOSE) depth++;
      else if (depth === 0) return k;
      else depth--;
    }
    return -1;
  }
}

const STAR = 0x2a;

function skipBack(text: string, i: number): number {
  for (let c = text.charCodeAt(i); i >= 0 && (isSpaceCode(c) || c === STAR); c = text.charCodeAt(--i));
  return i;
}
function skipFwd(text: string, i: number): number {
  for (let c = text.charCodeAt(i); i < text.length && (isLabelSpace(c) || c === STAR); c = text.charCodeAt(++i));
  return i;
}

/** Longest label value we read; bounds the work per label so hostile one-line input stays linear. */
const MAX_VALUE = 200;

/** indexOf('\n') that looks no further than `limit`. */
function lineEnd(text: string, from: number, limit: number): number {
  const stop = Math.min(limit, text.length);
  for (let i = from; i < stop; i++) {
    const c = text.charCodeAt(i);
    // A line break ends a line; a colon starts another field, so the value cannot reach past it.
    if (c === 0x0a || c === 0xff1a || c === 0x3a) return i;
  }
  return stop;
}

/** Value of a label outside brackets: to the end of the line, continued over PDF line breaks. */
function labelValueEnd(text: string, from: number, labels: LabelAtColon): number {
  const limit = from + MAX_VALUE;
  let end = from;
  for (;;) {
    const nl = lineEnd(text, end, limit);
    // The value stops at a full stop or at the next field label, whichever comes first. The line
    // holds no colon before nl, so a next label can only be the one ending at a colon there.
    const atColon = nl < text.length && text.charCodeAt(nl) !== 0x0a;
    let stop = -1;
    for (let i = end; i < nl; i++)
      if (text.charCodeAt(i) === FULL_STOP) {
        stop = i;
        break;
      }
    if (atColon && isColon(text.charCodeAt(nl))) {
      const next = labels.find(nl) >= 0 && labels.start >= end ? labels.start : -1;
      if (next >= 0 && (stop < 0 || next < stop)) stop = next;
    }
    if (stop >= 0) return stop;
    if (atColon) return nl;
    if (nl >= limit || nl >= text.length) return nl;
    // Continue when the value was cut mid-list (ends in 、) or the next line is a short tail (马营庄\n乡).
    const last = text.charCodeAt(skipBack(text, nl - 1));
    let j = nl;
    while (j < limit && j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
    const nextEnd = lineEnd(text, j, j + 9);
    const nextLine = text.slice(j, nextEnd);
    // A next line that ends at a colon is a field of its own (办结时限：, 备注：), whatever its label.
    const shortTail =
      nextLine.length > 0 &&
      nextLine.length <= 8 &&
      !isColon(text.charCodeAt(nextEnd)) &&
      !/[：:。]/.test(nextLine) &&
      /^[\u4e00-\u9fff]/.test(nextLine);
    if ((last === 0x3001 || last === 0xff0c || shortTail) && j < text.length && j < limit) {
      end = j;
      continue;
    }
    return nl;
  }
}

/** The last of increasing offsets before a (non-decreasing) position. */
class LastBefore {
  private i = -1;
  constructor(readonly list: ArrayLike<number>) {}
  /** Index in list of the last offset before pos, or -1. */
  indexAt(pos: number): number {
    while (this.i + 1 < this.list.length && this.list[this.i + 1]! < pos) this.i++;
    return this.i;
  }
  at(pos: number): number {
    const i = this.indexAt(pos);
    return i < 0 ? -1 : this.list[i]!;
  }
}

function fromLabels(text: string, positions: CharPositions, brackets: Brackets, out: UnitSpan[]): void {
  const colons = positions.ofAny('：:');
  const labels = new LabelAtColon(text);
  for (let c = 0; c < colons.length; c++) {
    const colon = colons[c]!;
    const last = text.charCodeAt(skipBack(text, colon - 1));
    if (last !== WEI && last !== MEN) continue;
    // A unit label within the 16 characters before its colon.
    const label = labels.find(colon);
    const role = label < 0 ? null : FIELD_ROLE[label]!;
    if (role === null || labels.start < colon - 16) continue;
    const labelStart = labels.start;
    const from = colon + 1;
    // Inside a bracket, the value ends at its close: （责任单位：县教科局、县卫体局）.
    const opened = brackets.enclosing(labelStart);
    let end: number;
    if (opened >= 0) {
      const close = brackets.close(opened);
      end = close < 0 ? labelValueEnd(text, from, labels) : close;
      // Another field's label ends the value; labelValueEnd already stops before one.
      if (close >= 0) {
        const next = nextFieldStart(text, from, end, labels);
        if (next >= 0) end = next;
      }
    } else end = labelValueEnd(text, from, labels);
    if (end - from < 2) continue;
    // A gazette's masthead or a site's footer (主办单位：…政府办公室 beside 地址/电话/ICP备…) names the
    // publisher, not a task's unit.
    if (isPublisherLabel(text, labelStart) && isMasthead(text, labelStart, end)) continue;
    const spans = parseUnitList(text, from, end, PLAIN_LIST[role]) ?? parseLeniently(text, from, end, role);
    out.push(...spans);
  }
}

/** What follows a masthead's 主办单位 line. */
const MASTHEAD_AFTER = /^\s*(?:地址|邮编|邮政编码|电话|联系电话|传真|主编|编辑|出版|印刷|网址)[：:]/;
/** What stands near a web page footer's 主办单位 / 承办单位. */
const FOOTER_NEAR = /ICP|备案|版权|网站标识码|技术支持|公网安备|Copyright|©/;

const isPublisherLabel = (text: string, at: number): boolean =>
  text.startsWith('主办', at) || text.startsWith('承办', at) || text.startsWith('协办', at);

function isMasthead(text: string, labelStart: number, valueEnd: number): boolean {
  return (
    MASTHEAD_AFTER.test(text.slice(valueEnd, valueEnd + 40)) || FOOTER_NEAR.test(text.slice(Math.max(0, labelStart - 80), valueEnd + 80))
  );
}

/** 、，,；; */
const isItemSeparator = (c: number): boolean => c === 0x3001 || c === 0xff0c || c === 0x2c || c === 0xff1b || c === 0x3b;
const WEI = '位'.charCodeAt(0);
const MEN = '门'.charCodeAt(0);
/** What ends a sentence after a bracket: 。；;，, (or a line break, or the end). */
const SENTENCE_END = new CodeSet('。；;，,');
/** What a bracket standing at a line start follows: 。；; (or a line break, or the start). */
const LINE_START_AFTER = new CodeSet('。；;');

/** A label value with a stray non-unit item still yields its unit items. */
function parseLeniently(text: string, start: number, end: number, role: UnitRole): UnitSpan[] {
  const out: UnitSpan[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || isItemSeparator(text.charCodeAt(i))) {
      const one = parseUnitList(text, s, i, PLAIN_LIST[role]);
      if (one) out.push(...one);
      s = i + 1;
    }
  }
  return out;
}

function fromColumns(text: string, rows: TableRows, out: UnitSpan[]): void {
  for (const { header, candidates } of columnCells(rows, COLUMNS)) {
    for (const cell of candidates) {
      const defaultRole = COLUMN_ROLE[header] ?? 'responsible';
      const spans = parseUnitList(text, cell.start, cell.end, PLAIN_LIST[defaultRole]);
      if (spans) {
        out.push(...spans);
        break;
      }
    }
  }
}

/** Cheap test before parsing a bracket: it ends like a unit name or a role word, and holds no prose marks. */
const LOOKS_LIKE_UNIT_LIST =
  /^[^0-9“”《》。"]*(?:[局办委会部门位心队镇乡道府组班站所段院校社联室处科厅署区馆团行司]|负责|牵头|配合|协助|协办|参与|落实|实施|协调)[\s*]*$/;
/** The last character LOOKS_LIKE_UNIT_LIST allows before the trailing [\s*]: checked first, by code. */
const LOOKS_LAST = new CodeSet('局办委会部门位心队镇乡道府组班站所段院校社联室处科厅署区馆团行司责头合助实调');

/** A bracket that closes a task sentence or stands on its own line, holding only units. */
function fromBrackets(text: string, brackets: Brackets, out: UnitSpan[]): void {
  // A bracket parsed as a unit list is skipped over whole: brackets inside it are not tried.
  let resume = 0;
  for (let k = 0; k < brackets.at.length; k++) {
    const i = brackets.at[k]!;
    if (i < resume || !brackets.isOpen(k)) continue;
    const close = brackets.close(k);
    if (close < 0) continue;
    const before = text.charCodeAt(skipBack(text, i - 1));
    const after = text.charCodeAt(skipFwd(text, close + 1));
    const atSentenceEnd = Number.isNaN(after) || after === 0x0a || after === 0x0d || SENTENCE_END.has(after);
    const atLineStart = Number.isNaN(before) || before === 0x0a || LINE_START_AFTER.has(before);
    if (!atSentenceEnd && !atLineStart) continue;
    let last = close - 1;
    while (last > i && (isWhiteSpaceCode(text.charCodeAt(last)) || text.charCodeAt(last) === STAR)) last--;
    if (last === i || !LOOKS_LAST.has(text.charCodeAt(last))) continue;
    const inner = text.slice(i + 1, close);
    if (!LOOKS_LIKE_UNIT_LIST.test(inner)) continue;
    // 各镇（街道），县直各部门： — the bracket belongs to the name before it, not to a task.
    if (isHan(text[i - 1]) && LEVEL_ALTERNATIVE.test(squash(inner))) continue;
    if (/^[\s*]*(?:责任单位|牵头单位|配合单位|责任部门|牵头部门)/.test(inner)) continue; // a label: fromLabels
    const spans = parseUnitList(text, i + 1, close, BRACKET_LIST);
    if (spans) {
      out.push(...spans);
      resume = close + 1;
    }
  }
}

/** (二) 县政府办公室牵头负责的工作 — the heading assigns the tasks listed under it. */
const HEADING_RE =
  /^[ \t\u3000]*(?:[（(][一二三四五六七八九十]{1,4}[)）]|[一二三四五六七八九十]{1,4}[、．.])[ \t\u3000]*([^\n]{2,80}?)(?:按职责分工负责|分工负责|负责落实|负责)的工作[ \t\u3000]*$/gm;

const WORK_1 = '工'.charCodeAt(0);
const WORK_2 = '作'.charCodeAt(0);

function fromHeadings(text: string, des: ArrayLike<number>, out: UnitSpan[]): void {
  // A heading never spans a \n, and its line holds 的工作: only such lines are matched, each on its
  // own (^ and $ hold at the ends of the slice as they do at the \n around it).
  let lineEnd = -1;
  for (let k = 0; k < des.length; k++) {
    const w = des[k]!;
    if (w <= lineEnd || text.charCodeAt(w + 1) !== WORK_1 || text.charCodeAt(w + 2) !== WORK_2) continue;
    const lineStart = text.lastIndexOf('\n', w) + 1;
    lineEnd = text.indexOf('\n', w);
    if (lineEnd < 0) lineEnd = text.length;
    headingsInLine(text, lineStart, text.slice(lineStart, lineEnd), out);
  }
}

function headingsInLine(text: string, offset: number, line: string, out: UnitSpan[]): void {
  HEADING_RE.lastIndex = 0;
  for (let m = HEADING_RE.exec(line); m; m = HEADING_RE.exec(line)) {
    const start = offset + m.index + m[0].indexOf(m[1]!);
    const body = m[1]!;
    // 负责 without 牵头 names the units responsible; 牵头负责 the lead.
    const lead = body.endsWith('牵头');
    const spans = parseUnitList(text, start, start + body.length + (lead ? 0 : 0), {
      defaultRole: lead ? 'lead' : 'responsible',
      departmentsLeadBeforeTownships: false,
    });
    if (spans) for (const s of spans) out.push(lead ? { start: s.start, end: s.end, name: s.name, role: 'lead' } : s);
  }
}

/** Units named with a responsibility verb in running text, found from the verb backwards. */
const enum Verb {
  None,
  Lead,
  Responsible,
  Support,
  SupportUnder,
}
const code = (ch: string): number => ch.charCodeAt(0);
/** The characters of the verbs verbAt reads, by name (牵头 负责 配合 配合下 协助). */
const [QIAN, TOU, FU, ZE, PEI, HE, XIA, XIE, ZHU] = Array.from('牵头负责配合下协助', code);
/** What ends a support clause's last unit name. */
const SUPPORT_CLAUSE_END = /(?:部门|单位|[局办委会心队镇乡道府组班站所段院校社联室处科厅署区馆团行司])(?:（(?:街道|社区|镇|乡|村)）)?$/;
/** The last characters SUPPORT_CLAUSE_END allows. */
const SUPPORT_LAST = new CodeSet('门位局办委会心队镇乡道府组班站所段院校社联室处科厅署区馆团行司）');
/** Punctuation after a support verb: the clause before it is all the sentence says (…县气象局配合，). */
const AFTER_SUPPORT = new CodeSet('，,。；;）)\n');
/** What may not follow a support verb: 配合的 / 协助的 name a thing (配合的部门), 配合度 a measure. */
const NOT_AFTER_SUPPORT = new CodeSet('的度性');
/** The verb starting at p, as /牵头|负责|(?:配合|协助)下|(?:配合|协助)(?![的度性])/y would match it. */
function verbAt(text: string, p: number): Verb {
  const c0 = text.charCodeAt(p);
  const c1 = text.charCodeAt(p + 1);
  if (c0 === QIAN) return c1 === TOU ? Verb.Lead : Verb.None;
  if (c0 === FU) return c1 === ZE ? Verb.Responsible : Verb.None;
  // 配合 / 协助: the units before it support (…县气象局配合，… / 县公安局交警大队协助做好疏导).
  if (!((c0 === PEI && c1 === HE) || (c0 === XIE && c1 === ZHU))) return Verb.None;
  const c2 = text.charCodeAt(p + 2);
  if (c2 === XIA) return Verb.SupportUnder;
  return NOT_AFTER_SUPPORT.has(c2) ? Verb.None : Verb.Support;
}
const MAX_NAME = 40;
/** Where the clause holding a unit before the verb starts: 。；;，,\n */
const isClauseStart = (c: number): boolean => c === FULL_STOP || c === 0xff1b || c === 0x3b || c === 0xff0c || c === 0x2c || c === 0x0a;
/** A 、 right after 牵头 / 负责 also ends a clause: 由县委督查室牵头、县政府督查室配合. */
function isAfterVerbComma(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 0x3001) return false;
  const c0 = text.charCodeAt(i - 2);
  const c1 = text.charCodeAt(i - 1);
  return (c0 === QIAN && c1 === TOU) || (c0 === FU && c1 === ZE);
}
/** What opens the clause before 配合: 。；;，,（(：: */
const isSupportClauseStart = (c: number): boolean =>
  c === FULL_STOP || c === 0xff1b || c === 0x3b || c === 0xff0c || c === 0x2c || c === FULL_OPEN || c === 0x28 || isColon(c);
const [JIE, SHI_EXPLAIN] = Array.from('解释', code);
const [DE, LI, ZU, ZHI, REN, TONG, ZHI_COMRADE] = Array.from('的立组织人同志', code);

/** lastIndexOf bounded to `span` characters before `before`, from a character's positions. */
function lastIndexWithin(last: LastBefore, before: number, span: number): number {
  const at = last.at(before);
  return at >= 0 && at >= before - span ? at : -1;
}

/** The characters clauseStart reacts to: clause punctuation and brackets. */
const CLAUSE_MARKS = '。；;，,\n（()）';

/**
 * Where the clause holding a unit before a verb starts, stepping over the CLAUSE_MARKS positions
 * before it (verbs come in order, so the walk starts from a cursor) rather than every character.
 */
function clauseStart(text: string, marks: LastBefore, verb: number): number {
  // An unclosed bracket also opens a clause ((市生态环境局偏关分局牵头，…), but not one that a name
  // closes again (各乡（镇）人民政府负责).
  let depth = 0;
  for (let k = marks.indexAt(verb); k >= 0; k--) {
    const i = marks.list[k]!;
    if (i < verb - MAX_NAME - 4) break;
    const c = text.charCodeAt(i);
    if (c === FULL_CLOSE || c === 0x29) depth++;
    else if (c === FULL_OPEN || c === 0x28) {
      if (depth === 0) return i + 1;
      depth--;
    } else return i + 1;
  }
  return verb - MAX_NAME - 4 <= 0 ? 0 : -1;
}

/** Whether every clause mark in (from, to) is a line break. */
function onlyLineBreaksBetween(text: string, marks: LastBefore, from: number, to: number): boolean {
  for (let k = marks.indexAt(to - 1); k >= 0; k--) {
    const i = marks.list[k]!;
    if (i <= from) return true;
    if (text.charCodeAt(i) !== 0x0a) return false;
  }
  return true;
}

const LIST_MARKER =
  /^(?:第[一二三四五六七八九十百]{1,4}条[ \t\u3000]*|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十0-9]{1,3}[)）]|[0-9]{1,3}[.、．](?![0-9]))[ \t\u3000]*/;
/** What a LIST_MARKER starts with. */
const LIST_MARKER_FIRST = new CodeSet('第一二三四五六七八九十（(0123456789');

function pushProse(text: string, start: number, end: number, role: UnitRole, out: UnitSpan[]): boolean {
  while (start < end && isLabelSpace(text.charCodeAt(start))) start++;
  // A list marker opens the clause: 二、县应急管理局牵头 / （三）县财政局负责 / 4.县林业局负责
  if (start < end && LIST_MARKER_FIRST.has(text.charCodeAt(start))) {
    const marker = LIST_MARKER.exec(text.slice(start, Math.min(end, start + 8)));
    if (marker) start += marker[0].length;
  }
  // 答：县农业农村局牵头… on a 政策解读 page.
  const c0 = text.charCodeAt(start);
  if (c0 === WEN || c0 === DA) {
    const qa = /^[问答][：:][ \t\u3000]*/.exec(text.slice(start, start + 4));
    if (qa) start += qa[0].length;
  }
  // How the units share the task is no part of their names: …按职责分工负责, …共同牵头.
  if (HOW_LAST.has(text.charCodeAt(end - 1))) {
    const how = HOW_BEFORE_VERB.exec(text.slice(Math.max(start, end - 6), end));
    if (how) end -= how[0].length;
  }
  if (end - start < 2 || end - start > MAX_NAME) return false;
  // X会同Y负责 / 由X会同Y牵头: both carry the task. The first 会同 in the clause (searched in the
  // clause only, by char codes: an indexOf to the end of the text per verb would be quadratic).
  let together = -1;
  for (let i = start; i + 1 < end; i++) {
    if (text.charCodeAt(i) === HUI && text.charCodeAt(i + 1) === TONG) {
      together = i;
      break;
    }
  }
  if (together > start && together < end - 2) {
    return pushProse(text, start, together, role, out) && pushProse(text, together + 2, end, role, out);
  }
  const spans = parseUnitList(text, start, end, PLAIN_LIST[role]);
  if (!spans) return false;
  // The same object shape as parseUnitList's spans, so code reading them sees one shape.
  for (const s of spans) out.push({ start: s.start, end: s.end, name: s.name, role });
  return true;
}

/** Words between the units and their verb that say how they share the task. */
const HOW_BEFORE_VERB = /(?:按职责分工|按分工|分工|共同|具体)$/;
/** The last characters of HOW_BEFORE_VERB: a cheap test before the regex. */
const HOW_LAST = new CodeSet('工同体');
const [WEN, DA, HUI] = Array.from('问答会', code);

/** Whether 成立 occurs in [from, to), given the positions of 成 before `to`. */
function hasChengLi(text: string, cheng: LastBefore, from: number, to: number): boolean {
  for (let k = cheng.indexAt(to - 1); k >= 0; k--) {
    const i = cheng.list[k]!;
    if (i < from) return false;
    if (text.charCodeAt(i + 1) === LI) return true;
  }
  return false;
}

function fromProse(text: string, positions: CharPositions, out: UnitSpan[]): void {
  const verbStarts = positions.ofAny('牵负配协');
  // The nearest 在 / 由 / 成 before each verb (verbs come in order).
  const zaiBefore = new LastBefore(positions.of('在'));
  const youBefore = new LastBefore(positions.of('由'));
  const chengBefore = new LastBefore(positions.of('成'));
  const marks = new LastBefore(positions.ofAny(CLAUSE_MARKS));
  // Every verb starts with 牵, 负 or 配: trying the sticky regex at those offsets in order finds what
  // a global scan would, without running it over the whole text.
  let resume = 0;
  for (let k = 0; k < verbStarts.length; k++) {
    const v = verbStarts[k]!;
    if (v < resume) continue;
    const verb = verbAt(text, v);
    if (verb === Verb.None) continue;
    resume = v + (verb === Verb.SupportUnder ? 3 : 2);
    if (verb === Verb.SupportUnder) {
      // 在县农业农村局、县市场监督管理局等相关部门的指导、支持和配合下
      const zai = lastIndexWithin(zaiBefore, v, 60);
      if (zai < 0 || zai < v - 60) continue;
      // The first 的 after 在, if it comes before the verb.
      let de = -1;
      for (let i = zai; i <= v; i++)
        if (text.charCodeAt(i) === DE) {
          de = i;
          break;
        }
      if (de < 0) continue;
      let end = de;
      const tail = /等(?:相关|有关)?部门$/.exec(text.slice(zai + 1, de));
      if (tail) end = de - tail[0].length;
      pushProse(text, zai + 1, end, 'support', out);
      continue;
    }
    if (verb === Verb.Support) {
      // 由县委编办牵头，县财政局、县人社局配合。 — a clause that is only unit names, then 配合.
      // (应 is a modal verb — 各部门应配合 — except in 应急.)
      // PDF line breaks cut names (县农业\n\n农村局), so only punctuation opens this clause.
      // A bracket closed again inside the clause is part of a name: 各乡（镇）人民政府配合.
      let a = v - 1;
      for (let depth = 0; a >= 0 && a >= v - MAX_NAME; a--) {
        const c = text.charCodeAt(a);
        if (c === FULL_CLOSE || c === 0x29) depth++;
        else if (depth > 0 && (c === FULL_OPEN || c === 0x28)) depth--;
        else if (isSupportClauseStart(c) || isAfterVerbComma(text, a)) break;
      }
      if (a < v - MAX_NAME) continue;
      // SUPPORT_CLAUSE_END needs a unit ending: its last character is tested before any slicing.
      let z = v - 1;
      while (z > a && isWhiteSpaceCode(text.charCodeAt(z))) z--;
      if (!SUPPORT_LAST.has(text.charCodeAt(z))) continue;
      const clause = squash(text.slice(a + 1, v));
      if (/[要将需须均]|应(?!急)/.test(clause) || !SUPPORT_CLAUSE_END.test(clause)) continue;
      // Before a verb phrase (县公安局交警大队协助做好疏导) the clause must also open like a unit's
      // name: 积极探索司法所协助… is a sentence, not a unit.
      if (!AFTER_SUPPORT.has(text.charCodeAt(v + 2)) && !/^[县市省区乡镇各]/.test(clause)) continue;
      pushProse(text, a + 1, v, 'support', out);
      continue;
    }
    const isLead = verb === Verb.Lead;
    // The two characters after the verb.
    const a0 = text.charCodeAt(v + 2);
    const a1 = text.charCodeAt(v + 3);
    // 本办法由县财政局负责解释: boilerplate naming who interprets the text, not a task.
    if (!isLead && a0 === JIE && a1 === SHI_EXPLAIN) continue;
    // The clause start is found only when a path below needs it (-2: not yet).
    let cs = -2;
    // 由县农业农村局牵头 / 建立由教育部门牵头
    const you = lastIndexWithin(youBefore, v, MAX_NAME);
    if (you >= 0 && you >= v - MAX_NAME) {
      cs = clauseStart(text, marks, v);
      // A PDF line break between 由 and the verb cuts a name, not the clause: 由县\n营商环境…中心牵头.
      const sameClause = cs < 0 || you >= cs - 1 || onlyLineBreaksBetween(text, marks, you, v);
      if (sameClause && pushProse(text, you + 1, v, isLead ? 'lead' : 'responsible', out)) continue;
    }
    // 交通局牵头，负责… / 各行业安全专班牵头，制定…; 负责人, 负责的, 负责同志 are no assignment.
    const next = isLead
      ? a0 === 0xff0c || a0 === 0x2c || a0 === 0x3001 || (a0 === FU && a1 === ZE) || (a0 === ZU && a1 === ZHI)
      : !(a0 === REN || a0 === DE || (a0 === TONG && a1 === ZHI_COMRADE));
    if (!next) continue;
    if (cs === -2) cs = clauseStart(text, marks, v);
    if (cs < 0) continue;
    // The clause before the verb, without the spaces that end it.
    let beforeEnd = v;
    while (beforeEnd > cs && isLabelSpace(text.charCodeAt(beforeEnd - 1))) beforeEnd--;
    if (isLead) {
      pushProse(text, cs, beforeEnd, 'lead', out);
      continue;
    }
    if (beforeEnd > cs && isColon(text.charCodeAt(beforeEnd - 1))) {
      // 县交通局：负责牵头制定… leads; 县财政局：负责… is responsible. Only at a line start.
      const atLineStart = text.charCodeAt(cs - 1) === 0x0a || (cs === 0 && text.charCodeAt(0) !== 0x0a);
      if (!atLineStart) continue;
      pushProse(text, cs, beforeEnd - 1, a0 === QIAN && a1 === TOU ? 'lead' : 'responsible', out);
      continue;
    }
    // 成立项目专班，专门负责…
    const found = hasChengLi(text, chengBefore, Math.max(0, v - 30), v)
      ? /成立([^，,。]{2,20})[，,]?(?:专门|具体)?$/.exec(text.slice(Math.max(0, v - 30), v))
      : null;
    if (found) {
      pushProse(text, v - found[0].length + 2, v - found[0].length + 2 + found[1]!.length, 'responsible', out);
      continue;
    }
    // 县农业农村局负责方案制定 / 建立台账，县林业局负责督导检查: the whole clause must be unit names.
    if (cs === 0 || isClauseStart(text.charCodeAt(cs - 1))) pushProse(text, cs, beforeEnd, 'responsible', out);
  }
}

/** The characters extractUnits looks up in a CharPositions index. */
export const UNIT_CHARS = '：:（()）。的牵负配协在由成；;，,\n';
const UNIT_ALPHABET = new Alphabet(UNIT_CHARS);

export function extractUnits(
  text: string,
  rows: TableRows = tableRows(text),
  positions: CharPositions = new CharPositions(text, UNIT_ALPHABET),
): UnitEntity[] {
  const found: UnitSpan[] = [];
  const brackets = new Brackets(text, positions);
  fromLabels(text, positions, brackets, found);
  fromColumns(text, rows, found);
  fromHeadings(text, positions.of('的'), found);
  fromBrackets(text, brackets, found);
  fromProse(text, positions, found);
  // First source wins on overlap: labels and tables are the most explicit. Spans are short, so an
  // occupancy map keeps this linear.
  const covered = new CoveredOffsets(found.length === 0 ? 0 : text.length);
  const kept: UnitSpan[] = [];
  for (const f of found) {
    if (covered.overlaps(f.start, f.end)) continue;
    covered.cover(f.start, f.end);
    kept.push(f);
  }
  kept.sort((x, y) => x.start - y.start);
  return kept.map((u) => ({
    kind: 'unit' as const,
    start: u.start,
    end: u.end,
    text: text.slice(u.start, u.end),
    name: u.name,
    role: u.role,
  }));
}
