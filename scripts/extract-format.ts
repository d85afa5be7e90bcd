/** Human-readable report for `npm run extract`: entities grouped by kind, one aligned row each. */
import type { DeadlineEntity, DocNumberEntity, Entity, UnitEntity } from '../lib/entity';

const DAY_MS = 86_400_000;

/** Whole days from todayIso to dateIso (negative when overdue). Both YYYY-MM-DD, calendar days. */
export function daysUntil(dateIso: string, todayIso: string): number {
  return Math.round((isoToUtc(dateIso) - isoToUtc(todayIso)) / DAY_MS);
}

function isoToUtc(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = isoToUtc(s);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Today's date in local time as YYYY-MM-DD (what a reader means by "today"). */
export function localTodayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function dueStatus(date: string | null, todayIso: string): string {
  if (date === null) return '—';
  const d = daysUntil(date, todayIso);
  if (d === 0) return 'due today';
  if (d > 0) return `${d} day${d === 1 ? '' : 's'} left`;
  return `${-d} day${d === -1 ? '' : 's'} overdue`;
}

const ROLE_LABEL: Record<UnitEntity['role'], string> = {
  lead: '牵头 lead',
  support: '配合 support',
  responsible: '负责 responsible',
};

/** Terminal columns: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    w +=
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      cp >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

function clip(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = '';
  for (const c of s) {
    if (displayWidth(out + c) > max - 1) break;
    out += c;
  }
  return out + '…';
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

/** 1-based line number of each offset, by binary search over line starts. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const shown = (e: Entity) => clip(e.text.replace(/\r?\n/g, '⏎').replace(/\t/g, '⇥'), 40);

export interface ReportInput {
  file: string;
  charset: string;
  text: string;
  entities: Entity[];
  today: string;
}

export function formatReport({ file, charset, text, entities, today }: ReportInput): string {
  const lineOf = lineIndex(text);
  const out = [`${file}  (${charset}, ${text.length} chars, ${entities.length} entities; today ${today})`];
  const docs = entities.filter((e): e is DocNumberEntity => e.kind === 'docNumber');
  const deadlines = entities.filter((e): e is DeadlineEntity => e.kind === 'deadline');
  const units = entities.filter((e): e is UnitEntity => e.kind === 'unit');

  const section = (title: string, n: number, lines: () => string[]) => {
    out.push('', `${title} — ${n}`);
    out.push(...(n === 0 ? ['  (none)'] : lines()));
  };
  section('文号 (document numbers)', docs.length, () =>
    table(
      ['line', 'text', 'issuer', 'year', 'seq'],
      docs.map((e) => [String(lineOf(e.start)), shown(e), e.issuer, String(e.year), String(e.seq)]),
    ),
  );
  section('期限 (deadlines)', deadlines.length, () =>
    table(
      ['line', 'text', 'date', 'precision', 'status'],
      deadlines.map((e) => [String(lineOf(e.start)), shown(e), e.date ?? '—', e.precision, dueStatus(e.date, today)]),
    ),
  );
  section('责任单位 (responsible units)', units.length, () =>
    table(
      ['line', 'text', 'name', 'role'],
      units.map((e) => [String(lineOf(e.start)), shown(e), e.name, ROLE_LABEL[e.role] ?? e.role]),
    ),
  );
  return out.join('\n');
}
