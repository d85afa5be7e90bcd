/**
 * npm run bench: speed of extract() against three plain regex passes (the cheapest thing that
 * could find the same spans), on the real corpus and on 1 MB adversarial inputs.
 *
 * extract() is JavaScript that V8 compiles in tiers while it runs; the baseline is native regex,
 * which runs at full speed from its first call. So the corpus is measured three ways:
 *  - steady state: every file again and again until WARM_MS have passed, then the median of 15
 *    runs per file. This is the throughput figure, and the 1.5× target is judged here;
 *  - early: runs 4–18 of each file in a fresh process (what this bench judged until stop 9). V8 is
 *    still compiling then, on a background thread that two cores share with everything else, so
 *    these figures move by 2× from run to run and measure the compile queue as much as the code;
 *  - first run: one extract() and one baseline pass per file, each file in a fresh process — what a
 *    page load pays once.
 * Adversarial inputs: cost per char ≤ 3 × the baseline's steady per-char cost on the corpus (i.e. no
 * super-linear blow-up). Exit 1 when a target is missed.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { extract } from '../lib/index';
import { displayWidth } from './extract-format';

const CORPUS_RATIO_TARGET = 1.5;
const ADVERSARIAL_RATIO_TARGET = 3;
const ADVERSARIAL_CHARS = 1 << 20;
/** Warm-up before the steady-state figures: V8 has compiled and re-compiled everything hot by then. */
const WARM_MS = 3000;
/** Whole-run budget; cases left when it is spent are reported as skipped. */
const TOTAL_BUDGET_MS = 60_000;
const started = performance.now();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(root, '../shared/corpus');

