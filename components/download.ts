/**
 * Saves a file from this extension page: Blob → object URL → a clicked <a download>. The page does
 * it itself because Firefox cannot start a download of a blob: URL from the background.
 */
import { compactDay } from './notes-dates';

/** Firefox starts the download after click() returns; revoking at once can cancel it. */
const REVOKE_AFTER_MS = 10_000;

export function downloadBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

/** gazette-lens-notes-20240601.md */
export function exportFilename(ext: string, today: string): string {
  return `gazette-lens-notes-${compactDay(today)}.${ext}`;
}
