/** How long a confirmation stays on screen: long enough to read twice on a busy night. */
const SHOWN_MS = 5000;

/**
 * The short confirmation after a change ("Agregamos 4 mesas."), shown by the app shell above the
 * bottom navigation and read out politely. One at a time: a new one replaces the last.
 */
class ToastStore {
  text = $state<string | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Shows `text` for a few seconds. */
  say(text: string): void {
    clearTimeout(this.#timer);
    this.text = text;
    this.#timer = setTimeout(() => {
      this.text = null;
    }, SHOWN_MS);
  }

  /** Hides it now (the business changed, the user signed out). */
  clear(): void {
    clearTimeout(this.#timer);
    this.text = null;
  }
}

export const toast = new ToastStore();
