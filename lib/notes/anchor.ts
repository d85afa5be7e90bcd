/**
 * Anchoring a note's passage in the page's text model (dom/text-model.ts `text`), and finding it
 * again on a later visit, when the page may have changed. Pure: no DOM.
 *
 * A passage is remembered as W3C Web Annotation selectors: a TextQuoteSelector (the exact text and
 * up to `context` UTF-16 units on each side) and a TextPositionSelector (its offsets). Re-anchoring
 * tries, in order:
 *  1. position: the quote is still at the stored offsets (and its context agrees there);
 *  2. quote: every exact occurrence of the quote, the one whose context agrees best;
 *  3. fuzzy: near matches (approx-string-match, Myers' bit-parallel edit-distance search) of the
 *     quote — for short quotes, of the quote wrapped in its context, so the context decides.
 * Every candidate gets one weighted score (Scorer.candidate); nothing below ACCEPT_SCORE is
 * returned, so a note whose passage is gone gets null (the UI shows it as 未能定位), not a random place.
 */
import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from './note';

export interface AnchorResult {
  start: number;
  end: number;
  /**
   * Which step placed it: the stored offsets (the quote is still there, and no other copy's
   * context agrees better), an exact copy of the quote elsewhere, or a near match.
   */
  method: 'position' | 'quote' | 'fuzzy';
  /** 0..1: 1 when quote and context are all unchanged; ≥ ACCEPT_SCORE otherwise. */
  score: number;
}

export interface DescribeOptions {
  /** UTF-16 units of context kept on each side (default 32). */
  context?: number;
}

export interface AnchorOptions {
  /**
   * Edits (insertions, deletions, substitutions of UTF-16 units) allowed between the stored quote
   * and the passage found. Default: ceil(25 % of the quote), at most 32.
   */
  maxErrors?: number;
}

export const DEFAULT_CONTEXT = 32;

/**
 * The threshold: a candidate must agree on at least half of the weighted evidence (each part
 * counted above chance, see QUOTE_CHANCE and CONTEXT_CHANCE). With the weights below a quote of
 * 17+ units outweighs its context, so, unedited or nearly so, it anchors on its own even when the
 * text around it was rewritten; a short quote (6月底前) needs its context to agree — the same words
 * elsewhere on the page, with other surroundings, stay below it.
 */
export const ACCEPT_SCORE = 0.5;
/** Units next to a unique exact copy that must agree verbatim on one side (see anchor(), step 2). */
const ADJACENT_CONTEXT = 12;
const MIN_ADJACENT_CONTEXT = 4;
/** An exact copy scoring this well is taken without looking for near matches. */
const CONFIDENT_SCORE = 0.8;

// Weights of the score (Scorer.candidate). The quote is what the reader marked: it weighs 4 per
// unit up to 128, so from 17 units on it outweighs a full context (2 × 32) and can anchor alone,
// while 6月底前 (16) cannot; the cap keeps the context relevant for long quotes. Each context side
// weighs its own length, the stored position 2 (a tie-breaker: where the passage was, not what it is).
const QUOTE_WEIGHT_PER_UNIT = 4;
const QUOTE_WEIGHT_MAX = 128;
const HINT_WEIGHT = 2;
/**
 * Edit-distance similarity of two unrelated stretches of county text is far from 0 — same
 * characters, same phrasing, and rows or clauses written from one template (所需经费…万元由县…局统筹
 * 安排) agree on ~70 % of their units — so context similarity counts only above this level,
 * rescaled to 0..1 (a 32-unit context still counts with up to 8 units changed).
 */
const CONTEXT_CHANCE = 0.75;
/**
 * Likewise for the quote: the fuzzy search admits up to 25 % edits, and a passage that far from
 * the quote is no evidence on its own (a sibling row that differs in its date and unit), so quote
 * similarity counts above 75 %: one edit in a 100-unit quote keeps 0.96 of its weight, one in 6月底前 none.
 */
const QUOTE_CHANCE = 0.75;

/** approx-string-match runs one 32-unit block per 32 units of pattern: probes stay ≤ 2 blocks. */
const PROBE_LENGTH = 64;
/** Quotes up to this length are wrapped in their context for the fuzzy search. */
const WRAP_MAX_QUOTE = 48;
/** Longer quotes are checked by their head and tail only (a full check costs length² / 32). */
const FULL_CHECK_MAX = 2048;
const HEAD_TAIL_CHECK = 256;
/** Candidates kept per probe (nearest to the hint first). */
const CANDIDATES_PER_PROBE = 16;
/** Exact copies fully scored when a quote occurs very often (the rest lose on cheap context). */
const EXACT_SCORED_MAX = 32;
/** The fuzzy search looks this far around the stored position before searching the whole text. */
const NEAR_WINDOW = 8192;

