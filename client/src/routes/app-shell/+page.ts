import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import type { PageLoad } from './$types';

/**
 * The app shell: SvelteKit's page with no content, prerendered at build time. The service worker
 * precaches it and answers every /app navigation with it, so the installed app opens offline; the
 * router then renders the real route from the address bar. Prerendered, its boot script is allowed
 * by a sha256 hash in a CSP <meta>, which stays valid in the cache (a nonce would belong to one
 * response). Nobody is meant to open this address; whoever does goes to the app.
 */
export const prerender = true;
export const ssr = false;

export const load: PageLoad = () => {
  redirect(307, resolve('app'));
};
