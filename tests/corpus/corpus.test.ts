/**
 * Corpus tests over the real county gazettes in ../shared/corpus (outside the repo). They skip
 * cleanly when that folder is absent. The gold-set metrics reimplement the matching of
 * ../shared/corpus/gold/score.mjs in-process (no child process, no npm run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../lib/index';
import type { DocNumberEntity, Entity, UnitEntity } from '../../lib/entity';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus');
const GOLD = path.join(CORPUS, 'gold');
const exists = fs.existsSync(path.join(GOLD, 'docnumbers.jsonl'));

const F000 = '000_846eea8e32d5f7bb.txt';
const F001 = '001_953fc206b614d1ef.txt';
const F002 = '002_d41a77e81b3af47c.txt';

interface Span {
  file: string;
  kind: string;
  start: number;
  end: number;
  text: string;
  [k: string]: unknown;
}

const readJsonl = (f: string): Span[] =>
  fs.existsSync(f)
    ? fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Span)
    : [];

const texts = new Map<string, string>();
const results = new Map<string, Entity[]>();
function textOf(file: string): string {
  if (!texts.has(file)) texts.set(file, fs.readFileSync(path.join(CORPUS, file), 'utf8'));
  return texts.get(file)!;
}
function entitiesOf(file: string): Entity[] {
  if (!results.has(file)) results.set(file, extract(textOf(file)));
  return results.get(file)!;
}

// ---- the scorer's matching (gold/score.mjs), reimplemented ----
const squash = (s: unknown) => String(s ?? '').replace(/\s+/g, '');
const normNo = (s: unknown) =>
  squash(s)
    .replace(/[[［(（【]/g, '〔')
    .replace(/[\]］)）】]/g, '〕');
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const sameUnit = (x: unknown, y: unknown) => {
  const a = squash(x);
  const b = squash(y);
  return a === b || (a.length > 1 && b.length > 1 && (a.includes(b) || b.includes(a)));
};

interface Score {
  tp: number;
  np: number;
  ng: number;
  P: number;
  R: number;
  F1: number;
  dateAcc: number;
  misses: string[];
  extras: string[];
  wrongDates: string[];
}

function score(kind: 'docNumber' | 'deadline' | 'unit'): Score {
  const gold: Span[] =
    kind === 'docNumber'
      ? readJsonl(path.join(GOLD, 'docnumbers.jsonl')).map((g): Span => ({ ...g, kind: 'docNumber' }))
      : readJsonl(path.join(GOLD, 'deadlines-units.jsonl'));
  const regions = JSON.parse(fs.readFileSync(path.join(GOLD, 'regions.json'), 'utf8')) as Record<
    string,
    Record<string, Array<[number, number]>>
  >;
  const doubtful = readJsonl(path.join(GOLD, 'doubtful.jsonl'));
  const inRegions = (file: string, e: Entity) => {
    const rs = regions[file]?.[kind];
    return !rs || rs.some(([a, b]) => e.start < b && e.end > a);
  };
  let tp = 0,
    np = 0,
    ng = 0,
    dateOk = 0;
  const misses: string[] = [],
    extras: string[] = [],
    wrongDates: string[] = [];
  for (const file of new Set(gold.map((g) => g.file))) {
    const g = gold.filter((x) => x.kind === kind && x.file === file);
    if (!g.length) continue;
    const p = entitiesOf(file).filter((x) => x.kind === kind && inRegions(file, x));
    ng += g.length;
    np += p.length;
    const used = new Set<number>();
    for (const ge of g) {
      const i = p.findIndex(
        (pe, k) =>
          !used.has(k) &&
          overlaps(pe, ge) &&
          (kind === 'docNumber'
            ? normNo((pe as DocNumberEntity).normalized ?? pe.text) === normNo(ge.normalized)
            : kind === 'unit'
              ? sameUnit((pe as UnitEntity).name ?? pe.text, ge.name)
              : true),
      );
      if (i < 0) {
        misses.push(`${file}@${ge.start} ${squash(ge.text)}`);
        continue;
      }
      used.add(i);
      tp++;
      const pe = p[i]!;
      if (pe.kind === 'deadline') {
        if ((pe.date ?? null) === ((ge.date as string | null) ?? null)) dateOk++;
        else wrongDates.push(`${squash(ge.text)} gold=${String(ge.date)} got=${String(pe.date)}`);
      }
    }
    const matchedGold = g.filter((ge) => p.some((pe, k) => used.has(k) && overlaps(pe, ge)));
    p.forEach((pe, k) => {
      if (used.has(k)) return;
      const neutral =
        doubtful.some((d) => d.file === file && d.kind === kind && overlaps(pe, d)) || matchedGold.some((ge) => overlaps(pe, ge));
      if (neutral) {
        np--;
        return;
      }
      extras.push(`${file}@${pe.start} ${squash(pe.text)}`);
    });
  }
  const P = np ? tp / np : 0;
  const R = ng ? tp / ng : 0;
  const F1 = P + R ? (2 * P * R) / (P + R) : 0;
  return { tp, np, ng, P, R, F1, dateAcc: tp ? dateOk / tp : 0, misses, extras, wrongDates };
}

const report = (s: Score) =>
  `tp ${s.tp} pred ${s.np} gold ${s.ng} P ${s.P.toFixed(3)} R ${s.R.toFixed(3)} F1 ${s.F1.toFixed(3)}\n` +
  `misses: ${s.misses.slice(0, 20).join(' | ')}\nextras: ${s.extras.slice(0, 20).join(' | ')}\nwrong dates: ${s.wrongDates.slice(0, 20).join(' | ')}`;

/** The table of contents: lines before the first document title that end in 文号 + page number. */
const TOC_LINE = /^(?:.*?[ \t（(])?([\u4e00-\u9fff]{2,10})〔\s*(\d{4})\s*〕\s*(\d+)\s*号[）)]?[ \t…·.]*(\d{1,4})[ \t]*$/;

