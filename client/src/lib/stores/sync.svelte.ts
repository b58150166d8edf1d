import type { OrderView } from '@smartket/shared';
import { liveQuery } from 'dexie';
import type { OutboxEntry } from '../offline/db.ts';
import { OutboxDrainer, outboxEntries, type DrainScope } from '../offline/outbox.ts';
import { listenToBranch } from '../realtime/socket.ts';

/** How often a waiting outbox is tried again without any other sign that the network is back. */
const TICK_MS = 15_000;

type AcceptedListener = (entry: OutboxEntry, order: OrderView | null) => void;

/**
 * The outbox of this device as the shell shows it ("3 pendientes", "Sincronizando…") and the one
 * drain that sends it: on app start, when the browser is back online, when the app becomes
 * visible, when the socket reconnects, after each new entry, and on a timer — Background Sync
 * is missing on Safari and Firefox, so nothing waits for it.
 */
class SyncStore {
  /** The business's entries on this device (every branch), oldest first. */
  entries = $state.raw<OutboxEntry[]>([]);
  /** Sending right now. */
  sending = $state(false);
  /**
   * Whether the browser promised to keep this site's storage (`navigator.storage.persist()`);
   * null where it cannot say. Without it, a browser short of space may erase unsent orders.
   */
  persisted = $state<boolean | null>(null);

  /** Entries the server has not accepted (waiting, and refused ones waiting for the waiter). */
  readonly pendingCount = $derived(this.entries.length);
  readonly rejectedCount = $derived(this.entries.filter((entry) => entry.state === 'rejected').length);
  /** "Sincronizando…": sending while something is waiting to go. */
  readonly syncing = $derived(this.sending && this.entries.some((entry) => entry.state === 'pending'));
  /** Unsent orders on storage the browser may clear: the shell warns. */
  readonly atRisk = $derived(this.persisted === false && this.entries.length > 0);

  #scope: DrainScope | null = null;
  readonly #accepted = new Set<AcceptedListener>();
  readonly #drainer = new OutboxDrainer({
    scope: () => this.#scope,
    accepted: (entry, order) => {
      for (const listener of [...this.#accepted]) {
        listener(entry, order);
      }
    },
  });
  /** No timer-driven drain before this (backoff after a failed send). */
  #notBefore = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Follows the outbox of `scope` (the active business and the person acting on this device)
   * and drains it whenever there is a chance. Returns the function that stops it.
   */
  start(scope: DrainScope | null): () => void {
    this.#scope = scope;
    if (!scope) {
      this.entries = [];
      return () => undefined;
    }
    const subscription = liveQuery(() => outboxEntries(scope.tenantId)).subscribe({
      next: (entries) => {
        this.entries = entries;
      },
      error: () => {
        // No IndexedDB here: nothing can be queued either.
        this.entries = [];
      },
    });
    const now = (): void => this.kick(true);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') {
        this.kick(true);
      }
    };
    window.addEventListener('online', now);
    document.addEventListener('visibilitychange', onVisible);
    const tick = setInterval(() => this.kick(false), TICK_MS);
    const stopListening = listenToBranch(null, {
      connected: now,
      disconnected: () => undefined,
      event: () => undefined,
    });
    void this.#readPersisted();
    this.kick(true);
    return () => {
      subscription.unsubscribe();
      window.removeEventListener('online', now);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(tick);
      stopListening();
      this.#clearRetry();
      if (this.#scope === scope) {
        this.#scope = null;
      }
    };
  }

  /**
   * Sends what is waiting. `now` (a new entry, back online, a reconnect) skips the backoff; the
   * timer's calls respect it.
   */
  kick(now = true): void {
    if (!this.#scope || (!now && Date.now() < this.#notBefore)) {
      return;
    }
    this.#clearRetry();
    this.sending = true;
    this.#drainer
      .drain()
      .then((outcome) => {
        if (outcome.kind === 'later') {
          this.#notBefore = Date.now() + outcome.retryInMs;
          this.#retryTimer = setTimeout(() => this.kick(false), outcome.retryInMs);
        } else {
          this.#notBefore = 0;
        }
      })
      .catch(() => {
        // IndexedDB failed under the drain: the timer tries again.
      })
      .finally(() => {
        this.sending = this.#drainer.running;
      });
  }

  /** Called with each entry the server accepted, and its answer when it could be read. */
  onAccepted(listener: AcceptedListener): () => void {
    this.#accepted.add(listener);
    return () => this.#accepted.delete(listener);
  }

  /**
   * Asks the browser to keep this site's storage (Chrome grants it to installed apps, Firefox
   * asks the person). Called when a waiter's screen opens: where unsent orders will live.
   */
  async ensurePersistence(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persist) {
      return;
    }
    try {
      this.persisted = (await storage.persisted()) || (await storage.persist());
    } catch {
      this.persisted = null;
    }
  }

  async #readPersisted(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persisted) {
      return;
    }
    try {
      this.persisted = await storage.persisted();
    } catch {
      this.persisted = null;
    }
  }

  #clearRetry(): void {
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
  }
}

export const sync = new SyncStore();
