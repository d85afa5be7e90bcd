/**
 * Adversarial inputs: extract() must scale linearly. No absolute timing thresholds (those flake on
 * busy CI machines); instead the time for a 4× larger input must stay well under the ~16× that
 * quadratic growth would give. Each size is timed 3 times and the minimum taken to cut noise.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../../lib/index';

const SMALL = 50_000;
const LARGE = 200_000;
const MAX_RATIO = 12;

/** `unit` repeated to exactly n UTF-16 code units. */
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const PATTERNS: Array<[string, string]> = [
  ['runs of 〔', '〔'],
  ['〔2023 repeated', '〔2023'],
  ['〔2023〕 without 号', '河政发〔2023〕'],
  ['digits', '0123456789'],
  ['digits and spaces before 号', '1 2 3 '],
  ['、-chains of units', '县局、'],
  ['、-chains inside an open bracket', '（县应急局、县发改局、'],
  ['2024年2024年…', '2024年'],
  ['6月6月…', '6月'],
  ['月月月', '月'],
  ['年月日 without end', '2024年6月'],
  ['责任单位：repeated', '责任单位：'],
  ['（责任单位：repeated', '（责任单位：'],
  ['责任单位：with a 、-chain value', '责任单位：县局、'],
  ['完成时限：repeated', '完成时限：'],
  ['headings (一) 县局 repeated', '(一) 县局'],
  ['long Han run', '山河县清泉云岭人民政府办公室'],
  ['（（（ nesting', '（'],
  ['(((( nesting', '('],
  ['牵头牵头…', '牵头'],
  ['负责负责…', '负责'],
  ['prose assignments, one per clause', '县水利局负责，'],
  ['由…牵头，…配合 clauses', '由县局牵头，县局配合。'],
  ['会同 clauses', '县局会同县局负责，'],
  ['deadlines on one long line', '6月底前，'],
  ['space-separated names in a cell', '县局 县局\t'],
  ['tab-separated cells', '责任单位\t'],
  ['line breaks', '\n'],
  ['spaces', ' '],
  ['每季度末月', '每季度末月'],
  ['即日起至', '即日起至'],
];

function timeOnce(text: string): number {
  const t0 = performance.now();
  extract(text);
  return performance.now() - t0;
}

function minTime(text: string, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, timeOnce(text));
  return best;
}

/**
 * Growth factor of extract() time from n to 4n chars of `unit`: min of 3 runs at n, then up to 3 runs
 * at 4n (stopping as soon as one is under the bar, since the min can only fall further).
 * A floor of 1 ms keeps a sub-millisecond small run from inflating the ratio.
 */
function growth(unit: string, n: number): { ratio: number; small: number; large: number } {
  const small = Math.max(minTime(fill(unit, n)), 1);
  const big = fill(unit, 4 * n);
  let large = Infinity;
  for (let i = 0; i < 3; i++) {
    large = Math.min(large, timeOnce(big));
    if (large / small < MAX_RATIO) break;
  }
  return { ratio: large / small, small, large };
}

function checkSpans(text: string) {
  const out = extract(text);
  let prev = -1;
  for (const e of out) {
    expect(e.start).toBeGreaterThanOrEqual(0);
    expect(e.end).toBeLessThanOrEqual(text.length);
    expect(e.start).toBeLessThan(e.end);
    expect(e.start).toBeGreaterThanOrEqual(prev);
    expect(text.slice(e.start, e.end)).toBe(e.text);
    prev = e.start;
  }
}

const fmt = (g: { small: number; large: number; ratio: number }, n: number) =>
  `${n} chars ${g.small.toFixed(1)} ms, ${4 * n} chars ${g.large.toFixed(1)} ms, ratio ${g.ratio.toFixed(1)}`;

describe('extract() stays linear on adversarial inputs', () => {
  // Warm up the JIT once so the first pattern is not penalised.
  extract(fill('河政发〔2024〕3号 6月底前（县应急局、县发改局负责）\n', 20_000));

  it.each(PATTERNS)(
    '%s',
    (_label, unit) => {
      // Fail fast on 5k → 20k first: a quadratic scan at 200k would block the worker for many minutes
      // (synchronous code cannot be interrupted by the test timeout).
      const probe = growth(unit, SMALL / 10);
      expect(probe.ratio, fmt(probe, SMALL / 10)).toBeLessThan(MAX_RATIO);
      const g = growth(unit, SMALL);
      expect(g.ratio, fmt(g, SMALL)).toBeLessThan(MAX_RATIO);
      checkSpans(fill(unit, SMALL));
      checkSpans(fill(unit, LARGE));
    },
    120_000,
  );

  it('a realistic mix repeated to 200k chars also scales linearly', () => {
    const unit =
      '接兴组干字〔2024〕7号、（忻政办发〔2023〕1号）。6月底前完成（县应急局、县发改局负责）。\n责任单位：县住建局、马营庄\n乡\n序号\t任务\t责任单位\n1\t整治\t交通局牵头，公安局、交警大队等部门配合\n';
    const probe = growth(unit, SMALL / 10);
    expect(probe.ratio, fmt(probe, SMALL / 10)).toBeLessThan(MAX_RATIO);
    const g = growth(unit, SMALL);
    expect(g.ratio, fmt(g, SMALL)).toBeLessThan(MAX_RATIO);
    checkSpans(fill(unit, LARGE));
  }, 120_000);
});
