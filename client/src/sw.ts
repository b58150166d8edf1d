/// <reference lib="webworker" />
/**
 * SmartKet's one service worker (built by vite-plugin-pwa, see vite.pwa.ts).
 *
 * - Precaches the app: every client chunk and stylesheet, the icons, the manifest and the
 *   prerendered app shell, all of one build, so they can never mismatch.
 * - Answers every navigation inside /app with that shell: the app renders in the browser, so the
 *   installed app opens with the network off (and at once on a slow one).
 * - Public pages (/, /funciones, /precios) come from the network, or the last copy when offline.
 * - The API, Socket.IO, sign-in pages and everything else are left to the network: no handler,
 *   no cache.
 * - Waits with a new version until the app says "Actualizar" (SKIP_WAITING from workbox-window).
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

// workbox-precaching declares `self.__WB_MANIFEST`, the list the build injects.
declare const self: ServiceWorkerGlobalScope;

/** Must match SHELL_PATH in vite.pwa.ts. */
const SHELL_URL = '/app-shell';
const PUBLIC_PAGES = new Set(['/', '/funciones', '/precios']);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL(SHELL_URL), { allowlist: [/^\/app(?:\/|$)/] }));

registerRoute(
  ({ request, url }) =>
    request.mode === 'navigate' && url.origin === self.location.origin && PUBLIC_PAGES.has(url.pathname),
  new NetworkFirst({ cacheName: 'smartket-pages', networkTimeoutSeconds: 4 }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if (isSkipWaiting(event.data)) {
    void self.skipWaiting();
  }
});

// The first install takes over the open page, so it works offline without a reload. An update only
// gets here after "Actualizar" (skipWaiting), and the page reloads when it takes over.
clientsClaim();

function isSkipWaiting(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING';
}