/** Selectors for text.slice(start, end), with up to `context` units on each side. */
export function describeRange(
  text: string,
  start: number,
  end: number,
  options: DescribeOptions = {},
): { quote: TextQuoteSelector; position: TextPositionSelector } {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new RangeError(
      `批注范围无效：[${start}, ${end}) 不在页面文本（长度 ${text.length}）之内，请重新选择文字后再添加批注。` +
        ` / Invalid range: need integers 0 ≤ start ≤ end ≤ ${text.length}.`,
    );
  }
  const context = options.context ?? DEFAULT_CONTEXT;
  if (!Number.isInteger(context) || context < 0) {
    throw new RangeError(`上下文长度无效：${context}。/ context must be a non-negative integer.`);
  }
  let prefixStart = Math.max(0, start - context);
  if (prefixStart < start && splitsPair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, end + context);
  if (suffixEnd > end && splitsPair(text, suffixEnd)) suffixEnd--;
  const quote: TextQuoteSelector = { type: 'TextQuoteSelector', exact: text.slice(start, end) };
  if (prefixStart < start) quote.prefix = text.slice(prefixStart, start);
  if (suffixEnd > end) quote.suffix = text.slice(end, suffixEnd);
  return { quote, position: { type: 'TextPositionSelector', start, end } };
}

/** Finds the passage `quote` describes in `text`; null when it is not there any more. */
export function anchor(
  text: string,
  quote: TextQuoteSelector,
  position?: TextPositionSelector,
  options: AnchorOptions = {},
): AnchorResult | null {
  const exact = quote.exact;
  if (exact.trim() === '') return null; // nothing a reader could recognise
  const ctx = new Scorer(text, exact, quote.prefix ?? '', quote.suffix ?? '', validHint(text, position));
  const hint = ctx.hint;

  // 1. The stored offsets, when quote and context are all still there.
  if (hint && text.slice(hint.start, hint.end) === exact && ctx.contextIntact(hint.start, hint.end)) {
    return { start: hint.start, end: hint.end, method: 'position', score: 1 };
  }

  // 2. Exact copies of the quote (the stored position, if it still holds, is one of them).
  const copies = exactCopies(text, exact);
  let best = bestExact(ctx, copies);
  if (best && best.score >= CONFIDENT_SCORE) return result(best, hint);
  // The only exact copy on the page, with its context intact next to it on one side: an edit
  // changed the text a little further away (a row removed below it), not the passage. A deleted
  // passage leaves no exact copy, or several (the same 6月底前 in the other rows).
  if (
    copies.length === 1 &&
    (!best || !best.eligible || best.score < ACCEPT_SCORE) &&
    ctx.adjacentAgrees(copies[0]!, copies[0]! + exact.length)
  ) {
    const only = ctx.candidate(copies[0]!, copies[0]! + exact.length, 0);
    return result({ ...only, score: Math.max(only.score, ACCEPT_SCORE), eligible: true }, hint);
  }

  // 3. Near matches, first around the stored position, then anywhere.
  const maxErrors = Math.max(0, Math.floor(options.maxErrors ?? Math.min(32, Math.ceil(exact.length * 0.25))));
  if (maxErrors > 0) {
    // Searching for the quote alone would return only those exact copies again.
    const skipQuoteProbe = copies.length > 0 && exact.length <= PROBE_LENGTH;
    const nearFirst = hint !== null && text.length > 2 * NEAR_WINDOW + exact.length;
    if (nearFirst) {
      const from = Math.max(0, hint.start - NEAR_WINDOW);
      const to = Math.min(text.length, hint.end + NEAR_WINDOW);
      best = better(best, bestFuzzy(ctx, maxErrors, from, to, skipQuoteProbe));
    }
    if (!best || best.score < CONFIDENT_SCORE) {
      // A passage both moved far and edited is rare: after the near search, one pass over the
      // whole text (its cost: ~20 ms per MB and probe) with the most telling probe only.
      best = better(best, bestFuzzy(ctx, maxErrors, 0, text.length, skipQuoteProbe, nearFirst ? 1 : Infinity));
    }
  }
  return best && best.score >= ACCEPT_SCORE ? result(best, hint) : null;
}

// -- candidates --------------------------------------------------------------------------------

