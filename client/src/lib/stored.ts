// What a screen keeps in the browser's storage (the till's register, the kitchen's station, the
// owner's branch): small strings that make life easier and that nothing depends on. Storage can
// be missing (a server render) or refuse (blocked by the browser, full): then the value simply
// lasts in memory until the next reload, and no screen has to say so itself.

/** `local`: kept on this device. `session`: kept for this tab only, gone with it. */
export type StorageArea = 'local' | 'session';

function storageOf(area: StorageArea): Storage | undefined {
  try {
    // Where the browser blocks storage, even reading the property throws.
    return (area === 'local' ? globalThis.localStorage : globalThis.sessionStorage) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The value kept under `key`: null when nothing is, undefined when this browser cannot say (no
 * storage, or it refused) — a caller that must tell "never kept" apart compares with null.
 */
export function readStored(key: string, area: StorageArea = 'local'): string | null | undefined {
  const storage = storageOf(area);
  try {
    return storage ? storage.getItem(key) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `value` under `key`, or forgets the key with null; storage missing, blocked or full: nothing happens. */
export function writeStored(key: string, value: string | null, area: StorageArea = 'local'): void {
  const storage = storageOf(area);
  try {
    if (value === null) {
      storage?.removeItem(key);
    } else {
      storage?.setItem(key, value);
    }
  } catch {
    // The caller holds the value in memory already: it lasts until the next reload.
  }
}