// The baseline: what a naive highlighter would do. Kept linear on purpose.
const BASELINE = [
  /[\u4e00-\u9fa5]{2,8}[〔[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d+\s*号/g,
  /(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:底)?前/g,
  /(?:责任单位|牵头单位|配合单位)[：:][^\n]*/g,
];

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- written, never read: the JIT cannot drop the work
let sink = 0;
function baseline(text: string): void {
  for (const re of BASELINE) for (const m of text.matchAll(re)) sink += m.index;
}
function runExtract(text: string): void {
  sink += extract(text).length;
}

/** Wall time (ms) of one call. */
function once(fn: () => void): number {
  const s = performance.now();
  fn();
  return performance.now() - s;
}

// A child run for the first-run figures: `bench.ts --first-run FILE` prints {extract, baseline} ms.
const firstRunAt = process.argv.indexOf('--first-run');
if (firstRunAt >= 0) {
  const text = readFileSync(process.argv[firstRunAt + 1]!, 'utf8');
  // The baseline first: its regexes are compiled in its own timed call, as extract's are in its.
  const tb = once(() => baseline(text));
  const te = once(() => runExtract(text));
  console.log(JSON.stringify({ extract: te, baseline: tb }));
  process.exit(0);
}

/** Median wall time (ms) of fn after warm-up; fewer runs when each is slow. */
function median(fn: () => void, { warmup = 3, runs = 15, budgetMs = 1500 } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const t0 = performance.now();
  while (times.length < runs && (times.length < 3 || performance.now() - t0 < budgetMs)) {
    const s = performance.now();
    fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1] ?? 0;
}

function printTable(header: string[], rows: string[][], rightAligned: Set<number>): void {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => {
        const gap = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
        return rightAligned.has(i) ? gap + c : c + gap;
      })
      .join('  ')
      .trimEnd();
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}

const ms = (t: number) => t.toFixed(2);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
let failed = false;

// ---- corpus ---------------------------------------------------------------------------------
/** Baseline cost per char on the corpus at steady state: the yardstick for the adversarial inputs. */
let baselineNsPerChar: number | null = null;

const corpusFiles = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
  : [];

/** Per-file medians of extract and baseline, as now (after `warmup` runs each). */
function measureFiles(texts: readonly string[], warmup: number): Array<[number, number]> {
  return texts.map((text) => [median(() => runExtract(text), { warmup }), median(() => baseline(text), { warmup })]);
}

/** Prints a corpus table; returns the whole-corpus ratio and the baseline's cost per char. */
function corpusTable(
  title: string,
  texts: readonly string[],
  times: ReadonlyArray<[number, number]>,
  judged: boolean,
): { ratio: number; baselineNsPerChar: number } {
  console.log(title);
  const rows: string[][] = [];
  let totalChars = 0,
    totalExtract = 0,
    totalBaseline = 0;
  texts.forEach((text, k) => {
    const [te, tb] = times[k]!;
    totalChars += text.length;
    totalExtract += te;
    totalBaseline += tb;
    rows.push([corpusFiles[k]!, String(text.length), ms(te), ms(tb), (text.length / te / 1000).toFixed(1), (te / tb).toFixed(2), '']);
  });
  const ratio = totalExtract / totalBaseline;
  rows.push([
    'all files',
    String(totalChars),
    ms(totalExtract),
    ms(totalBaseline),
    (totalChars / totalExtract / 1000).toFixed(1),
    ratio.toFixed(2),
    judged ? `${verdict(ratio <= CORPUS_RATIO_TARGET)} (≤ ${CORPUS_RATIO_TARGET})` : 'not judged',
  ]);
  printTable(['file', 'chars', 'extract ms', 'baseline ms', 'extract Mchar/s', 'ratio', 'target'], rows, new Set([1, 2, 3, 4, 5]));
  return { ratio, baselineNsPerChar: (totalBaseline * 1e6) / totalChars };
}

if (corpusFiles.length === 0) {
  console.log(`note: no corpus at ${corpusDir}; skipping the corpus comparison.`);
} else {
  console.log(`Corpus: ${corpusDir}\n`);
  const texts = corpusFiles.map((f) => readFileSync(path.join(corpusDir, f), 'utf8'));
  // Early first: this process has not run extract() yet.
  const early = measureFiles(texts, 3);
  const warmStart = performance.now();
  let rounds = 0;
  while (performance.now() - warmStart < WARM_MS) {
    for (const text of texts) runExtract(text);
    rounds++;
  }
  const steady = measureFiles(texts, 1);
  const steadyFigures = corpusTable(
    `Steady state (after ${rounds} rounds over the corpus, ${WARM_MS / 1000} s; median of up to 15 runs per file)`,
    texts,
    steady,
    true,
  );
  failed ||= steadyFigures.ratio > CORPUS_RATIO_TARGET;
  baselineNsPerChar = steadyFigures.baselineNsPerChar;
  console.log();
  corpusTable('Early: runs 4–18 of each file in a fresh process (median; V8 still compiling)', texts, early, false);
  console.log('\nFirst run: one call each, every file in a fresh process (what a page load pays once)');
  const firstRows: string[][] = [];
  for (const file of corpusFiles) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--first-run', path.join(corpusDir, file)],
      {
        encoding: 'utf8',
      },
    );
    const line = child.stdout.trim().split('\n').pop() ?? '';
    let first: { extract: number; baseline: number } | null = null;
    try {
      first = JSON.parse(line) as { extract: number; baseline: number };
    } catch {
      first = null;
    }
    firstRows.push(
      first
        ? [file, ms(first.extract), ms(first.baseline), (first.extract / first.baseline).toFixed(1)]
        : [file, 'failed', '', child.stderr.trim().split('\n').pop() ?? ''],
    );
  }
  printTable(['file', 'extract ms', 'baseline ms', 'ratio'], firstRows, new Set([1, 2, 3]));
  console.log(`\nbaseline on corpus (steady): ${steadyFigures.baselineNsPerChar.toFixed(2)} ns/char`);
}