interface Candidate {
  start: number;
  end: number;
  errors: number;
  score: number;
  /** False for a short quote whose context disagrees on one side (see Scorer.candidate). */
  eligible: boolean;
}

function result(c: Candidate, hint: Hint | null): AnchorResult {
  const atHint = hint !== null && c.start === hint.start && c.end === hint.end && c.errors === 0;
  return { start: c.start, end: c.end, method: atHint ? 'position' : c.errors === 0 ? 'quote' : 'fuzzy', score: c.score };
}

/** The eligible one with the higher score (the score's position term already prefers the nearer one). */
function better(a: Candidate | null, b: Candidate | null): Candidate | null {
  if (b && !b.eligible) b = null;
  if (!a) return b;
  if (!b) return a;
  return b.score > a.score ? b : a;
}

function exactCopies(text: string, exact: string): number[] {
  const starts: number[] = [];
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) starts.push(i);
  return starts;
}

function bestExact(ctx: Scorer, starts: number[]): Candidate | null {
  const { exact } = ctx;
  if (starts.length === 0) return null;
  let chosen = starts;
  if (starts.length > EXACT_SCORED_MAX) {
    // A very common quote (a single 的, 6月底前 in a long table): rank by how many context units
    // agree verbatim next to it, and fully score the leaders plus the copy nearest the hint.
    const agreement = (s: number) => ctx.verbatimContext(s, s + exact.length);
    const ranked = starts.map((s) => ({ s, a: agreement(s) })).sort((x, y) => y.a - x.a);
    chosen = ranked.slice(0, EXACT_SCORED_MAX).map((r) => r.s);
    if (ctx.hint) chosen.push(nearest(starts, ctx.hint.start));
  }
  let best: Candidate | null = null;
  for (const s of chosen) best = better(best, ctx.candidate(s, s + exact.length, 0));
  return best;
}

function nearest(sorted: number[], target: number): number {
  let best = sorted[0]!;
  for (const s of sorted) if (Math.abs(s - target) < Math.abs(best - target)) best = s;
  return best;
}

/** A pattern searched for in the text, and where the quote starts relative to its match. */
interface Probe {
  pattern: string;
  maxErrors: number;
  /** Quote start ≈ match start + offset (negative for the tail of a long quote). */
  offset: number;
}

function probesFor(ctx: Scorer, maxErrors: number, skipQuoteProbe: boolean): Probe[] {
  const { exact, prefix, suffix } = ctx;
  const probes: Probe[] = [];
  const q = (p: string) => Math.min(maxErrors, Math.ceil(p.length * 0.25));
  // Short quote: wrapped in its context, so the copy with the right surroundings is the closest
  // match even when unedited copies of the quote fill the page.
  if (exact.length <= WRAP_MAX_QUOTE && (prefix || suffix)) {
    const side = (PROBE_LENGTH - exact.length) >> 1;
    const pre = prefix.slice(Math.max(0, prefix.length - side));
    const suf = suffix.slice(0, side);
    if (pre || suf) {
      probes.push({
        pattern: pre + exact + suf,
        maxErrors: maxErrors + Math.ceil((pre.length + suf.length) * 0.25),
        offset: pre.length,
      });
    }
  }
  // The quote alone — only when a match with no agreeing context at all could still be accepted.
  if (!skipQuoteProbe && ctx.quoteAloneCanPass()) {
    if (exact.length <= PROBE_LENGTH) {
      probes.push({ pattern: exact, maxErrors: q(exact), offset: 0 });
    } else {
      // Long quote: its head and its tail (edits rarely hit both).
      const head = exact.slice(0, PROBE_LENGTH);
      const tail = exact.slice(exact.length - PROBE_LENGTH);
      probes.push({ pattern: head, maxErrors: q(head), offset: 0 });
      probes.push({ pattern: tail, maxErrors: q(tail), offset: -(exact.length - PROBE_LENGTH) });
    }
  }
  return probes;
}

