export type * from './entity';
import type { Entity, ExtractOptions } from './entity';
import { extractDocNumbers } from './docnumber';
import { extractDeadlines } from './deadline';
import { buildYearContext } from './document-year';
import { parseIsoDate } from './dates';
import { extractUnits } from './unit';
import { tableRows } from './table';

export function extract(text: string, options: ExtractOptions = {}): Entity[] {
  const docNumbers = extractDocNumbers(text);
  const years = buildYearContext(text, docNumbers, parseIsoDate(options.baseDate)?.year ?? null);
  // Both deadlines and units read table columns; split the tables once.
  const rows = tableRows(text);
  const deadlines = extractDeadlines(text, years, rows).map((d) => ({ kind: 'deadline' as const, ...d }));
  const out: Entity[] = [...docNumbers, ...deadlines, ...extractUnits(text, rows)];
  return out.sort((a, b) => a.start - b.start);
}
