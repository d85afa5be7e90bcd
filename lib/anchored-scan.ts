/**
 * Scanning a text with a regex only near the rare literal characters every match must contain.
 *
 * A global regex whose pattern starts with a character class (a digit, a Chinese numeral) is tried
 * at every position of the text, which dominates the cost on long documents. Every deadline shape,
 * though, contains a rare character (月, 年, 季, 内 …) within a bounded distance of its start. So
 * positions with no such character close ahead cannot start a match and are skipped: the anchors'
 * positions come from one pass over the text for all shapes (CharPositions); the remaining
 * positions are tried with a sticky regex in increasing order. Trying positions left to right and
 * resuming after each match is exactly what a global exec loop does, so the matches are the same;
 * each position is tried at most once, so the scan stays linear.
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
 *
 * The pass records every occurrence of any alphabet character in text order; the occurrences are
 * then grouped by character with one counting sort. A few large arrays rather than a growing one per
 * character: typed arrays each cost an allocation and work for the garbage collector.
 */
export class CharPositions {
  /** Offsets of all occurrences, in text order, and the slot of the character at each. */
  private readonly hits: Int32Array;
  private readonly hitSlots: Uint8Array;
  /** All offsets grouped by slot (each group in text order); slot s spans [start[s], start[s + 1]). */
  private readonly bySlot: Int32Array;
  private readonly start: Int32Array;
  private readonly lists: Array<Int32Array | undefined> = [];
  private readonly merged = new Map<string, Int32Array>();
  constructor(
    text: string,
    private readonly alphabet: Alphabet,
  ) {
    const slotCount = alphabet.chars.length + 1;
    const count = collect(text, alphabet.slots);
    this.hits = scratchHits.slice(0, count);
    this.hitSlots = scratchSlots.slice(0, count);
    const counts = new Int32Array(slotCount);
    countSlots(this.hitSlots, counts);
    this.start = new Int32Array(slotCount + 1);
    for (let s = 0; s < slotCount; s++) this.start[s + 1] = this.start[s]! + counts[s]!;
    this.bySlot = groupBySlot(this.hits, this.hitSlots, this.start);
  }
  /** Offsets of `ch` in increasing order. */
  of(ch: string): ArrayLike<number> {
    const s = this.alphabet.slots[ch.charCodeAt(0)]!;
    if (ch.length !== 1 || s === 0) throw new Error(`CharPositions: ${ch} is not in the alphabet`);
    return (this.lists[s] ??= this.bySlot.subarray(this.start[s], this.start[s + 1]));
  }
  /** Offsets of any of `chars`, in increasing order (found once per set of characters). */
  ofAny(chars: string): ArrayLike<number> {
    let out = this.merged.get(chars);
    if (out) return out;
    const wanted: number[] = [];
    let total = 0;
    for (const ch of chars) {
      const s = this.alphabet.slots[ch.charCodeAt(0)]!;
      if (ch.length !== 1 || s === 0) throw new Error(`CharPositions: ${ch} is not in the alphabet`);
      if (wanted.includes(s)) continue;
      wanted.push(s);
      total += this.start[s + 1]! - this.start[s]!;
    }
    // Few occurrences ('：:', '牵负配'): merged from their groups, a few steps per occurrence kept.
    // Many: the occurrences of all characters filtered in text order, one step per occurrence.
    out = 4 * total * wanted.length < this.hits.length ? this.mergeGroups(wanted, total) : this.filterHits(wanted, total);
    this.merged.set(chars, out);
    return out;
  }
  /** The groups of these slots merged: each step takes the least head among them. */
  private mergeGroups(slots: readonly number[], total: number): Int32Array {
    const heads = new Int32Array(slots.length);
    const ends = new Int32Array(slots.length);
    for (let g = 0; g < slots.length; g++) {
      heads[g] = this.start[slots[g]!]!;
      ends[g] = this.start[slots[g]! + 1]!;
    }
    const out = new Int32Array(total);
    for (let j = 0; j < total; j++) {
      let best = -1;
      for (let g = 0; g < heads.length; g++) {
        if (heads[g]! < ends[g]! && (best < 0 || this.bySlot[heads[g]!]! < this.bySlot[heads[best]!]!)) best = g;
      }
      out[j] = this.bySlot[heads[best]!]!;
      heads[best]!++;
    }
    return out;
  }
  /** The occurrences in text order, kept when their slot is one of these. */
  private filterHits(slots: readonly number[], total: number): Int32Array {
    const wanted = WANTED.fill(0);
    for (const s of slots) wanted[s] = 1;
    const out = new Int32Array(total);
    const hits = this.hits;
    const hitSlots = this.hitSlots;
    for (let k = 0, j = 0; j < total; k++) if (wanted[hitSlots[k]!] === 1) out[j++] = hits[k]!;
    return out;
  }
}

