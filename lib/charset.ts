/**
 * Bytes → string for saved pages and text files. County sites still serve GB2312/GBK, so the
 * declared charset matters; TextDecoder is standard in Node and browsers, so this stays pure.
 */

export interface Decoded {
  text: string;
  /** WHATWG name of the encoding used, e.g. 'utf-8', 'gb18030', 'utf-16le'. */
  charset: string;
}

/** How far into a page a <meta> charset counts (the HTML spec's prescan looks at 1024 bytes). */
const META_SCAN_BYTES = 2048;

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Maps a declared label to a decoder label this runtime supports, or null. */
function normalizeLabel(label: string): string | null {
  const l = label.trim().toLowerCase();
  // GB2312 and GBK pages often use characters only their supersets define; GB18030 covers both.
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|ms936|windows-936|csgb2312|chinese|iso-ir-58|gb_2312(-80)?|csiso58gb231280)$/.test(l)) {
    return 'gb18030';
  }
  // A meta tag read by an ASCII scan cannot honestly declare UTF-16 (HTML spec: use UTF-8).
  if (l.startsWith('utf-16')) return 'utf-8';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** Charset declared by <meta charset> or <meta http-equiv="Content-Type" content="…charset=…">. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  let head = '';
  const n = Math.min(bytes.length, META_SCAN_BYTES);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i] ?? 0);
  const re = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/gi;
  for (const m of head.matchAll(re)) {
    const label = normalizeLabel(m[1] ?? '');
    if (label) return label;
  }
  return null;
}

/** Decodes strictly; null when the bytes are not valid in that encoding. */
function tryDecode(bytes: Uint8Array, charset: string): string | null {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-8 when valid; otherwise GB18030 when that decodes cleanly (undeclared Chinese legacy files). */
function utf8OrGb(bytes: Uint8Array): Decoded {
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, charset: 'utf-8' };
  const gb = tryDecode(bytes, 'gb18030');
  if (gb !== null && !gb.includes('\uFFFD')) return { text: gb, charset: 'gb18030' };
  return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8' };
}

/** An HTML page's bytes: BOM, then <meta> charset in the first 2 KB, then UTF-8. */
export function decodeHtmlBytes(bytes: Uint8Array): Decoded {
  const charset = bomCharset(bytes) ?? sniffMetaCharset(bytes);
  if (charset) return { text: new TextDecoder(charset).decode(bytes), charset };
  return utf8OrGb(bytes);
}

/** A .txt file's bytes: BOM, else UTF-8, falling back to GB18030 when UTF-8 is invalid. */
export function decodeTextBytes(bytes: Uint8Array): Decoded {
  const charset = bomCharset(bytes);
  if (charset) return { text: new TextDecoder(charset).decode(bytes), charset };
  return utf8OrGb(bytes);
}
