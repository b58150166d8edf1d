/**
 * The current time as reactive state, for "hace 3 min" and countdowns. It only ticks between
 * `start()` and the function it returns (an effect's cleanup), so a hidden screen costs nothing.
 */
export class Now {
  value = $state(Date.now());

  /** Ticks every `everyMs` until the returned function is called. */
  start(everyMs: number): () => void {
    this.value = Date.now();
    const timer = setInterval(() => {
      this.value = Date.now();
    }, everyMs);
    return () => clearInterval(timer);
  }
}
