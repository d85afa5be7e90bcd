/**
 * A URL as a strict RFC 3986 URI, for formats that require one: the W3C Web Annotation suite checks
 * ids and sources with JSON Schema's "uri" format, and iCalendar's URL is a URI value it does not
 * escape. Stricter than the WHATWG URLs we store, which may keep | ^ { } ` [ ] or, when not
 * normalised, spaces, line breaks, non-ASCII and a second #. Starting from the parsed URL's href,
 * every other character is percent-encoded as UTF-8 (a lone surrogate as U+FFFD), and a % that
 * starts no escape becomes %25; [ ] stay only in the authority (an IPv6 host), # only once.
 */
const URI_CHAR = /[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]/;
const HEX2 = /^[0-9A-Fa-f]{2}$/;
const AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;
const utf8 = new TextEncoder();

export function toUri(url: string): string {
  let href = url;
  try {
    href = new URL(url).href;
  } catch {
    // Not a URL: encode it as it is.
  }
  const keepBrackets = AUTHORITY.exec(href)?.[0].length ?? 0;
  let out = '';
  let seenHash = false;
  for (let i = 0; i < href.length;) {
    const ch = String.fromCodePoint(href.codePointAt(i)!);
    const at = i;
    i += ch.length;
    if (ch === '%' ? HEX2.test(href.slice(i, i + 2)) : URI_CHAR.test(ch) && !(ch === '#' && seenHash)) {
      seenHash ||= ch === '#';
      out += ch;
    } else if ((ch === '[' || ch === ']') && at < keepBrackets) {
      out += ch;
    } else {
      for (const b of utf8.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}
