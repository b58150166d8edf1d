import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { pwa } from './vite.pwa.ts';

/** The Express API + Socket.IO server that `vite dev` proxies to (`npm start` in server/). */
const backend = `http://127.0.0.1:${process.env.SMARTKET_API_PORT ?? '3001'}`;

export default defineConfig({
  plugins: [
    // SvelteKit 3: the former `kit.*` options live here (there is no svelte.config.js).
    sveltekit({
      // Express mounts build/handler.js; @smartket/shared is a devDependency-style workspace
      // import, so it is bundled into build/ (Node cannot strip types under node_modules).
      // Precompressed: the service worker downloads the whole app on a waiter's first visit,
      // often over mobile data, and brotli makes that about a quarter of the bytes.
      adapter: adapter({ out: 'build', precompress: true }),
      // Absolute /_app/… URLs: the service worker answers /app/mesas/… with the shell prerendered
      // at /app-shell, whose relative paths would point elsewhere. The worker is vite-plugin-pwa's
      // (src/sw.ts), so SvelteKit registers none of its own.
      paths: { relative: false },
      serviceWorker: { register: false },
      csp: {
        // nonce for server-rendered and ssr=false responses, sha256 for prerendered pages
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          // kit's route announcer and app.html use style attributes; attributes only, low risk
          'style-src-attr': ['unsafe-inline'],
          'img-src': ['self', 'data:'],
          // 'self' covers ws:/wss: to the same host in CSP Level 3 browsers (Socket.IO upgrade)
          'connect-src': ['self'],
          'manifest-src': ['self'],
          'font-src': ['self'],
          'worker-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
    pwa(),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/socket.io': { target: backend, ws: true, changeOrigin: true },
    },
  },
});
