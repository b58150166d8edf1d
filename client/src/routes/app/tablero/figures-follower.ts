import type { BranchEvent } from '@smartket/shared';
import type { FeedStatus } from '#lib/realtime/branch-feed.svelte.ts';

/** Figures read from the server follow the floor this long after the first of a burst of events. */
export const FIGURES_DELAY_MS = 1000;

/** Which floor events move the figures a screen follows. */
export type FollowedEvents = (event: BranchEvent) => boolean;

/**
 * Every event of the floor: a round, a dish ready, a charge or a void (`sales.changed`, also of
 * an order long closed) may each change today's sums and the till's.
 */
export const EVERY_FLOOR_EVENT: FollowedEvents = () => true;

/**
 * Keeps figures a screen reads from the server (today's sums, the till's) in step with the live
 * floor: `stale` runs once after a burst of the events it follows or of resets (at most `delayMs`
 * late, not once per event) and once when the floor is back from a drop, since it may have
 * missed changes.
 */
export class FiguresFollower {
  readonly #stale: () => void;
  readonly #delayMs: number;
  readonly #follows: FollowedEvents;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wasDown = false;

  constructor(stale: () => void, delayMs = FIGURES_DELAY_MS, follows: FollowedEvents = EVERY_FLOOR_EVENT) {
    this.#stale = stale;
    this.#delayMs = delayMs;
    this.#follows = follows;
  }

  /** A floor event was applied: the figures are read again soon when they follow it. */
  event(event: BranchEvent): void {
    if (this.#follows(event)) {
      this.changed();
    }
  }

  /** The floor changed (its orders replaced by a snapshot, or an event the caller picked). */
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
