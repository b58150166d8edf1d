// `virtual:pwa-register`, the registration module vite-plugin-pwa generates (see updates.svelte.ts).
/// <reference types="vite-plugin-pwa/vanillajs" />
