/**
 * Tags as a reader types them, in the page's note editor and in the manager alike: separated by
 * commas (, ，), 、 or semicolons (; ；); trimmed; empty and repeated ones dropped. Spaces stay inside
 * a tag (防汛 物资 is one tag).
 */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  for (const raw of input.split(/[,，、;；]/)) {
    const tag = raw.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

/** The editors' text for a note's tags (、 is what a Chinese reader types between items). */
export function formatTags(tags: readonly string[]): string {
  return tags.join('、');
}
