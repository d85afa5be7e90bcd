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

/** A character every match contains, at most `maxLead` characters after the match's start. */
export interface Anchor { ch: string; maxLead: number }

export interface AnchoredPattern {
  /** The shape, compiled sticky ('y') so a failed attempt never searches further. */
  re: RegExp;
  anchors: readonly Anchor[];
  /** Character codes a match can start with; other positions are skipped without calling the regex. */
  first: ReadonlySet<number>;
}

/** Char codes of `chars`, for the `first` set of an anchored pattern. */
export function codes(chars: string): ReadonlySet<number> {
  const out = new Set<number>();
  for (let i = 0; i < chars.length; i++) out.add(chars.charCodeAt(i));
  return out;
}

export function anchored(source: string, anchors: readonly Anchor[], first: string): AnchoredPattern {
  return { re: new RegExp(source, 'y'), anchors, first: codes(first) };
}

/** Calls fn for each match, in the order (and with the results) a global exec loop would give. */
export function forEachMatch(text: string, p: AnchoredPattern, fn: (m: RegExpExecArray) => void): void {
  const { re, anchors, first } = p;
  const n = anchors.length;
  // next[k]: the next occurrence of anchor k at or after pos (-1: none left).
  const next = anchors.map((a) => text.indexOf(a.ch));
  let pos = 0;
  for (;;) {
    // The anchor occurrence with the earliest reach back: positions [at - maxLead, at] may match.
    let from = -1;
    let to = -1;
    let best = 0;
    for (let k = 0; k < n; k++) {
      let at = next[k]!;
      if (at >= 0 && at < pos) next[k] = at = text.indexOf(anchors[k]!.ch, pos);
      if (at >= 0 && (to < 0 || at - anchors[k]!.maxLead < from)) { from = at - anchors[k]!.maxLead; to = at; best = k; }
    }
    if (to < 0) return;
    if (from > pos) pos = from;
    const code = anchors[best]!.ch.charCodeAt(0);
    const lead = anchors[best]!.maxLead;
    for (;;) {
      while (pos <= to) {
        if (!first.has(text.charCodeAt(pos))) { pos++; continue; }
        re.lastIndex = pos;
        const m = re.exec(text);
        if (!m) { pos++; continue; }
        fn(m);
        pos = m.index + Math.max(1, m[0].length);
      }
      // Dense anchors (月月月, 6月6月): extend the window over the next occurrence within reach by a
      // char scan, rather than a fresh round of indexOf calls per occurrence.
      let ext = -1;
      const limit = Math.min(text.length - 1, pos + lead);
      for (let j = Math.max(to + 1, pos); j <= limit; j++) if (text.charCodeAt(j) === code) { ext = j; break; }
      if (ext < 0) break;
      to = ext;
    }
  }
}
