import { error, redirect } from '@sveltejs/kit';
import { fetchMe } from '#lib/api/auth.ts';
import { ApiError } from '#lib/api/client.ts';
import { session } from '#lib/stores/session.svelte.ts';
import type { LayoutLoad } from './$types';

/** The app is client-rendered: the server sends an empty shell and this load runs in the browser. */
export const ssr = false;

export const load: LayoutLoad = async ({ fetch, url }) => {
  try {
    const me = await fetchMe({ fetch });
    session.set(me);
    return { me };
  } catch (cause) {
    if (cause instanceof ApiError && cause.code === 'UNAUTHENTICATED') {
      session.clear();
      redirect(307, `/ingresar?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    if (cause instanceof ApiError) {
      error(cause.status >= 400 ? cause.status : 503, cause.message);
    }
    throw cause;
  }
};
