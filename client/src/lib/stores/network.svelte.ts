/**
 * Whether the browser believes it is online. Starts optimistic (`true`) so the server render
 * and the first client render agree; `watch()` syncs it with `navigator.onLine` afterwards.
 */
class NetworkStore {
  online = $state(true);

  /** Starts following online/offline events; returns the function that stops it. */
  watch(): () => void {
    const update = (): void => {
      this.online = navigator.onLine;
    };
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }
}

export const network = new NetworkStore();