function tocEntries(file: string): Array<{ start: number; end: number; issuer: string; year: number; seq: number }> {
  const text = textOf(file);
  const out: Array<{ start: number; end: number; issuer: string; year: number; seq: number }> = [];
  let offset = 0;
  let seenToc = false;
  for (const line of text.split('\n')) {
    const here = offset;
    offset += line.length + 1;
    if (/^目\s*录\s*$/.test(line.trim())) {
      seenToc = true;
      continue;
    }
    if (!seenToc) continue;
    // Entries sit near the top; document headers further down carry no page number anyway.
    if (text.slice(0, here).split('\n').length > 150) break;
    const m = TOC_LINE.exec(line);
    if (!m) continue;
    const numAt = line.indexOf(`${m[1]}〔`);
    out.push({ start: here + numAt, end: here + line.length, issuer: m[1]!, year: Number(m[2]), seq: Number(m[3]) });
  }
  return out;
}

describe.skipIf(!exists)('corpus: tables of contents', () => {
  it.each([
    [F001, 39],
    [F002, 21],
  ])('%s: every 文号 in the table of contents is found with its exact issuer', (file, count) => {
    const toc = tocEntries(file);
    expect(toc.length).toBe(count);
    const docs = entitiesOf(file).filter((e): e is DocNumberEntity => e.kind === 'docNumber');
    const missing: string[] = [];
    for (const t of toc) {
      const hit = docs.find((d) => overlaps(d, t));
      if (!hit || hit.issuer !== t.issuer || hit.year !== t.year || hit.seq !== t.seq || hit.start !== t.start) {
        missing.push(`${t.issuer}〔${t.year}〕${t.seq}号 got ${hit ? hit.normalized + '@' + hit.start : 'nothing'}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('001 TOC issuers are the 偏政发 / 偏政办发 / 偏政任 series; 002 the 兴政发 / 兴政函 / 兴政办发 / 兴政办函 series', () => {
    expect(new Set(tocEntries(F001).map((t) => t.issuer))).toEqual(new Set(['偏政发', '偏政办发', '偏政任']));
    expect(new Set(tocEntries(F002).map((t) => t.issuer))).toEqual(new Set(['兴政发', '兴政函', '兴政办发', '兴政办函']));
  });
});

describe.skipIf(!exists)('corpus: gold document numbers', () => {
  const gold = exists ? readJsonl(path.join(GOLD, 'docnumbers.jsonl')) : [];

  it('the gold set has 214 records', () => {
    expect(gold.length).toBe(214);
  });

  it('every gold document number is found with its exact span, issuer, year, seq and normalized form', () => {
    const wrong: string[] = [];
    for (const g of gold) {
      const docs = entitiesOf(g.file).filter((e): e is DocNumberEntity => e.kind === 'docNumber');
      const hit = docs.find((d) => d.start === g.start && d.end === g.end);
      if (!hit) {
        wrong.push(`${g.file}@${g.start} ${squash(g.text)}: no entity with this exact span`);
        continue;
      }
      const got = { text: hit.text, issuer: hit.issuer, year: hit.year, seq: hit.seq, normalized: hit.normalized };
      const want = { text: g.text, issuer: g.issuer, year: g.year, seq: g.seq, normalized: g.normalized };
      if (JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(`${g.file}@${g.start} got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('precision and recall ≥ 0.99 as the scorer computes them', () => {
    const s = score('docNumber');
    expect(s.R, report(s)).toBeGreaterThanOrEqual(0.99);
    expect(s.P, report(s)).toBeGreaterThanOrEqual(0.99);
  });

  it('every entity span is a faithful slice of its file', () => {
    for (const file of [F000, F001, F002]) {
      const text = textOf(file);
      for (const e of entitiesOf(file)) expect(text.slice(e.start, e.end)).toBe(e.text);
    }
  });
});

describe.skipIf(!exists)('corpus: gold deadlines and units (project bars)', () => {
  it('deadlines: F1 ≥ 0.95 and date accuracy ≥ 0.95', () => {
    const s = score('deadline');
    expect(s.ng).toBe(28);
    expect(s.F1, report(s)).toBeGreaterThanOrEqual(0.95);
    expect(s.dateAcc, report(s)).toBeGreaterThanOrEqual(0.95);
  });

  it('units: F1 ≥ 0.93', () => {
    const s = score('unit');
    expect(s.ng).toBe(487);
    expect(s.F1, report(s)).toBeGreaterThanOrEqual(0.93);
  });
});

describe.skipIf(!exists)('corpus: signature dates', () => {
  it.each([F000, F001, F002])('%s: no deadline comes from a line holding only a date', (file) => {
    const text = textOf(file);
    const dateLines: Array<{ start: number; end: number; line: string }> = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      if (/^[ \t\u3000]*\d{4}[ \t\u3000]*年[ \t\u3000]*\d{1,2}[ \t\u3000]*月[ \t\u3000]*\d{1,2}[ \t\u3000]*日[ \t\u3000]*$/.test(line)) {
        dateLines.push({ start: offset, end: offset + line.length, line });
      }
      offset += line.length + 1;
    }
    expect(dateLines.length).toBeGreaterThan(5); // every document has one
    const deadlines = entitiesOf(file).filter((e) => e.kind === 'deadline');
    const bad = deadlines.filter((d) => dateLines.some((l) => overlaps(d, l))).map((d) => `${d.start} ${d.text}`);
    expect(bad).toEqual([]);
  });

  it('the publication dates (2023年6月30日出版, 2024 年 6 月 30 日出版) are not deadlines', () => {
    for (const file of [F001, F002]) {
      const text = textOf(file);
      const at = text.indexOf('出版');
      expect(at).toBeGreaterThan(0);
      const lineStart = text.lastIndexOf('\n', at) + 1;
      expect(entitiesOf(file).filter((e) => e.kind === 'deadline' && overlaps(e, { start: lineStart, end: at }))).toEqual([]);
    }
  });
});

describe.skipIf(!exists)('corpus: units in the 重点任务分工 table of 001', () => {
  /** Units inside the 责任单位 cell (the last cell) of the table row whose 任务 cell is `task`. */
  function rowUnits(task: string) {
    const text = textOf(F001);
    const header = text.indexOf('重点任务分工\n');
    expect(header).toBeGreaterThan(0);
    const rowStart = text.indexOf(`\t${task}\t`, header);
    expect(rowStart).toBeGreaterThan(0);
    const lineStart = text.lastIndexOf('\n', rowStart) + 1;
    const lineEnd = text.indexOf('\n', rowStart);
    const cellStart = text.lastIndexOf('\t', lineEnd - 1) + 1;
    return entitiesOf(F001)
      .filter((e): e is UnitEntity => e.kind === 'unit' && e.start >= lineStart && e.end <= lineEnd)
      .map((u) => {
        expect(u.start).toBeGreaterThanOrEqual(cellStart);
        return [u.name, u.role];
      });
  }

  it('危险化学品: 应急局、工信（商务）局 → 2 responsible, 工信（商务）局 whole', () => {
    expect(rowUnits('危险化学品')).toEqual([
      ['应急局', 'responsible'],
      ['工信（商务）局', 'responsible'],
    ]);
  });

  it('经营性自建房: 住建局牵头，…等部门分工负责 → 1 lead + 5 responsible', () => {
    expect(rowUnits('经营性自建房')).toEqual([
      ['住建局', 'lead'],
      ['公安局', 'responsible'],
      ['自然资源局', 'responsible'],
      ['农业农村局', 'responsible'],
      ['市场监管局', 'responsible'],
      ['消防救援大队', 'responsible'],
    ]);
  });

  it('消防: 消防救援大队牵头，…等部门配合 → 1 lead + 8 support', () => {
    expect(rowUnits('消防')).toEqual([
      ['消防救援大队', 'lead'],
      ['住建局', 'support'],
      ['教科局', 'support'],
      ['民政局', 'support'],
      ['交通局', 'support'],
      ['农业农村局', 'support'],
      ['工信（商务）局', 'support'],
      ['文旅局', 'support'],
      ['发改（能源）局', 'support'],
    ]);
  });

  it('提升自然灾害防治能力: 县防灾减灾办公室牵头，… 12 departments 分工负责', () => {
    const got = rowUnits('提升自然灾害防治能力');
    expect(got[0]).toEqual(['县防灾减灾办公室', 'lead']);
    expect(got.slice(1).map(([n]) => n)).toEqual([
      '发改（能源）局',
      '教科局',
      '财政局',
      '自然资源局',
      '市生态环境局偏关分局',
      '住建局',
      '交通局',
      '水利局',
      '农业农村局',
      '应急局',
      '林业局',
      '气象局',
    ]);
    expect(new Set(got.slice(1).map(([, r]) => r))).toEqual(new Set(['responsible']));
  });

  it('the continuation row 交通局牵头，公安局、交警大队等部门配合 → lead + 2 support, no 等部门', () => {
    const text = textOf(F001);
    const at = text.indexOf('交通局牵头，公安局、交警大队等部门配合');
    expect(at).toBeGreaterThan(0);
    const got = entitiesOf(F001)
      .filter((e): e is UnitEntity => e.kind === 'unit' && e.start >= at && e.start < at + 20)
      .map((u) => [u.text, u.role, u.start - at]);
    expect(got).toEqual([
      ['交通局', 'lead', 0],
      ['公安局', 'support', 6],
      ['交警大队', 'support', 10],
    ]);
  });
});
