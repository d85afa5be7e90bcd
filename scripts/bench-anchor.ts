/**
 * npx tsx scripts/bench-anchor.ts: time to re-anchor 100 notes on a 1 MB page (lib/notes/anchor.ts),
 * for each way the page may have changed since the notes were written, and whether each note was
 * placed right (where its passage now is, or null when it was deleted). Prints a table; no target
 * is enforced (the figures go in the report / README).
 *
 * Page 1 is invented county text (山河县 …) from templates with seeded random slots, laid out like
 * the text model: one line per paragraph, tables as tab-separated rows full of 6月底前 — far more
 * repetitive than real documents, so the worst case for telling a passage from its siblings.
 * Page 2, when ../shared/corpus is present, is the three real gazettes joined (read at run time only).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { anchor, describeRange, type AnchorResult } from '../lib/notes/anchor';
import type { TextPositionSelector, TextQuoteSelector } from '../lib/notes/note';

const PAGE_UNITS = 1 << 20;
const NOTES = 100;

let seed = 20241115;
function random(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const UNITS = [
  '县财政局',
  '县教育局',
  '县农业农村局',
  '县住房和城乡建设局',
  '县卫生健康局',
  '县自然资源局',
  '县交通运输局',
  '各乡镇人民政府',
  '县应急管理局',
  '县市场监督管理局',
];
const VERBS = ['牵头', '负责', '配合', '督促指导'];
const TASKS = [
  '农村人居环境整治',
  '校舍安全排查',
  '高标准农田建设',
  '生活垃圾收运',
  '危房改造',
  '防汛物资储备',
  '道路养护',
  '食品安全抽检',
  '森林防火巡查',
  '饮用水源保护',
];
const ENDS = ['完成验收', '报送工作总结', '完成摸底排查', '实现全覆盖', '完成资金拨付', '组织专项检查'];

function sentence(n: number): string {
  return (
    `（${n}）${pick(UNITS)}${pick(VERBS)}${pick(TASKS)}工作，${int(2023, 2025)}年${int(1, 12)}月底前${pick(ENDS)}，` +
    `所需经费${int(5, 900)}万元由${pick(UNITS)}统筹安排，${pick(['各乡镇', '各村', '各部门'])}要明确专人、压实责任。`
  );
}
function tableRow(n: number): string {
  return `${n}\t${pick(TASKS)}\t${pick(UNITS)}\t${int(1, 12)}月底前`;
}

function buildPage(): string {
  const lines: string[] = [];
  let size = 0;
  let n = 0;
  while (size < PAGE_UNITS) {
    n++;
    const line = n % 50 === 0 ? `山政办发〔${int(2020, 2024)}〕${int(1, 99)}号` : n % 5 < 2 ? tableRow(n) : sentence(n);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, PAGE_UNITS);
}

interface Stored {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** 100 selections: a third short (4–8 units, like 6月底前), the rest 10–200 units. */
function makeNotes(page: string): Stored[] {
  const notes: Stored[] = [];
  while (notes.length < NOTES) {
    const length = notes.length % 3 === 0 ? int(4, 8) : int(10, 200);
    const start = int(20_000, page.length - 20_000);
    const { quote, position } = describeRange(page, start, start + length);
    if (quote.exact.trim()) notes.push({ quote, position });
  }
  return notes;
}

const INSERTED = '（新增）为加强统筹，成立县农村人居环境整治工作领导小组，由县长任组长，分管副县长任副组长。\n';
const INSERT_AT = 1000; // before every note (they start at 20 000 or later)
/** A new section longer than the near-search window: every passage moves 20 000 units. */
const SECTION =
  Array.from({ length: 400 }, (_, i) => `（附${i + 1}）新增工作事项说明第${i + 1}条，请各单位对照落实。`)
    .join('\n')
    .slice(0, 20_000) + '\n';

/** A changed page, and where each note's passage now is (null: it is gone). */
interface Change {
  page: string;
  expected: (note: Stored) => { start: number; end: number } | null;
}

