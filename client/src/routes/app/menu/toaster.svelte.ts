import { ApiError, errorMessage } from '#lib/api/client.ts';

export interface Toast {
  tone: 'ok' | 'error';
  text: string;
  /** Puts back what was just deactivated. */
  undo?: (() => Promise<void>) | undefined;
}

/**
 * The carta's one toast: what a save or a failure says, for a few seconds — longer when it can
 * undo, and never gone while the owner is on it or its "Deshacer" is running.
 */
export class Toaster {
  toast = $state<Toast | null>(null);
  undoing = $state(false);
  /** The pointer or the focus is on the toast. */
  held = false;
  /** Bound to "Deshacer", to give it the focus. */
  undoButton = $state<HTMLButtonElement>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Shows `next` instead of what was shown. */
  say(next: Toast): void {
    clearTimeout(this.timer);
    this.toast = next;
    this.scheduleEnd(next.undo ? 10_000 : 5000);
  }

  /** Says what went wrong: the API's message, or that the connection failed. */
  sayError(error: unknown): void {
    this.say({ tone: 'error', text: error instanceof ApiError ? error.message : errorMessage('network') });
  }

  /** Runs a toast's "Deshacer": reactivates and says so, or says why not. */
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

  /** Stops the timer (the page is left). */
  dispose(): void {
    clearTimeout(this.timer);
  }

  private scheduleEnd(after: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // Not while the owner is reading it or about to press "Deshacer".
      if (this.held || this.undoing) {
        this.scheduleEnd(2000);
        return;
      }
      this.toast = null;
    }, after);
  }
}