/** Best near match of the quote within text[from, to). */
function bestFuzzy(
  ctx: Scorer,
  maxErrors: number,
  from: number,
  to: number,
  skipQuoteProbe: boolean,
  maxProbes = Infinity,
): Candidate | null {
  const { text } = ctx;
  const region = from === 0 && to === text.length ? text : text.slice(from, to);
  const seen = new Set<string>();
  let best: Candidate | null = null;
  for (const probe of probesFor(ctx, maxErrors, skipQuoteProbe).slice(0, maxProbes)) {
    const estimates = new Set<number>();
    for (const m of search(region, probe.pattern, probe.maxErrors)) estimates.add(from + m.start + probe.offset);
    let starts = [...estimates];
    const target = ctx.hint?.start ?? 0;
    if (starts.length > CANDIDATES_PER_PROBE) {
      starts = starts.sort((a, b) => Math.abs(a - target) - Math.abs(b - target)).slice(0, CANDIDATES_PER_PROBE);
    }
    for (const estimate of starts) {
      // The estimate is off by up to the probe's own edits; the quote's edits stretch it further.
      const found = locateQuote(ctx, estimate, maxErrors, probe.maxErrors + maxErrors + 1);
      if (!found) continue;
      const key = `${found.start}:${found.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      best = better(best, ctx.candidate(found.start, found.end, found.errors));
    }
    if (best && best.score >= CONFIDENT_SCORE) break;
  }
  return best;
}

/** The quote's best match starting within `slack` units of `estimate`. */
function locateQuote(
  ctx: Scorer,
  estimate: number,
  maxErrors: number,
  slack: number,
): { start: number; end: number; errors: number } | null {
  const { text, exact } = ctx;
  if (exact.length <= FULL_CHECK_MAX) {
    const m = matchNear(text, exact, maxErrors, estimate - slack, estimate + exact.length + slack, estimate, 'start');
    return m && expandPairs(text, m);
  }
  // Very long quote: its head fixes the start, its tail the end; the middle is judged by length.
  const head = exact.slice(0, HEAD_TAIL_CHECK);
  const tail = exact.slice(exact.length - HEAD_TAIL_CHECK);
  const h = matchNear(text, head, maxErrors, estimate - slack, estimate + head.length + slack, estimate, 'start');
  if (!h) return null;
  const endEstimate = h.start + exact.length;
  const t = matchNear(text, tail, maxErrors, endEstimate - tail.length - slack, endEstimate + slack, endEstimate, 'end');
  if (!t || t.end <= h.start) return null;
  const errors = Math.max(h.errors + t.errors, Math.abs(t.end - h.start - exact.length));
  return errors <= maxErrors ? expandPairs(text, { start: h.start, end: t.end, errors }) : null;
}

/** approx-string-match within text[from, to); of its best matches, the one whose `side` is nearest `target`. */
function matchNear(
  text: string,
  pattern: string,
  maxErrors: number,
  from: number,
  to: number,
  target: number,
  side: 'start' | 'end',
): { start: number; end: number; errors: number } | null {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  if (to <= from) return null;
  let best: { start: number; end: number; errors: number } | null = null;
  let bestDistance = Infinity;
  for (const m of search(text.slice(from, to), pattern, maxErrors)) {
    const start = from + m.start;
    const end = from + m.end;
    const d = Math.abs((side === 'start' ? start : end) - target);
    if (d < bestDistance || (d === bestDistance && best && end - start > best.end - best.start)) {
      best = { start, end, errors: m.errors };
      bestDistance = d;
    }
  }
  return best;
}

// -- scoring -----------------------------------------------------------------------------------

interface Hint {
  start: number;
  end: number;
}

function validHint(text: string, p: TextPositionSelector | undefined): Hint | null {
  if (!p || !Number.isInteger(p.start) || !Number.isInteger(p.end)) return null;
  if (p.start < 0 || p.end < p.start || p.end > text.length) return null;
  return { start: p.start, end: p.end };
}

class Scorer {
  private readonly quoteWeight: number;
  private readonly totalWeight: number;

  constructor(
    readonly text: string,
    readonly exact: string,
    readonly prefix: string,
    readonly suffix: string,
    readonly hint: Hint | null,
  ) {
    this.quoteWeight = Math.min(QUOTE_WEIGHT_MAX, QUOTE_WEIGHT_PER_UNIT * exact.length);
    this.totalWeight = this.quoteWeight + prefix.length + suffix.length + (hint ? HINT_WEIGHT : 0);
  }

  /** True when prefix and suffix are verbatim next to text[start, end). */
  contextIntact(start: number, end: number): boolean {
    const { text, prefix, suffix } = this;
    return start >= prefix.length && text.startsWith(prefix, start - prefix.length) && text.startsWith(suffix, end);
  }

  /** True when the ADJACENT_CONTEXT units nearest the passage agree verbatim on at least one side. */
  adjacentAgrees(start: number, end: number): boolean {
    const { text, prefix, suffix } = this;
    const p = prefix.slice(-ADJACENT_CONTEXT);
    const s = suffix.slice(0, ADJACENT_CONTEXT);
    const before = p.length >= MIN_ADJACENT_CONTEXT && start >= p.length && text.startsWith(p, start - p.length);
    const after = s.length >= MIN_ADJACENT_CONTEXT && text.startsWith(s, end);
    return before || after;
  }

  /** Context units that agree verbatim, outward from the passage's edges (cheap ranking). */
  verbatimContext(start: number, end: number): number {
    const { text, prefix, suffix } = this;
    let n = 0;
    while (n < prefix.length && start - n - 1 >= 0 && text.charCodeAt(start - n - 1) === prefix.charCodeAt(prefix.length - n - 1)) n++;
    let m = 0;
    while (m < suffix.length && end + m < text.length && text.charCodeAt(end + m) === suffix.charCodeAt(m)) m++;
    return n + m;
  }

  /** Whether a passage whose context agrees nowhere could still reach ACCEPT_SCORE. */
  quoteAloneCanPass(): boolean {
    return (this.quoteWeight + (this.hint ? HINT_WEIGHT : 0)) / this.totalWeight >= ACCEPT_SCORE;
  }

  /**
   * Score: the weighted mean of quote similarity (1 − edits / quote length, counted above
   * QUOTE_CHANCE), prefix and suffix similarity (edit distance to the text beside the passage,
   * counted above CONTEXT_CHANCE) and closeness to the stored position (1 − distance / text
   * length); weights: see the constants.
   *
   * A quote too short to pass on its own must also agree with each stored side of its context:
   * when a table row or sentence is deleted, the text on one side of it ends up next to a
   * neighbour that often ends with the same words (the 6月底前 of the row above), so agreement on
   * one side only is what a deleted passage looks like.
   */
  candidate(start: number, end: number, errors: number): Candidate {
    const { text, exact, prefix, suffix, hint } = this;
    const p = prefix ? prefixScore(text, start, prefix) : 1;
    const s = suffix ? suffixScore(text, end, suffix) : 1;
    let sum = this.quoteWeight * aboveChance(1 - errors / exact.length, QUOTE_CHANCE);
    sum += prefix.length * p + suffix.length * s;
    if (hint) sum += HINT_WEIGHT * (1 - Math.abs(start - hint.start) / Math.max(1, text.length));
    const eligible = this.quoteAloneCanPass() || (p > 0 && s > 0);
    return { start, end, errors, score: sum / this.totalWeight, eligible };
  }
}

// Context similarity: edit distance between the stored context and the text beside a candidate,
// 0 at chance level, 1 verbatim. The text compared is a quarter longer than the context, so
// words inserted next to the passage cost one edit each (not also the context pushed out of a
// fixed window); units between the passage and the best match of the context count as edits.

function prefixScore(text: string, start: number, prefix: string): number {
  if (start >= prefix.length && text.startsWith(prefix, start - prefix.length)) return 1;
  const window = text.slice(Math.max(0, start - prefix.length - (prefix.length >> 2)), start);
  let errors = prefix.length;
  for (const m of window ? search(window, prefix, prefix.length) : []) errors = Math.min(errors, m.errors + window.length - m.end);
  return aboveChance(1 - errors / prefix.length, CONTEXT_CHANCE);
}

function suffixScore(text: string, end: number, suffix: string): number {
  if (text.startsWith(suffix, end)) return 1;
  const window = text.slice(end, end + suffix.length + (suffix.length >> 2));
  let errors = suffix.length;
  for (const m of window ? search(window, suffix, suffix.length) : []) errors = Math.min(errors, m.errors + m.start);
  return aboveChance(1 - errors / suffix.length, CONTEXT_CHANCE);
}

/** Rescales a similarity so that `chance` and below count 0 and a perfect match 1. */
function aboveChance(similarity: number, chance: number): number {
  return Math.max(0, (similarity - chance) / (1 - chance));
}

// -- UTF-16 ------------------------------------------------------------------------------------

/** True when offset i falls between the two halves of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const hi = text.charCodeAt(i - 1);
  const lo = text.charCodeAt(i);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/** Widens a near match so it never starts or ends inside a surrogate pair (𠀀 is two units). */
function expandPairs(text: string, m: { start: number; end: number; errors: number }) {
  const before = splitsPair(text, m.start) ? 1 : 0;
  const after = splitsPair(text, m.end) ? 1 : 0;
  // The half already matched stood for the whole character (a one-character edit, as counted in
  // code points); a widened match differs from the quote, so it never passes as exact.
  return { start: m.start - before, end: m.end + after, errors: before + after > 0 ? Math.max(1, m.errors) : m.errors };
}
