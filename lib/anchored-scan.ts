/**
 * Scanning a text with a regex only near the rare literal characters every match must contain.
 *
 * A global regex whose pattern starts with a character class (a digit, a Chinese numeral) is tried
 * at every position of the text, which dominates the cost on long documents. Every deadline shape,
 * though, contains a rare character (月, 年, 季, 内 …) within a bounded distance of its start. So
 * positions with no such character close ahead cannot start a match and are skipped with indexOf;
 * the remaining ones are tried with a sticky regex in increasing order. Trying positions left to
 * right and resuming after each match is exactly what a global exec loop does, so the matches are
 * the same; each position is tried at most once, so the scan stays linear.
 */
import { CodeSet } from './cjk';

/** A fixed set of characters whose positions a CharPositions index records (at most 255). */
export class Alphabet {
  readonly chars: readonly string[];
  /** slot + 1 of each tracked code unit; 0 for the rest. */
  readonly slots = new Uint8Array(65536);
  constructor(chars: string) {
    this.chars = [...new Set(chars)];
    if (this.chars.length > 255) throw new Error(`Alphabet: at most 255 characters, got ${this.chars.length}`);
    this.chars.forEach((ch, k) => {
      if (ch.length !== 1) throw new Error(`Alphabet: ${ch} is not a single UTF-16 code unit`);
      this.slots[ch.charCodeAt(0)] = k + 1;
    });
  }
}

/**
 * Where each character of an alphabet occurs in a text, found in one pass. indexOf per character
 * costs a pass each, and on Chinese text a slow one: V8 searches for one byte of the character with
 * memchr, and the high bytes of CJK characters (and of ：（ ，) recur every few dozen characters.
 */
export class CharPositions {
  private readonly lists: Int32Array[];
  constructor(text: string, private readonly alphabet: Alphabet) {
    // Growable typed arrays: Array#push costs several times more once lists reach 10⁵ entries.
    const bufs = alphabet.chars.map(() => new Int32Array(16));
    const counts = new Int32Array(bufs.length);
    const slots = alphabet.slots;
    for (let i = 0; i < text.length; i++) {
      const s = slots[text.charCodeAt(i)]!;
      if (s === 0) continue;
      const n = counts[s - 1]!;
      let buf = bufs[s - 1]!;
      if (n === buf.length) {
        const grown = new Int32Array(n * 2);
        grown.set(buf);
        bufs[s - 1] = buf = grown;
      }
      buf[n] = i;
      counts[s - 1] = n + 1;
    }
    this.lists = bufs.map((b, k) => b.subarray(0, counts[k]));
  }
  /** Offsets of `ch` in increasing order. */
  of(ch: string): ArrayLike<number> {
    const s = this.alphabet.slots[ch.charCodeAt(0)]!;
    if (ch.length !== 1 || s === 0) throw new Error(`CharPositions: ${ch} is not in the alphabet`);
    return this.lists[s - 1]!;
  }
  /** Offsets of any of `chars`, in increasing order. */
  ofAny(chars: string): ArrayLike<number> {
    let out = this.of(chars[0]!);
    for (let k = 1; k < chars.length; k++) out = merge(out, this.of(chars[k]!));
    return out;
  }
}

/** Two increasing lists of offsets merged into one (they never share an offset). */
function merge(a: ArrayLike<number>, b: ArrayLike<number>): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** A cursor over increasing positions: the first one at or after a (non-decreasing) offset. */
class Cursor {
  private i = 0;
  constructor(private readonly list: ArrayLike<number>) {}
  /** The first position >= pos, or -1 when none is left. */
  at(pos: number): number {
    const l = this.list;
    let i = this.i;
    while (i < l.length && l[i]! < pos) i++;
    this.i = i;
    return i < l.length ? l[i]! : -1;
  }
}

/** A character every match contains, at most `maxLead` characters after the match's start. */
export interface Anchor { ch: string; maxLead: number }

/**
 * A second necessary condition, checked before the regex runs: every match contains one of
 * `chars` at most `maxLead` characters after its start (the 至 or — of a date range).
 */
export interface Need { chars: string; maxLead: number }

/** What a probe returns when no match starts at the position. */
export const NO_MATCH = -1;
/** What a probe returns when it cannot tell: the regex decides. */
export const ASK_REGEX = -2;

