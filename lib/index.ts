export type * from './entity';
import type { Entity, ExtractOptions } from './entity';
import { extractDocNumbers } from './docnumber';
import { extractDeadlines } from './deadline';
import { buildYearContext } from './document-year';
import { parseIsoDate } from './dates';
import { extractUnits } from './unit';

export function extract(text: string, options: ExtractOptions = {}): Entity[] {
  const docNumbers = extractDocNumbers(text);
  const years = buildYearContext(text, docNumbers, parseIsoDate(options.baseDate)?.year ?? null);
  const deadlines = extractDeadlines(text, years).map((d) => ({ kind: 'deadline' as const, ...d }));
  const out: Entity[] = [...docNumbers, ...deadlines, ...extractUnits(text)];
  return out.sort((a, b) => a.start - b.start);
}
