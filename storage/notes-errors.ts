/**
 * Turns IndexedDB/Dexie failures into NotesError, the error the UI shows as it is.
 * Dexie wraps the browser's DOMException (err.inner), a failed bulk write lists its failures, and an
 * aborted transaction may carry the real cause inside: the quota check looks through all of them.
 */
import { NotesError } from '../lib/notes/notes-api';

export const QUOTA_MESSAGE =
  '存储空间不足：浏览器拒绝保存更多数据。请导出并删除旧批注后重试。' +
  ' / Storage quota exceeded: the browser refused to store more data. Export and delete old notes, then try again.';

const VERSION_MESSAGE =
  '批注数据库由更新版本的公报透镜创建，当前版本无法打开。请更新扩展后重试。' +
  ' / The notes database was created by a newer version of Gazette Lens. Update the extension and try again.';

function storageMessage(detail: string): string {
  return (
    `批注数据库出错，未能完成操作（${detail}）。请重新加载扩展后重试；若仍失败，请导出批注备份。` +
    ` / The notes database failed and the operation was not completed (${detail}). Reload the extension and try again; if it still fails, export your notes as a backup.`
  );
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  failures?: unknown;
}

/** True when err, or any error it wraps, has the given name. */
function hasErrorNamed(err: unknown, name: string, depth = 0): boolean {
  if (depth > 5 || typeof err !== 'object' || err === null) return false;
  const e = err as ErrorLike;
  if (e.name === name) return true;
  if (hasErrorNamed(e.inner, name, depth + 1)) return true;
  if ((err as { cause?: unknown }).cause !== undefined && hasErrorNamed((err as { cause?: unknown }).cause, name, depth + 1)) return true;
  return Array.isArray(e.failures) && e.failures.some((f) => hasErrorNamed(f, name, depth + 1));
}

export function isQuotaError(err: unknown): boolean {
  return hasErrorNamed(err, 'QuotaExceededError');
}

export function toNotesError(err: unknown): NotesError {
  if (err instanceof NotesError) return err;
  let mapped: NotesError;
  if (isQuotaError(err)) mapped = new NotesError('quota', QUOTA_MESSAGE);
  else if (hasErrorNamed(err, 'VersionError')) mapped = new NotesError('storage', VERSION_MESSAGE);
  else {
    const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
    const name = typeof e.name === 'string' ? e.name : 'Error';
    const message = typeof e.message === 'string' ? e.message : String(err);
    // A failed bulk write lists every failure in its message: the first line is enough to report.
    const detail = `${name}: ${message}`.split('\n')[0]!;
    mapped = new NotesError('storage', storageMessage(detail.length > 200 ? `${detail.slice(0, 200)}…` : detail));
  }
  mapped.cause = err;
  return mapped;
}

/** Runs a store operation so that every failure reaches the caller as a NotesError. */
export async function asNotesError<T>(op: () => PromiseLike<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toNotesError(err);
  }
}
