/** First wait between tries; it doubles up to the maximum (a phone may stay offline for an hour). */
const FIRST_WAIT_MS = 2000;
const MAX_WAIT_MS = 15_000;

/**
 * Calls `onBack` once the server can be reached again: tried when the browser says it is online
 * and every few seconds besides, since a phone on Wi-Fi without internet never says it is offline.
 * Any answer counts (what the server then says is the app's business). Returns the stop function.
 */
export function whenServerReachable(onBack: () => void): () => void {
  let stopped = false;
  let wait = FIRST_WAIT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const attempt = async (): Promise<void> => {
    clearTimeout(timer);
    try {
      await fetch('/api/health', { cache: 'no-store' });
      if (!stopped) {
        stop();
        onBack();
      }
      return;
    } catch {
      // still unreachable
    }
    if (!stopped) {
      timer = setTimeout(() => void attempt(), wait);
      wait = Math.min(wait * 2, MAX_WAIT_MS);
    }
  };
  const onOnline = (): void => {
    wait = FIRST_WAIT_MS;
    void attempt();
  };
  function stop(): void {
    stopped = true;
    clearTimeout(timer);
    removeEventListener('online', onOnline);
  }

  addEventListener('online', onOnline);
  timer = setTimeout(() => void attempt(), wait);
  return stop;
}
