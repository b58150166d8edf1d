/**
 * The app's side of the service worker: registers it and offers a new version without forcing it.
 * A new worker installs in the background and waits; the prompt asks "Actualizar" or "Luego", so a
 * waiter never loses an order being typed to a reload they did not choose. Whoever says "Luego"
 * is asked again when the next version arrives or the app opens again, so nobody stays on an old
 * one for long.
 */

/** How often an open app asks the server for a newer worker (a kitchen screen stays open all day). */
const CHECK_EVERY_MS = 30 * 60 * 1000;
/** Coming back to the app checks too, but not again within this time. */
const MIN_GAP_MS = 60 * 1000;
/** "Actualizar" reloads once the new worker takes over; if nothing takes over by then, reload anyway. */
const RELOAD_FALLBACK_MS = 5000;

class AppUpdates {
  /** A new version is installed and waiting. */
  ready = $state(false);
  /** "Luego" was chosen for the version that is waiting. */
  postponed = $state(false);
  /** "Actualizar" was chosen: the page is about to reload. */
  applying = $state(false);
  /** Whether the prompt is on screen. */
  readonly prompting = $derived(this.ready && !this.postponed);

  #registration: ServiceWorkerRegistration | undefined;
  /** The waiting worker the prompt is about. */
  #offered: ServiceWorker | null = null;
  #activate: (() => Promise<void>) | undefined;
  #started = false;
  #lastCheck = 0;

  /** Registers the worker (once; later calls do nothing) and starts looking for new versions. */
  async start(): Promise<void> {
    if (this.#started || !('serviceWorker' in navigator)) {
      return;
    }
    this.#started = true;
    // Loaded on demand: the landing pages never download it, and in `vite dev` it registers nothing.
    const { registerSW } = await import('virtual:pwa-register');
    this.#activate = registerSW({
      immediate: true,
      onNeedRefresh: () => void this.#offer(),
      onRegisteredSW: (_url, registration) => {
        this.#registration = registration;
        this.#watch();
      },
      onRegisterError: (error: unknown) => {
        console.warn('SmartKet: the service worker could not be registered', error);
      },
    });
  }

  /**
   * Asks the server whether there is a newer worker; a new one installs, then prompts. `soon`
   * skips the minimum gap between checks (SvelteKit just saw a new deployment).
   */
  async check({ soon = false }: { soon?: boolean } = {}): Promise<void> {
    const registration = this.#registration;
    if (!registration || registration.installing || !navigator.onLine) {
      return;
    }
    if (!soon && Date.now() - this.#lastCheck < MIN_GAP_MS) {
      return;
    }
    this.#lastCheck = Date.now();
    try {
      await registration.update();
    } catch {
      // Offline or the server is restarting: the next check tries again.
    }
  }

  /** "Actualizar": the waiting worker takes over and the page reloads on the new version. */
  async apply(): Promise<void> {
    if (this.applying || !this.#activate) {
      return;
    }
    this.applying = true;
    await this.#activate();
    // Another tab may have activated it already, in which case nothing takes over here.
    setTimeout(() => location.reload(), RELOAD_FALLBACK_MS);
  }

  /** "Luego": hides the prompt until the next version or the next time the app opens. */
  postpone(): void {
    this.postponed = true;
  }

  /** Shows the prompt for the waiting worker, unless it is the one already offered (and maybe postponed). */
  async #offer(): Promise<void> {
    // workbox-window announces one worker more than once (installed, then waiting)
    const waiting = (await navigator.serviceWorker.getRegistration())?.waiting ?? null;
    if (this.ready && waiting === this.#offered) {
      return;
    }
    this.#offered = waiting;
    this.ready = true;
    this.postponed = false;
  }

  #watch(): void {
    setInterval(() => void this.check(), CHECK_EVERY_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        void this.check();
      }
    });
    addEventListener('online', () => void this.check());
  }
}

export const appUpdates = new AppUpdates();
