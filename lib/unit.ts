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
import { isSpace } from './cjk';
import { columnCells } from './table';
import { parseUnitList, type UnitSpan } from './unit-list';

const LABEL_ROLE: Record<string, UnitRole> = {
  牵头单位: 'lead', 牵头部门: 'lead', 主办单位: 'lead', 主责单位: 'responsible',
  配合单位: 'support', 配合部门: 'support', 协办单位: 'support', 参与单位: 'support',
  责任单位: 'responsible', 责任部门: 'responsible', 承办单位: 'responsible', 实施单位: 'responsible',
};
/** A label name whose characters a PDF line break may separate (配\n\n合单位：). */
const spaced = (word: string) => [...word].join('\\s{0,3}');
const LABEL_RE = new RegExp(`(${Object.keys(LABEL_ROLE).map(spaced).join('|')})[ \\t\\u3000]*[：:]`, 'g');
/** Another field label ends a value (责任单位：县教科局 完成时限：6月底前). */
const NEXT_FIELD_RE = new RegExp(
  `(?:${['完成时限', '完成时间', '时间节点', '时限要求', '责任人', '牵头领导', '分管领导', '联系人', ...Object.keys(LABEL_ROLE)].map(spaced).join('|')})[ \\t\\u3000]*[：:]`);
const COLUMN_RE = /^(?:责任单位|牵头单位|责任部门|牵头部门|配合单位|配合部门|主办单位|协办单位|承办单位|责任主体)$/;
const COLUMN_ROLE: Record<string, UnitRole> = { 牵头单位: 'lead', 牵头部门: 'lead', 主办单位: 'lead', 配合单位: 'support', 配合部门: 'support', 协办单位: 'support' };

const CLOSERS: Record<string, string> = { '（': '）', '(': ')' };
const MAX_BRACKET = 220;

/** Index of the bracket closing the one at `open`, or -1 (nesting one level for aliases). */
function matchClose(text: string, open: number): number {
  const close = CLOSERS[text[open]!];
  let depth = 0;
  for (let i = open + 1; i < text.length && i < open + MAX_BRACKET; i++) {
    const ch = text[i]!;
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') {
      if (depth === 0) return ch === close || ch === '）' || ch === ')' ? i : -1;
      depth--;
    } else if (ch === '。') return -1;
  }
  return -1;
}

/** The unclosed bracket a position sits in, within the same sentence; -1 when none. */
function enclosingOpen(text: string, pos: number): number {
  let depth = 0;
  for (let i = pos - 1; i >= 0 && i > pos - 160; i--) {
    const ch = text[i];
    if (ch === '。') return -1;
    if (ch === '）' || ch === ')') depth++;
    else if (ch === '（' || ch === '(') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function skipBack(text: string, i: number): number {
  while (i >= 0 && (isSpace(text[i]) || text[i] === '*')) i--;
  return i;
}
function skipFwd(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u3000' || text[i] === '*')) i++;
  return i;
}

/** Value of a label outside brackets: to the end of the line, continued over PDF line breaks. */
function labelValueEnd(text: string, from: number): number {
  let end = from;
  for (;;) {
    let nl = text.indexOf('\n', end);
    if (nl < 0) nl = text.length;
    const line = text.slice(end, nl);
    const stop = line.search(/[。]|(?:完成时限|完成时间|时间节点|责任人|牵头领导|分管领导)[ \t\u3000]*[：:]/);
    if (stop >= 0) return end + stop;
    const next = NEXT_FIELD_RE.exec(line);
    if (next && next.index > 0) return end + next.index;
    // Continue when the value was cut mid-list (ends in 、) or the next line is a short tail (马营庄\n乡).
    const last = text[skipBack(text, nl - 1)];
    let j = nl;
    while (j < text.length && isSpace(text[j])) j++;
    const nextNl = text.indexOf('\n', j);
    const nextLine = text.slice(j, nextNl < 0 ? text.length : nextNl);
    const shortTail = nextLine.length > 0 && nextLine.length <= 8 && !/[：:。]/.test(nextLine) && /^[\u4e00-\u9fff]/.test(nextLine);
    if (nl < text.length && (last === '、' || last === '，' || shortTail) && j < text.length) { end = j; continue; }
    return nl;
  }
}

function fromLabels(text: string, out: UnitSpan[]): void {
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(text); m; m = LABEL_RE.exec(text)) {
    const role = LABEL_ROLE[m[1]!.replace(/\s+/g, '')]!;
    const from = m.index + m[0].length;
    // Inside a bracket, the value ends at its close: （责任单位：县教科局、县卫体局）.
    const opened = enclosingOpen(text, m.index);
    let end: number;
    if (opened >= 0) {
      const close = matchClose(text, opened);
      end = close < 0 ? labelValueEnd(text, from) : close;
      const next = NEXT_FIELD_RE.exec(text.slice(from, end));
      if (next) end = from + next.index;
    } else end = labelValueEnd(text, from);
    const spans = parseUnitList(text, from, end, { defaultRole: role, departmentsLeadBeforeTownships: false })
      ?? parseLeniently(text, from, end, role);
    out.push(...spans);
  }
}

/** A label value with a stray non-unit item still yields its unit items. */
function parseLeniently(text: string, start: number, end: number, role: UnitRole): UnitSpan[] {
  const out: UnitSpan[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || '、，,；;'.includes(text[i]!)) {
      const one = parseUnitList(text, s, i, { defaultRole: role, departmentsLeadBeforeTownships: false });
      if (one) out.push(...one);
      s = i + 1;
    }
  }
  return out;
}

