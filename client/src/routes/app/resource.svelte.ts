import { untrack } from 'svelte';
import { ApiError, errorMessage, type ClientErrorCode } from '#lib/api/client.ts';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; code: ClientErrorCode; message: string };

/**
 * Data a screen reads from the API, with its loading and error states. `load()` starts a fetch
 * and aborts the one before; data already shown stays on screen while it reloads, so a retry
 * or a refresh after a write never flashes a skeleton.
 */
export class Resource<T> {
  state = $state<ResourceState<T>>({ status: 'loading' });

  readonly #fetch: (signal: AbortSignal) => Promise<T>;
  #controller: AbortController | null = null;

  constructor(fetch: (signal: AbortSignal) => Promise<T>) {
    this.#fetch = fetch;
  }

  /** The data when loaded, else `undefined`. */
  get data(): T | undefined {
    return this.state.status === 'ready' ? this.state.data : undefined;
  }

  /** Fetches again. `fresh` shows the skeleton (another business, another id). */
  load(fresh = false): void {
    this.abort();
    const controller = new AbortController();
    this.#controller = controller;
    // Read without tracking: callers run this inside effects that must not depend on it.
    if (fresh || untrack(() => this.state.status) !== 'ready') {
      this.state = { status: 'loading' };
    }
    this.#fetch(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          this.state = { status: 'ready', data };
        }
      },
      (error: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        this.state =
          error instanceof ApiError
            ? { status: 'error', code: error.code, message: error.message }
            : { status: 'error', code: 'network', message: errorMessage('network') };
      },
    );
  }

  /** Replaces the data after a write answered the new view. */
  set(data: T): void {
    this.state = { status: 'ready', data };
  }

  /** Stops the fetch in flight (the screen went away). */
  abort(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}

/** Whether any of `resources` failed to load: a screen that needs them all shows one error. */
export function anyFailed(resources: readonly Resource<unknown>[]): boolean {
  return resources.some((resource) => resource.state.status === 'error');
}
