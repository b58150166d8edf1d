import { ApiError, errorMessage } from '#lib/api/client.ts';

export interface ActionToastMessage {
  tone: 'ok' | 'error';
  text: string;
  /** Puts back what was just changed (a deactivation): the toast offers "Deshacer". */
  undo?: (() => Promise<void>) | undefined;
}

/**
 * A screen's own toast (the carta's, the team's), shown by `ActionToast`: what a change or a
 * failure says, for a few seconds — longer when it can undo, and never gone while the owner is
 * on it or its "Deshacer" runs. One per screen; a new message replaces the last.
 */
export class Toaster {
  toast = $state<ActionToastMessage | null>(null);
  undoing = $state(false);
  /** The pointer or the focus is on the toast. */
  held = false;
  /** Bound to "Deshacer", to give it the focus. */
  undoButton = $state<HTMLButtonElement>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Shows `next` instead of what was shown. */
  say(next: ActionToastMessage): void {
    clearTimeout(this.#timer);
    this.toast = next;
    this.#scheduleEnd(next.undo ? 10_000 : 5000);
  }

  /** A plain confirmation ("Agregamos a Rosa."). */
  sayOk(text: string): void {
    this.say({ tone: 'ok', text });
  }

  /** Says what went wrong: the API's message, or that the connection failed. */
  sayError(error: unknown): void {
    this.say({ tone: 'error', text: error instanceof ApiError ? error.message : errorMessage('network') });
  }

  /** Runs a toast's "Deshacer"; a failure is said in its place. */
  async undo(run: () => Promise<void>): Promise<void> {
    if (this.undoing) {
      return;
    }
    this.undoing = true;
    try {
      await run();
    } catch (error) {
      this.sayError(error);
    } finally {
      this.undoing = false;
    }
  }

  /** Stops the timer (the screen is left). */
  dispose(): void {
    clearTimeout(this.#timer);
  }

  #scheduleEnd(after: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      // Not while the owner is reading it or about to press "Deshacer".
      if (this.held || this.undoing) {
        this.#scheduleEnd(2000);
        return;
      }
      this.toast = null;
    }, after);
  }
}
