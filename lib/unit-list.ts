/**
 * Parsing a list of responsible units with offsets: 县应急局、县发改局分工负责，县安委会有关成员单位配合；各乡镇.
 *
 * Structure: groups split by ；, sub-groups by ，, items by 、. Role words close a sub-group
 * (牵头 lead, 配合/协助/协办 support, 负责 responsible). Items are then cleaned: 等部门 tails dropped,
 * 和/及 joining two complete names split, parenthesised aliases split off (县发改局(县粮食局、县能源局)),
 * while parentheses inside a name stay (工信（商务）局).
 */
import type { UnitRole } from './entity';
import { CodeSet, isSpaceCode, squash } from './cjk';

export interface UnitSpan {
  start: number;
  end: number;
  name: string;
  role: UnitRole;
}

/** Endings of organisation names. Only applied to text already known to be in a unit slot. */
const UNIT_END =
  /(?:局|办|委|会|部|部门|单位|中心|大队|支队|中队|乡镇|乡（镇）|乡\(镇\)|镇|乡|街道|政府|党委|党组|管委会|公司|集团|组|专班|机关|队|站|所|段|院|校|社|联|室|处|科|厅|署|工委|行|区|馆|团|成员单位|（(?:社区|街道|镇|乡|村)）|\((?:社区|街道|镇|乡|村)\))$/;
/** Persons, positions and non-organisations that happen to share those endings. */
const NOT_UNIT =
  // Anywhere in the name: persons and verbs that never sit inside an organisation's name.
  // (干部, 学生 and 居民 only at the end: 县老干部局, 县学生资助管理中心, 县城乡居民养老保险服务中心 are units.)
  /(?:县长|书记|同志|负责人|群众|家长|农户|协会会员|部分|全体|所有|以下|以上|之一|[0-9０-９]|要|需|须|由|会同|应当|按照|根据|通过|对(?!外)|向)|/
    .source +
  // At the end only: nouns that end like units but are not (全社会, 大会, 景区), while 县人力资源和社会保障局,
  // 县中小企业服务中心, 景区管理处 and 领导小组 stay names.
  /(?:社会|大会|会议|机会|企业|工作|领导|主任|区域|地区|景区|园区内|小区|社区|干部|学生|居民)$|^(?:部门|单位|政府|有关|相关)$|^[0-9]|^(?:设在|挂靠)/
    .source;
const NOT_UNIT_RE = new RegExp(NOT_UNIT);

/** Last characters of the UNIT_END endings: a name ending otherwise is rejected without a regex. */
const UNIT_LAST = new Set([...'局办委会部门位心队镇乡道府组司团班站所段院校社联室处科厅署行区馆关）)'].map((c) => c.charCodeAt(0)));
/** Longest UNIT_END ending (乡（镇）, 成员单位); the $-anchored test only needs that many last chars. */
const UNIT_END_MAX = 4;

export function isUnitName(name: string): boolean {
  return (
    name.length >= 2 &&
    name.length <= 30 &&
    UNIT_LAST.has(name.charCodeAt(name.length - 1)) &&
    UNIT_END.test(name.length > UNIT_END_MAX ? name.slice(-UNIT_END_MAX) : name) &&
    !NOT_UNIT_RE.test(name)
  );
}

type RoleWord = UnitRole | 'explicit-responsible' | null;

/** Role words that close a sub-group, longest first so 分工负责 wins over 负责. */
const ROLE_TAIL: Array<[RegExp, RoleWord]> = [
  [/(?:并)?督促企业落实$/, null],
  [/牵头(?:负责|组织|抓总)?$/, 'lead'],
  [/协调$/, 'lead'],
  [/(?:配合|协助|协办|参与)$/, 'support'],
  [/(?:按职责分工负责|按分工负责|分工负责|按职责负责|负责落实|具体负责|共同负责|负责)$/, 'explicit-responsible'],
  // (县农业农村局牵头，各乡镇抓好落实): the units that carry the task out.
  [/(?:抓好落实|具体落实|组织落实|落实|具体实施|组织实施|实施)$/, 'responsible'],
];

