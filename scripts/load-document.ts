/** Reads a .txt or saved .html/.htm file into the text the extractor sees. */
import { readFileSync } from 'node:fs';
import { decodeHtmlBytes, decodeTextBytes } from '../lib/charset';
import { htmlToText } from '../lib/html-text';

export interface LoadedDocument {
  text: string;
  charset: string;
}

export const isHtmlPath = (file: string) => /\.x?html?$/i.test(file);

/** Text files keep their exact characters, so offsets match fs.readFileSync(file, 'utf8'). */
export function loadDocument(file: string): LoadedDocument {
  const bytes = readFileSync(file);
  if (!isHtmlPath(file)) return decodeTextBytes(bytes);
  const { text, charset } = decodeHtmlBytes(bytes);
  return { text: htmlToText(text), charset };
}