// ---- adversarial ------------------------------------------------------------------------------
/** Deterministic PRNG so every run times the same "random" input. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}
const repeat = (unit: string) => unit.repeat(Math.ceil(ADVERSARIAL_CHARS / unit.length)).slice(0, ADVERSARIAL_CHARS);
function randomFrom(pieces: string[], seed: number): string {
  const next = rng(seed);
  const out: string[] = [];
  let n = 0;
  while (n < ADVERSARIAL_CHARS) {
    const p = pieces[Math.floor(next() * pieces.length)] ?? '';
    out.push(p);
    n += p.length;
  }
  return out.join('').slice(0, ADVERSARIAL_CHARS);
}
function randomCjk(seed: number): string {
  const next = rng(seed);
  let s = '';
  while (s.length < ADVERSARIAL_CHARS) s += String.fromCharCode(0x4e00 + Math.floor(next() * 0x51a6));
  return s;
}
const TRICKY = [
  '〔',
  '〕',
  '[',
  ']',
  '（',
  '）',
  '年',
  '月',
  '日',
  '号',
  '前',
  '底',
  '、',
  '，',
  '；',
  '：',
  '责任单位',
  '牵头',
  '负责',
  '配合',
  '局',
  '县',
  '政',
  '发',
  '2024',
  '12',
  '3',
  ' ',
  '\n',
  '\t',
];

const CASES: [string, () => string][] = [
  ['〔〔〔…', () => repeat('〔')],
  ['〔2023〔2023…', () => repeat('〔2023')],
  ['河政发〔2023〕〔2023〕…', () => repeat('河政发〔2023〕')],
  ['1111…', () => repeat('1')],
  ['县局、县局、…', () => repeat('县局、')],
  ['2024年2024年…', () => repeat('2024年')],
  ['月月月…', () => repeat('月')],
  ['年年年…', () => repeat('年')],
  ['6月6月6月…', () => repeat('6月')],
  ['责任单位：责任单位：…', () => repeat('责任单位：')],
  ['（责任单位：县（责任…', () => repeat('（责任单位：县')],
  ['CJK run, no punctuation', () => randomCjk(7)],
  ['mixed random pieces', () => randomFrom(TRICKY, 11)],
];

console.log(`\nAdversarial inputs (${ADVERSARIAL_CHARS} chars each; median after 1 warm-up)\n`);
const rows: string[][] = [];
for (const [name, make] of CASES) {
  if (performance.now() - started > TOTAL_BUDGET_MS) {
    rows.push([name, '—', '—', '—', '—', 'skipped (time budget)']);
    failed = true;
    continue;
  }
  const text = make();
  // Probe on a slice first: a super-linear extractor would otherwise eat the whole time budget.
  const probe = text.slice(0, 1 << 16);
  const tProbe = median(() => runExtract(probe), { warmup: 0, runs: 1 });
  const projected = tProbe * (text.length / probe.length);
  const sample = projected > 10_000 ? probe : text;
  const t = sample === probe ? tProbe : median(() => runExtract(sample), { warmup: 1, runs: 5, budgetMs: 2000 });
  const nsPerChar = (t * 1e6) / sample.length;
  const tb = median(() => baseline(sample), { warmup: 1, runs: 5, budgetMs: 1000 });
  const ratio = baselineNsPerChar ? nsPerChar / baselineNsPerChar : null;
  const ok = ratio === null ? null : ratio <= ADVERSARIAL_RATIO_TARGET && sample === text;
  if (ok === false) failed = true;
  rows.push([
    name + (sample === probe ? ' (64K probe only)' : ''),
    ms(t),
    nsPerChar.toFixed(1),
    ((tb * 1e6) / sample.length).toFixed(1),
    ratio === null ? 'n/a' : ratio.toFixed(2),
    ok === null ? 'n/a (no corpus)' : `${verdict(ok)} (≤ ${ADVERSARIAL_RATIO_TARGET})`,
  ]);
}
printTable(['input', 'extract ms', 'ns/char', 'baseline ns/char here', '× corpus baseline/char', 'target'], rows, new Set([1, 2, 3, 4]));

const secs = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\n${failed ? 'FAIL' : 'PASS'}: ${failed ? 'a target was missed' : 'all targets met'} (${secs} s)`);
process.exitCode = failed ? 1 : 0;