interface Range {
  start: number;
  end: number;
}

/** Trim whitespace and markdown bold markers (**) off a range. */
/** isSpace (cjk.ts) or a markdown bold marker, on a char code. */
function isTrimmed(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0 || c === 0x2a;
}

function trim(text: string, r: Range): Range {
  let { start, end } = r;
  while (start < end && isTrimmed(text.charCodeAt(start))) start++;
  while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** Split [start,end) into groups → sub-groups → items at top-level separators. */
function splitStructure(text: string, start: number, end: number): Range[][][] {
  let items: Range[] = [];
  let subs: Range[][] = [items];
  const groups: Range[][][] = [subs];
  let depth = 0;
  let itemStart = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff08 || c === 0x28)
      depth++; // （ (
    else if (c === 0xff09 || c === 0x29)
      depth = Math.max(0, depth - 1); // ） )
    else if (depth === 0) {
      // 、 ends an item, ，/, a sub-group, ；/; a group.
      if (c !== 0x3001 && c !== 0xff0c && c !== 0x2c && c !== 0xff1b && c !== 0x3b) continue;
      items.push({ start: itemStart, end: i });
      itemStart = i + 1;
      if (c === 0xff0c || c === 0x2c) subs.push((items = []));
      else if (c === 0xff1b || c === 0x3b) groups.push((subs = [(items = [])]));
    }
  }
  items.push({ start: itemStart, end });
  return groups;
}

/** Last characters of the ROLE_TAIL words: any other ending carries no role word. */
const ROLE_LAST = new Set([...'实头责织总调合助办与施'].map((c) => c.charCodeAt(0)));

/** Strip a role word off the end of a sub-group's last item. */
function stripRole(text: string, r: Range): { range: Range; role: RoleWord } {
  if (r.end <= r.start || !ROLE_LAST.has(text.charCodeAt(r.end - 1))) return { range: r, role: null };
  const t = text.slice(r.start, r.end);
  // Indexed, not destructured: destructuring each pair runs the iterator protocol.
  for (let k = 0; k < ROLE_TAIL.length; k++) {
    const m = ROLE_TAIL[k]![0].exec(t);
    if (m) return { range: trim(text, { start: r.start, end: r.start + m.index }), role: ROLE_TAIL[k]![1] };
  }
  return { range: r, role: null };
}

const CONJUNCTIONS = ['及其下设', '及', '和', '与'];

/** What may follow 等 without naming units of its own (X等部门, X等有关单位). */
const GENERIC_TAIL = /^(?:部门|单位|有关部门|相关部门|部门和单位|单位和部门|有关单位|相关单位|)$/;

const INNER_SPACE = /[^\s][ \t\u3000\u00a0]+[^\s]/;

/** The runs of `r` between spaces (not line breaks: those cut names in PDFs). */
function spaceSeparated(text: string, r: Range): Range[] {
  const out: Range[] = [];
  let start = -1;
  for (let i = r.start; i <= r.end; i++) {
    const c = i < r.end ? text.charCodeAt(i) : 0x20;
    const space = c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;
    if (space && start >= 0) {
      out.push({ start, end: i });
      start = -1;
    } else if (!space && start < 0) start = i;
  }
  return out;
}

/** What a bracket after a level of government names as its alternative: 各镇（街道）, 各村（社区）. */
export const LEVEL_ALTERNATIVE = /^(?:街道|街道办事处|社区|镇|乡|村|居|场)$/;