/** The occurrences grouped by slot, each group in text order (a counting sort; `start` from the counts). */
function groupBySlot(hits: Int32Array, slots: Uint8Array, start: Int32Array): Int32Array {
  const fill = start.slice(0, start.length - 1);
  const out = new Int32Array(hits.length);
  for (let k = 0; k < hits.length; k++) out[fill[slots[k]!]!++] = hits[k]!;
  return out;
}

/** Scratch for ofAny: which slots it keeps. */
const WANTED = new Uint8Array(256);

/**
 * Scratch for the pass: room for one hit per character, so its loop has no growing branch (one that
 * has not run when the loop is compiled sends it back to the interpreter when it first does). Kept
 * between calls, as large as the longest text seen: a fresh pair per text cost an allocation of five
 * bytes per character and work for the garbage collector; the hits are copied out at their size.
 */
let scratchHits = new Int32Array(0);
let scratchSlots = new Uint8Array(0);

/**
 * The pass itself, on its own so that the optimizing compiler, which compiles it while its loop
 * still runs, does not also compile (and soon throw away) the constructor code after it. Writes the
 * hits and their slots to the scratch arrays and returns how many there are.
 */
function collect(text: string, slotOf: Uint8Array): number {
  if (scratchHits.length < text.length) {
    scratchHits = new Int32Array(text.length);
    scratchSlots = new Uint8Array(text.length);
  }
  const hits = scratchHits;
  const slots = scratchSlots;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const s = slotOf[text.charCodeAt(i)]!;
    if (s === 0) continue;
    hits[n] = i;
    slots[n] = s;
    n++;
  }
  return n;
}

