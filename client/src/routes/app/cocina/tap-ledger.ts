/** Two taps on the same thing closer than this are one tap bouncing, never two steps. */
const DOUBLE_TAP_MS = 450;

/**
 * The bookkeeping behind the kitchen's taps that nothing on screen reads: which tap came last,
 * which requests of a ticket are still travelling, and the timers that tidy up after them.
 */
export class TapLedger {
  readonly #lastTap = new Map<string, number>();
  readonly #inFlight = new Map<string, Promise<unknown>>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  /** Whether this tap on `key` is the bounce of the one just before (a double tap). */
  bounced(key: string): boolean {
    const now = Date.now();
    const last = this.#lastTap.get(key) ?? 0;
    this.#lastTap.set(key, now);
    return now - last < DOUBLE_TAP_MS;
  }

  /** Settles once every request sent for `ticketId` so far has settled, whatever its answer. */
  settled(ticketId: string): Promise<unknown> {
    return this.#inFlight.get(ticketId) ?? Promise.resolve();
  }

  /** Records a request for `ticketId` (it must not reject: callers handle their failures). */
  track(ticketId: string, request: Promise<unknown>): void {
    const chained = Promise.all([this.settled(ticketId), request]).then(() => {
      if (this.#inFlight.get(ticketId) === chained) {
        this.#inFlight.delete(ticketId);
      }
    });
    this.#inFlight.set(ticketId, chained);
  }

  /** Runs `run` after `ms`, unless the screen is left first. */
  later(run: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }

  /** Stops the timers (the screen is left). */
  dispose(): void {
    for (const timer of this.#timers) {
      clearTimeout(timer);
    }
    this.#timers.clear();
  }
}

/** This moment as the API writes times. */
export function nowIso(): string {
  return new Date().toISOString();
}