/** Names inside an item: 等 tails, 和/及 pairs, trailing parenthesised aliases. */
function namesIn(text: string, r: Range): Range[] {
  r = trim(text, r);
  const t = text.slice(r.start, r.end);
  // Units a web page's cell put on lines of their own (县市场监管局<br>县税务局) arrive space-separated:
  // split where every part is a whole name (县 城 市 管 理 局 is one name, spaced out).
  if (INNER_SPACE.test(t)) {
    const parts = spaceSeparated(text, r);
    if (parts.length > 1 && parts.every((p) => isUnitName(text.slice(p.start, p.end)))) return parts;
  }
  // X等部门 → X; X等县减灾委有关成员单位 → X + the named set.
  const deng = t.lastIndexOf('等');
  if (deng > 0) {
    const tail = squash(t.slice(deng + 1));
    const head = namesIn(text, { start: r.start, end: r.start + deng });
    if (head.length && (GENERIC_TAIL.test(tail) || !isUnitName(tail))) return head;
    if (head.length) {
      head.push(trim(text, { start: r.start + deng + 1, end: r.end }));
      return head;
    }
  }
  // A trailing parenthesis: aliases when it lists units, a scope note otherwise (县文旅局(旅游部分)).
  const lastCh = t[t.length - 1];
  if (lastCh === '）' || lastCh === ')') {
    const open = Math.max(t.lastIndexOf('（'), t.lastIndexOf('('));
    if (open > 0) {
      const head = trim(text, { start: r.start, end: r.start + open });
      const inner = { start: r.start + open + 1, end: r.end - 1 };
      // 各镇（街道）: the other kind of the same level, part of the name as in 各乡（镇）人民政府.
      if (LEVEL_ALTERNATIVE.test(squash(text.slice(inner.start, inner.end)))) return [r];
      const headOk = isUnitName(squash(text.slice(head.start, head.end)));
      if (headOk) {
        const named: Range[] = [head];
        for (const g of splitStructure(text, inner.start, inner.end)) {
          for (const items of g) {
            for (const x of items) {
              const a = trim(text, x);
              if (!isUnitName(squash(text.slice(a.start, a.end)))) return [head];
              named.push(a);
            }
          }
        }
        return named;
      }
    }
  }
  // 和/及 between two complete names; 及其下设 drops the connective phrase.
  for (const conj of CONJUNCTIONS) {
    const at = t.indexOf(conj);
    if (at > 0) {
      const left = trim(text, { start: r.start, end: r.start + at });
      const right = trim(text, { start: r.start + at + conj.length, end: r.end });
      const l = squash(text.slice(left.start, left.end));
      const rr = squash(text.slice(right.start, right.end));
      if (isUnitName(l) && isUnitName(rr)) {
        const names = namesIn(text, right);
        names.unshift(left);
        return names;
      }
    }
  }
  return r.end > r.start ? [r] : [];
}

const TOWNSHIP = /乡镇|乡（镇）|乡\(镇\)|镇人民政府|乡人民政府|镇政府|乡政府|党委政府|经开区|开发区|管委会|街道/;

export interface ListOptions {
  /** role when the text gives none */
  defaultRole: UnitRole;
  /** bracket rule: departments before ； lead, townships after it are responsible */
  departmentsLeadBeforeTownships: boolean;
}

/**
 * Units in [start,end), or null when any item is not a unit name (the caller then treats the
 * text as something else: a scope note, a sentence, a title).
 */
const BRACKETED_ROLE = /[（(][ \t\u3000]*(牵头|配合|协助|协办|负责)[ \t\u3000]*[）)][ \t\u3000*]*$/;

/**
 * Last characters a unit list can end with: a unit-name ending (UNIT_END), a role word (ROLE_TAIL),
 * 等 (X等), a closing bracket (aliases, 社区) or a separator left by a cut list. Checked first so
 * text that cannot be a list costs one character test instead of a parse.
 */
const LIST_LAST = new CodeSet('局办委会部门位心队镇乡道府党组司团班站所段院校社联室处科厅署行区馆头责合助办实调与织总等）)、，,；;');

/** Whether [start, end) ends (spaces and * aside) with a character a unit list can end with. */
function canEndUnitList(text: string, start: number, end: number): boolean {
  let last = end - 1;
  while (last >= start && (isSpaceCode(text.charCodeAt(last)) || text.charCodeAt(last) === 0x2a)) last--;
  return last >= start && LIST_LAST.has(text.charCodeAt(last));
}

