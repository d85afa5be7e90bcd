export type * from './entity';
import type { Entity, ExtractOptions } from './entity';
import { DOC_NUMBER_CHARS, extractDocNumbers } from './docnumber';
import { DEADLINE_CHARS, extractDeadlines } from './deadline';
import { Alphabet, CharPositions } from './anchored-scan';
import { DOCUMENT_YEAR_CHARS, buildYearContext } from './document-year';
import { parseIsoDate } from './dates';
import { UNIT_CHARS, extractUnits } from './unit';
import { TABLE_CHARS, tableRows } from './table';
import { SCAN_TEXT_CHARS, scanText } from './scan-text';

/** Every character an extractor looks up by position: found for all of them in one pass. */
export const EXTRACTOR_CHARS = DEADLINE_CHARS + UNIT_CHARS + TABLE_CHARS + DOC_NUMBER_CHARS + DOCUMENT_YEAR_CHARS;
const ALPHABET = new Alphabet(EXTRACTOR_CHARS + SCAN_TEXT_CHARS);

export function extract(input: string, options: ExtractOptions = {}): Entity[] {
  // One flat copy of the text first. Slices and concatenations (String#slice, text assembled from
  // the DOM) make every charCodeAt of the scanners below go through an indirection, which costs
  // ~40 % on long inputs; joining makes V8 copy the text into one sequential string at memcpy speed.
  const original = [input, ''].join('');
  // One pass over the text finds every character the steps below look up. Then full-width digits
  // and 二〇二四年 read as ASCII (same length: offsets hold; no extractor looks those characters up,
  // so the index holds for the scanned text too).
  const positions = new CharPositions(original, ALPHABET);
  const text = scanText(original, positions);
  const docNumbers = extractDocNumbers(text, positions);
  const years = buildYearContext(text, docNumbers, parseIsoDate(options.baseDate)?.year ?? null, positions);
  // Both deadlines and units read table columns; split the tables once.
  const rows = tableRows(text, positions);
  const deadlines = extractDeadlines(text, years, rows, positions).map((d) => ({ kind: 'deadline' as const, ...d }));
  const out: Entity[] = [...docNumbers, ...deadlines, ...extractUnits(text, rows, positions)];
  if (text !== original) for (const e of out) e.text = original.slice(e.start, e.end);
  return out.sort((a, b) => a.start - b.start);
}
