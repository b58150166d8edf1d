import type { FeedStatus } from '#lib/realtime/branch-feed.svelte.ts';
import { network } from '#lib/stores/network.svelte.ts';

/**
 * A feed that just opened has read the server before its socket finished the handshake, and
 * says `offline` for that moment. Shown as such, every screen would flash "Sin conexión" as it
 * opens; it is said only once it lasts.
 */
const OFFLINE_GRACE_MS = 2000;

/**
 * A feed's status as a screen says it: `offline` only after the grace (or at once when the
 * browser itself knows it has no network); meanwhile still "connecting". Create it while a
 * component initialises (it runs an effect).
 */
export class SteadyStatus {
  readonly #read: () => FeedStatus | null;
  #lasted = $state(false);

  constructor(read: () => FeedStatus | null) {
    this.#read = read;
    $effect(() => {
      if (this.#read() !== 'offline') {
        this.#lasted = false;
        return;
      }
      const timer = setTimeout(() => (this.#lasted = true), OFFLINE_GRACE_MS);
      return () => clearTimeout(timer);
    });
  }

  readonly value = $derived.by<FeedStatus | null>(() => {
    const status = this.#read();
    if (status === 'offline' && !this.#lasted && network.online) {
      return 'loading';
    }
    return status;
  });
}