const shiftedBy = (s: Stored, d: number) => ({ start: s.position.start + d, end: s.position.end + d });
const insertAtTop = (page: string) => page.slice(0, INSERT_AT) + INSERTED + page.slice(INSERT_AT);

/** Applies edits (at descending offsets, so earlier offsets stay valid). */
function editAt(page: string, edits: { at: number; remove: number; put: string }[]): string {
  let out = page;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.put + out.slice(e.at + e.remove);
  return out;
}

const SCENARIOS: [string, (page: string, notes: Stored[]) => Change][] = [
  ['unchanged page', (page) => ({ page, expected: (s) => shiftedBy(s, 0) })],
  ['paragraph inserted near the top', (page) => ({ page: insertAtTop(page), expected: (s) => shiftedBy(s, INSERTED.length) })],
  [
    '+ one character edited in every quote',
    (page, notes) => ({
      // One unit in the middle of each passage replaced by another (lengths unchanged).
      page: insertAtTop(
        editAt(
          page,
          notes.map((s) => ({ at: (s.position.start + s.position.end) >> 1, remove: 1, put: '※' })),
        ),
      ),
      expected: (s) => shiftedBy(s, INSERTED.length),
    }),
  ],
  [
    'section inserted (20 000) + one edit each',
    (page, notes) => ({
      page:
        SECTION +
        editAt(
          page,
          notes.map((s) => ({ at: (s.position.start + s.position.end) >> 1, remove: 1, put: '※' })),
        ),
      expected: (s) => shiftedBy(s, SECTION.length),
    }),
  ],
  [
    '+ every quote deleted with its context',
    (page, notes) => ({
      page: insertAtTop(
        editAt(
          page,
          notes.map((s) => ({ at: s.position.start - 40, remove: s.position.end - s.position.start + 80, put: '' })),
        ),
      ),
      expected: () => null,
    }),
  ],
];

function run(title: string, page: string): void {
  const notes = makeNotes(page);
  // Overlapping edits/deletions would make the scenarios ill-defined: keep notes apart.
  notes.sort((a, b) => a.position.start - b.position.start);
  for (let i = 1; i < notes.length; i++) {
    if (notes[i]!.position.start < notes[i - 1]!.position.end + 100) notes.splice(i--, 1);
  }
  console.log(
    `\n${title}: ${page.length.toLocaleString()} UTF-16 units; notes: ${notes.length}; 6月底前 occurs ${page.split('6月底前').length - 1}×`,
  );
  console.log('scenario                               | total ms | slowest note ms | placed by                  | right | wrong');
  for (const [name, make] of SCENARIOS) {
    const { page: changed, expected } = make(page, notes);
    for (const s of notes.slice(0, 5)) anchor(changed, s.quote, s.position); // warm-up
    const methods = new Map<string, number>();
    let slowest = 0;
    let right = 0;
    const t0 = performance.now();
    const results: (AnchorResult | null)[] = [];
    for (const s of notes) {
      const t = performance.now();
      results.push(anchor(changed, s.quote, s.position));
      slowest = Math.max(slowest, performance.now() - t);
    }
    const total = performance.now() - t0;
    notes.forEach((s, i) => {
      const r = results[i]!;
      const want = expected(s);
      const key = r ? r.method : 'null';
      methods.set(key, (methods.get(key) ?? 0) + 1);
      // Right: null for a deleted passage, else a range overlapping where the passage is now.
      if (want === null ? r === null : r !== null && r.start < want.end && want.start < r.end) right++;
    });
    const by = [...methods].map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(
      `${name.padEnd(38)} | ${total.toFixed(1).padStart(8)} | ${slowest.toFixed(1).padStart(15)} | ${by.padEnd(26)} | ${String(right).padStart(5)} | ${String(notes.length - right).padStart(5)}`,
    );
  }
}

run('invented page (templates)', buildPage());
const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/corpus');
if (existsSync(corpus)) {
  const files = ['000_846eea8e32d5f7bb.txt', '001_953fc206b614d1ef.txt', '002_d41a77e81b3af47c.txt'];
  run('real gazettes (../shared/corpus, joined)', files.map((f) => readFileSync(path.join(corpus, f), 'utf8')).join('\n'));
}