export function parseUnitList(text: string, start: number, end: number, opts: ListOptions): UnitSpan[] | null {
  if (!canEndUnitList(text, start, end)) return null;
  const groups = splitStructure(text, start, end);
  // Plain loops rather than flatMap/flat: this runs for every candidate list in a document.
  const parsed: Sub[][] = [];
  let anySupport = false;
  // 县市场监管局（牵头）: a role written in brackets after one name applies to that name only.
  let itemRoles: Map<number, UnitRole> | null = null;
  // Each name without whitespace, in order. A name that is not a unit name fails the whole list, so
  // it is checked as soon as it is found: most candidate lists fail, and early.
  const squashed: string[] = [];
  for (const g of groups) {
    const subs: Sub[] = [];
    for (const items of g) {
      const trimmed: Range[] = [];
      for (const x of items) {
        const t = trim(text, x);
        if (t.end > t.start) trimmed.push(t);
      }
      if (!trimmed.length) continue;
      const { range, role } = stripRole(text, trimmed[trimmed.length - 1]!);
      trimmed[trimmed.length - 1] = range;
      if (role === 'support') anySupport = true;
      const names: Range[] = [];
      for (const x of trimmed) {
        // BRACKETED_ROLE ends in a bracket, and trimmed items end in what it allows after one.
        const lastCode = text.charCodeAt(x.end - 1);
        const m = lastCode === 0xff09 || lastCode === 0x29 ? BRACKETED_ROLE.exec(text.slice(x.start, x.end)) : null;
        if (!m) {
          for (const n of namesIn(text, x)) {
            if (!pushUnitName(text, n, squashed)) return null;
            names.push(n);
          }
          continue;
        }
        const inner = trim(text, { start: x.start, end: x.start + m.index });
        const r: UnitRole = m[1] === '牵头' ? 'lead' : m[1] === '负责' ? 'responsible' : 'support';
        if (r === 'support') anySupport = true;
        for (const n of namesIn(text, inner)) {
          if (!pushUnitName(text, n, squashed)) return null;
          (itemRoles ??= new Map()).set(n.start, r);
          names.push(n);
        }
      }
      if (!names.length && role !== null) return null;
      subs.push({ names, role });
    }
    if (subs.length) parsed.push(subs);
  }
  if (squashed.length === 0) return null;

  const leadFirstGroup = opts.departmentsLeadBeforeTownships && parsed.length >= 2 && departmentsThenTownships(text, parsed);

  const out: UnitSpan[] = [];
  let k = 0;
  for (let gi = 0; gi < parsed.length; gi++) {
    for (const s of parsed[gi]!) {
      let role: UnitRole;
      if (s.role === 'lead' || s.role === 'support') role = s.role;
      else if (gi === 0 && leadFirstGroup) role = 'lead';
      else if (s.role === 'explicit-responsible' && anySupport) role = 'lead';
      else role = s.role === 'explicit-responsible' ? 'responsible' : opts.defaultRole;
      for (const n of s.names) {
        out.push({ start: n.start, end: n.end, name: squashed[k++]!, role: itemRoles?.get(n.start) ?? role });
      }
    }
  }
  return out;
}

interface Sub {
  names: Range[];
  role: RoleWord;
}

/** Squash a name, record it, and tell whether it is a unit name. */
function pushUnitName(text: string, n: Range, squashed: string[]): boolean {
  const name = squash(text.slice(n.start, n.end));
  squashed.push(name);
  return isUnitName(name);
}

/** The names of a group, joined. */
function groupText(text: string, group: readonly Sub[]): string {
  let out = '';
  for (const sub of group) for (const n of sub.names) out += text.slice(n.start, n.end);
  return out;
}

/** Whether the first group names no township and every later group does. */
function departmentsThenTownships(text: string, parsed: readonly Sub[][]): boolean {
  if (TOWNSHIP.test(groupText(text, parsed[0]!))) return false;
  for (let g = 1; g < parsed.length; g++) if (!TOWNSHIP.test(groupText(text, parsed[g]!))) return false;
  return true;
}