/**
 * An exact shortcut at a start position, for the cases it can settle by looking at a few
 * characters: the end of the match the regex would find there, NO_MATCH, or ASK_REGEX. On dense
 * input (6月6月…, 2024年2024年…) a regex call per match costs more than everything else.
 */
export type Probe = (text: string, pos: number) => number;

export interface AnchoredPattern {
  /** The shape, compiled sticky ('y') so a failed attempt never searches further. */
  re: RegExp;
  anchors: readonly Anchor[];
  /** Character codes a match can start with; other positions are skipped without calling the regex. */
  first: CodeSet;
  need: Need | null;
  probe: Probe | null;
}

export function anchored(
  source: string, anchors: readonly Anchor[], first: string,
  extra: { need?: Need; probe?: Probe } = {},
): AnchoredPattern {
  return { re: new RegExp(source, 'y'), anchors, first: new CodeSet(first), need: extra.need ?? null, probe: extra.probe ?? null };
}

/**
 * Calls fn(start, end) for each match, in the order (and with the spans) a global exec loop would
 * give. Only the span is reported: building the match array and its string per match cost more
 * than the callbacks on dense input, and callers slice the few they keep.
 */
export function forEachMatch(
  text: string, p: AnchoredPattern, fn: (start: number, end: number) => void, positions: CharPositions,
): void {
  const { re, anchors, first, need, probe } = p;
  const n = anchors.length;
  const anchorAt = anchors.map((a) => new Cursor(positions.of(a.ch)));
  // next[k]: the next occurrence of anchor k at or after pos (-1: none left).
  const next = anchorAt.map((c) => c.at(0));
  const needAt = need ? [...need.chars].map((ch) => new Cursor(positions.of(ch))) : [];
  const needLead = need ? need.maxLead : 0;
  // The first need character at or after needFrom (-1: none left).
  let needFrom = -1;
  let needNext = -1;
  /** Whether a need character occurs in [pos, pos + needLead]. */
  const needed = (pos: number): boolean => {
    if (needFrom < 0 || (needNext >= 0 && needNext < pos)) {
      needFrom = pos;
      needNext = -1;
      for (const c of needAt) {
        const at = c.at(pos);
        if (at >= 0 && (needNext < 0 || at < needNext)) needNext = at;
      }
    }
    return needNext >= 0 && needNext <= pos + needLead;
  };
  let pos = 0;
  for (;;) {
    // The anchor occurrence with the earliest reach back: positions [at - maxLead, at] may match.
    let from = -1;
    let to = -1;
    let best = 0;
    for (let k = 0; k < n; k++) {
      let at = next[k]!;
      if (at >= 0 && at < pos) next[k] = at = anchorAt[k]!.at(pos);
      if (at >= 0 && (to < 0 || at - anchors[k]!.maxLead < from)) { from = at - anchors[k]!.maxLead; to = at; best = k; }
    }
    if (to < 0) return;
    if (from > pos) pos = from;
    const bestAt = anchorAt[best]!;
    const lead = anchors[best]!.maxLead;
    for (;;) {
      while (pos <= to) {
        if (!first.has(text.charCodeAt(pos)) || (need !== null && !needed(pos))) {
          pos++;
          continue;
        }
        let end = probe === null ? ASK_REGEX : probe(text, pos);
        if (end === ASK_REGEX) {
          re.lastIndex = pos;
          end = re.test(text) ? re.lastIndex : NO_MATCH;
        }
        if (end === NO_MATCH) { pos++; continue; }
        fn(pos, end);
        pos = end > pos ? end : pos + 1;
      }
      // Dense anchors (月月月, 6月6月): extend the window over the next occurrence within reach,
      // rather than a fresh round of lookups over every anchor per occurrence. (pos > to here.)
      const ext = bestAt.at(pos);
      if (ext < 0 || ext > pos + lead) break;
      to = ext;
    }
  }
}

/** Every character an anchor or need of these patterns looks up. */
export function patternChars(patterns: readonly AnchoredPattern[]): string {
  return patterns.map((p) => p.anchors.map((a) => a.ch).join('') + (p.need?.chars ?? '')).join('');
}
