import type { FeedStatus } from '#lib/realtime/branch-feed.svelte.ts';

/** Figures read from the server follow the floor this long after the first of a burst of events. */
export const FIGURES_DELAY_MS = 1000;

/**
 * Keeps figures a screen reads from the server (today's sums, the till's) in step with the live
 * floor: `stale` runs once after a burst of floor events or resets (at most `delayMs` late, not
 * once per event) and once when the floor is back from a drop, since it may have missed changes.
 */
export class FiguresFollower {
  readonly #stale: () => void;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wasDown = false;

  constructor(stale: () => void, delayMs = FIGURES_DELAY_MS) {
    this.#stale = stale;
    this.#delayMs = delayMs;
  }

  /** The floor changed (an event applied, its orders replaced by a snapshot). */
  changed(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#stale();
    }, this.#delayMs);
  }

  /** The floor's connection status, each time it changes. */
  status(status: FeedStatus | null): void {
    if (status === 'offline') {
      this.#wasDown = true;
    } else if (status === 'live' && this.#wasDown) {
      this.#wasDown = false;
      this.changed();
    }
  }

  /** Forgets a pending read and any drop (the branch was switched, the screen closed). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#wasDown = false;
  }
}
