/**
 * Asks the browser to keep the notes database when disk space runs low (otherwise it may evict it).
 * Resolves false when the API is missing, the browser declines or anything fails: never throws.
 */
export async function requestPersistentStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage,
): Promise<boolean> {
  if (!storage || typeof storage.persist !== 'function') return false;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return (await storage.persist()) === true;
  } catch {
    return false;
  }
}
