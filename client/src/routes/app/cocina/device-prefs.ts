// What a kitchen screen remembers about itself (its station, the summary panel): kept on the
// device, not the account — the bar's tablet and the grill's screen each keep their own.

/** The saved value of `key`, or null (never saved, or storage blocked). */
export function readPref(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Saves `value` under `key`; with storage blocked it simply lasts until the next reload. */
export function writePref(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the screen keeps the choice in memory.
  }
}
