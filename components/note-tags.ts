/** Tags as the reader types them: separated by commas (, ，) or 、; trimmed, empty and repeated ones dropped. */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  for (const raw of input.split(/[,，、]/)) {
    const tag = raw.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

/** The editor's text for a note's tags (、 is what a Chinese reader types between items). */
export function formatTags(tags: readonly string[]): string {
  return tags.join('、');
}