function fromColumns(text: string, out: UnitSpan[]): void {
  for (const candidates of columnCells(text, COLUMN_RE)) {
    for (const cell of candidates) {
      const spans = parseUnitList(text, cell.start, cell.end, { defaultRole: 'responsible', departmentsLeadBeforeTownships: false });
      if (spans) { out.push(...spans); break; }
    }
  }
  void COLUMN_ROLE;
}

/** A bracket that closes a task sentence or stands on its own line, holding only units. */
function fromBrackets(text: string, out: UnitSpan[]): void {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '（' && ch !== '(') continue;
    const close = matchClose(text, i);
    if (close < 0) continue;
    const before = text[skipBack(text, i - 1)];
    const afterIdx = skipFwd(text, close + 1);
    const after = text[afterIdx];
    const atSentenceEnd = after === undefined || after === '\n' || after === '\r' || '。；;，,'.includes(after);
    const atLineStart = before === undefined || before === '\n' || '。；;'.includes(before);
    if (!atSentenceEnd && !atLineStart) continue;
    const inner = text.slice(i + 1, close);
    if (/^[\s*]*(?:责任单位|牵头单位|配合单位|责任部门|牵头部门)/.test(inner)) continue; // a label: fromLabels
    const spans = parseUnitList(text, i + 1, close, { defaultRole: 'responsible', departmentsLeadBeforeTownships: true });
    if (spans) { out.push(...spans); i = close; }
  }
}

/** (二) 县政府办公室牵头负责的工作 — the heading assigns the tasks listed under it. */
const HEADING_RE = /^[ \t\u3000]*[（(][一二三四五六七八九十]{1,4}[)）][ \t\u3000]*([^\n]{2,80}?)(?:负责落实|负责)的工作[ \t\u3000]*$/gm;

function fromHeadings(text: string, out: UnitSpan[]): void {
  HEADING_RE.lastIndex = 0;
  for (let m = HEADING_RE.exec(text); m; m = HEADING_RE.exec(text)) {
    const start = m.index + m[0].indexOf(m[1]!);
    const body = m[1]!;
    // 负责 without 牵头 names the units responsible; 牵头负责 the lead.
    const lead = body.endsWith('牵头');
    const spans = parseUnitList(text, start, start + body.length + (lead ? 0 : 0), {
      defaultRole: lead ? 'lead' : 'responsible', departmentsLeadBeforeTownships: false,
    });
    if (spans) out.push(...spans.map((s) => (lead ? { ...s, role: 'lead' as const } : s)));
  }
}

/** Units named with a responsibility verb in running text. */
const UNIT_CHARS = '[\\u4e00-\\u9fff（）()、]{2,40}?';
const PROSE_PATTERNS: Array<{ re: RegExp; role: UnitRole }> = [
  // 由县农业农村局牵头 / 建立由教育部门牵头 / 由偏关县综合检验检测中心牵头负责
  { re: new RegExp(`由(${UNIT_CHARS})牵头`, 'gd'), role: 'lead' },
  // 在县农业农村局、县市场监督管理局等相关部门的指导、支持和配合下
  { re: new RegExp(`在(${UNIT_CHARS})(?:等(?:相关|有关)?部门)?的[\\u4e00-\\u9fff、]{0,10}配合下`, 'gd'), role: 'support' },
  // line or sentence start: 县交通局：负责牵头… / 交通局牵头，负责… / 县农业农村局负责方案制定
  { re: new RegExp(`(?:^|[。；;，,\\n])[ \\t\\u3000]*(${UNIT_CHARS})[：:][ \\t\\u3000]*负责(?!人)`, 'gmd'), role: 'responsible' },
  { re: new RegExp(`(?:^|[。；;，,\\n])[ \\t\\u3000]*(${UNIT_CHARS})牵头(?=[，,、]|负责|组织)`, 'gmd'), role: 'lead' },
  { re: new RegExp(`(?:^|[。；;\\n])[ \\t\\u3000]*(${UNIT_CHARS})负责(?!人|同志|的)`, 'gmd'), role: 'responsible' },
  // 成立项目专班，专门负责…
  { re: new RegExp(`成立(${UNIT_CHARS})[，,]?(?:专门|具体)?负责`, 'gd'), role: 'responsible' },
];

function fromProse(text: string, out: UnitSpan[]): void {
  for (const { re, role } of PROSE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const [start, end] = m.indices![1]!;
      let r = role;
      // 县交通局：负责牵头制定… leads.
      if (role === 'responsible' && /^[：:][ \t\u3000]*负责牵头/.test(text.slice(end, end + 8))) r = 'lead';
      const spans = parseUnitList(text, start, end, { defaultRole: r, departmentsLeadBeforeTownships: false });
      if (spans) out.push(...spans.map((s) => ({ ...s, role: r })));
    }
  }
}

export function extractUnits(text: string): UnitEntity[] {
  const found: UnitSpan[] = [];
  fromLabels(text, found);
  fromColumns(text, found);
  fromHeadings(text, found);
  fromBrackets(text, found);
  fromProse(text, found);
  // First source wins on overlap: labels and tables are the most explicit.
  const taken: UnitSpan[] = [];
  const sorted = found.map((f, i) => ({ f, i }));
  const byStart = new Map<number, UnitSpan>();
  for (const { f } of sorted) {
    if (taken.some((t) => f.start < t.end && t.start < f.end)) continue;
    taken.push(f);
    byStart.set(f.start, f);
  }
  return [...byStart.values()].map((u) => ({ kind: 'unit' as const, start: u.start, end: u.end, text: text.slice(u.start, u.end), name: u.name, role: u.role }));
}
