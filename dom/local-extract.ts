/** extract() in this thread, as AnalyzeOptions.extractText: for tests and Node scripts (the content script asks the background). */
import { extract } from '@/lib/index';
import type { Entity } from '@/lib/entity';

export async function localExtract(text: string, baseDate: string): Promise<Entity[]> {
  return extract(text, { baseDate });
}