/** How many occurrences each slot has. */
function countSlots(slots: Uint8Array, counts: Int32Array): void {
  for (let k = 0; k < slots.length; k++) counts[slots[k]!] = counts[slots[k]!]! + 1;
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

/**
 * A character every match contains, at most `maxLead` characters after the match's start; and,
 * optionally, every character a match can hold before it (`between`, which must not contain `ch`).
 * A start must then lie in the run of such characters right before the anchor, which is usually
 * much shorter than maxLead (县发6月: only 6 can start a date that reaches this 月).
 */
export interface Anchor {
  ch: string;
  maxLead: number;
  between?: string;
}

/**
 * A second necessary condition, checked before the regex runs: every match contains one of
 * `chars` at most `maxLead` characters after its start (the 至 or — of a date range).
 */
export interface Need {
  chars: string;
  maxLead: number;
}

/** What a probe returns when no match starts at the position. */
export const NO_MATCH = -1;
/** What a probe returns when it cannot tell: the regex decides. */
export const ASK_REGEX = -2;

/**
 * What a probe returns for a match its caller would drop at once: skipTo(end). The scan moves past
 * it as past any match (so later matches are the same) but records nothing; on dense input
 * (6月6月…) a million spans recorded and handed back one by one cost more than the scan.
 */
const SKIP_FROM = -3;
export const skipTo = (end: number): number => SKIP_FROM - end;

/**
 * An exact shortcut at a start position, for the cases it can settle by looking at a few
 * characters: the end of the match the regex would find there, NO_MATCH, ASK_REGEX, or skipTo(end)
 * for a match the caller drops. On dense input (6月6月…, 2024年2024年…) a regex call per match costs
 * more than everything else.
 */
export type Probe = (text: string, pos: number) => number;

export interface AnchoredPattern {
  /** The shape, compiled sticky ('y') so a failed attempt never searches further. */
  re: RegExp;
  anchors: readonly Anchor[];
  /** The `between` of each anchor as a CodeSet (null: any character). */
  betweens: ReadonlyArray<CodeSet | null>;
  /** Character codes a match can start with; other positions are skipped without calling the regex. */
  first: CodeSet;
  /** No need: chars ''. */
  need: Need;
  /** No probe: one that always asks the regex. */
  probe: Probe;
}

// Every pattern has a need and a probe, so the objects share one shape with fields of one type.
const NO_NEED: Need = { chars: '', maxLead: 0 };
const askRegex: Probe = () => ASK_REGEX;

export function anchored(
  source: string,
  anchors: readonly Anchor[],
  first: string,
  extra: { need?: Need; probe?: Probe } = {},
): AnchoredPattern {
  const betweens = anchors.map((a) => {
    if (a.between === undefined) return null;
    // A later occurrence of the anchor must never reach back further than an earlier one.
    if (a.between.includes(a.ch)) throw new Error(`anchored: ${a.ch} cannot stand between a start and itself`);
    return new CodeSet(a.between);
  });
  return {
    re: new RegExp(source, 'y'),
    anchors,
    betweens,
    first: new CodeSet(first),
    need: extra.need ?? NO_NEED,
    probe: extra.probe ?? askRegex,
  };
}

/**
 * The need characters ahead of increasing positions: whether one occurs in [q, q + maxLead]. One
 * object per scan with fields of fixed types, rather than closures over a scan's locals.
 */
class NeedWindow {
  private readonly cursors: Cursor[] = [];
  /** The first need character at or after `from` (-1: none left); from -1: not looked up yet. */
  private from = -1;
  next = -1;
  constructor(
    need: Need,
    positions: CharPositions,
    private readonly maxLead: number,
  ) {
    for (let k = 0; k < need.chars.length; k++) this.cursors.push(new Cursor(positions.of(need.chars.charAt(k))));
  }
  covers(q: number): boolean {
    if (this.from < 0 || (this.next >= 0 && this.next < q)) {
      this.from = q;
      let next = -1;
      for (let k = 0; k < this.cursors.length; k++) {
        const at = this.cursors[k]!.at(q);
        if (at >= 0 && (next < 0 || at < next)) next = at;
      }
      this.next = next;
    }
    return this.next >= 0 && this.next <= q + this.maxLead;
  }
}

/** The first position a match reaching an anchor at `at` can start at (see Anchor). */
function reachBack(text: string, at: number, lead: number, between: CodeSet | null): number {
  if (between === null) return at - lead;
  let i = at;
  while (i > 0 && i > at - lead && between.has(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Whether an anchor can neither start a match nor stand between a start and itself. */
function isInert(p: AnchoredPattern, k: number): boolean {
  const c = p.anchors[k]!.ch.charCodeAt(0);
  const between = p.betweens[k]!;
  return !p.first.has(c) && between !== null && !between.has(c);
}

/**
 * The spans of a scan's matches, in order. Kept in a typed array that doubles when full: on dense
 * input (6月6月…) a plain array of a million numbers cost more in growing than the scan itself.
 */
export class Spans {
  /** Start and end of match k at 2k and 2k + 1. */
  private at = new Int32Array(64);
  count = 0;
  start(k: number): number {
    return this.at[2 * k]!;
  }
  end(k: number): number {
    return this.at[2 * k + 1]!;
  }
  push(start: number, end: number): void {
    const i = 2 * this.count;
    if (i === this.at.length) this.grow();
    this.at[i] = start;
    this.at[i + 1] = end;
    this.count++;
  }
  private grow(): void {
    const grown = new Int32Array(this.at.length * 2);
    grown.set(this.at);
    this.at = grown;
  }
}

/**
 * The matches a global exec loop would give, in its order. Only the spans: building the match
 * array and its string per match cost more than everything else on dense input, and callers slice
 * the few they keep. A list rather than a callback keeps the scan's one call site from seeing
 * every caller's function.
 */
export function findMatches(text: string, p: AnchoredPattern, positions: CharPositions): Spans {
  const spans = new Spans();
  const hasNeed = p.need.chars.length > 0;
  const need = new NeedWindow(p.need, positions, p.need.maxLead);
  // Without any need character in the text nothing can match (6月6月… holds no range separator).
  if (hasNeed && !need.covers(0) && need.next < 0) return spans;
  const n = p.anchors.length;
  const lists: Array<ArrayLike<number>> = [];
  const leads: number[] = [];
  const inert: boolean[] = [];
  // For each anchor: the index of its first occurrence at or after pos, and that occurrence's reach
  // (-1: not computed; reaches below 0 are clamped, as no start lies before 0).
  const index: number[] = [];
  const reachOf: number[] = [];
  for (let k = 0; k < n; k++) {
    lists.push(positions.of(p.anchors[k]!.ch));
    leads.push(p.anchors[k]!.maxLead);
    inert.push(isInert(p, k));
    index.push(0);
    reachOf.push(-1);
  }
  const { re, betweens, first, probe } = p;
  let pos = 0;
  for (;;) {
    // Windows [reach, occurrence] in order of reach: for one anchor character reach grows with the
    // occurrence, so the next window is the one with the least reach among each anchor's next.
    let best = -1;
    let bestFrom = 0;
    let other = Infinity;
    for (let k = 0; k < n; k++) {
      const list = lists[k]!;
      let i = index[k]!;
      if (i < list.length && list[i]! < pos) {
        while (i < list.length && list[i]! < pos) i++;
        index[k] = i;
        reachOf[k] = -1;
      }
      if (i === list.length) continue;
      let r = reachOf[k]!;
      if (r < 0) reachOf[k] = r = Math.max(0, reachBack(text, list[i]!, leads[k]!, betweens[k]!));
      if (best < 0 || r < bestFrom) {
        if (best >= 0) other = bestFrom;
        best = k;
        bestFrom = r;
      } else if (r < other) other = r;
    }
    if (best < 0) return spans;
    // That window, then the same anchor's next ones as long as they come first (all of them on
    // 月月月…). Kept in one loop without calls: on dense input this runs once per character.
    const list = lists[best]!;
    const lead = leads[best]!;
    const between = betweens[best]!;
    const isInertAnchor = inert[best]!;
    let i = index[best]!;
    let r = bestFrom;
    for (;;) {
      // Try the positions of [r, list[i]] not passed yet, in order, resuming after each match.
      const to = list[i]!;
      let q = r > pos ? r : pos;
      while (q <= to) {
        if (!first.has(text.charCodeAt(q)) || (hasNeed && !need.covers(q))) {
          q++;
          continue;
        }
        let end = probe(text, q);
        if (end === ASK_REGEX) {
          re.lastIndex = q;
          end = re.test(text) ? re.lastIndex : NO_MATCH;
        }
        if (end === NO_MATCH) {
          q++;
          continue;
        }
        if (end <= SKIP_FROM) end = SKIP_FROM - end;
        else spans.push(q, end);
        q = end > q ? end : q + 1;
      }
      if (q > pos) pos = q;
      i++;
      while (i < list.length && list[i]! < pos) i++;
      if (i === list.length) break;
      let at = list[i]!;
      if (isInertAnchor) {
        // Right after another occurrence, an inert anchor's window is itself alone, where no match
        // starts: a run of them (月月月…) is passed at one comparison each.
        while (list[i - 1] === at - 1 && at <= other) {
          if (at >= pos) pos = at + 1;
          if (++i === list.length) break;
          at = list[i]!;
        }
        if (i === list.length) break;
      }
      if (between === null) r = at - lead;
      else {
        let j = at;
        while (j > 0 && j > at - lead && between.has(text.charCodeAt(j - 1))) j--;
        r = j;
      }
      if (r > other) break;
    }
    index[best] = i;
    reachOf[best] = i < list.length ? Math.max(0, r) : -1;
  }
}

/** findMatches, reported one span at a time. */
export function forEachMatch(text: string, p: AnchoredPattern, fn: (start: number, end: number) => void, positions: CharPositions): void {
  const spans = findMatches(text, p, positions);
  for (let k = 0; k < spans.count; k++) fn(spans.start(k), spans.end(k));
}

/** Every character an anchor or need of these patterns looks up. */
export function patternChars(patterns: readonly AnchoredPattern[]): string {
  return patterns.map((p) => p.anchors.map((a) => a.ch).join('') + p.need.chars).join('');
}
