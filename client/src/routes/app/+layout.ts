import { error, redirect } from '@sveltejs/kit';
import type { DeviceSessionView, MeView } from '@smartket/shared';
import { resolve } from '$app/paths';
import { fetchMe } from '#lib/api/auth.ts';
import { ApiError } from '#lib/api/client.ts';
import { fetchDevice } from '#lib/api/device.ts';
import { access } from '#lib/stores/access.svelte.ts';
import { device } from '#lib/stores/device.svelte.ts';
import { session } from '#lib/stores/session.svelte.ts';
import type { LayoutLoad } from './$types';
import { readBusinessLock } from './business-lock.ts';
import { detour } from './screens.ts';

/** The app is client-rendered: the server sends an empty shell and this load runs in the browser. */
export const ssr = false;

/** A failed call as the error page shows it: its status, or 503 when the network failed. */
function failure(cause: unknown): never {
  if (cause instanceof ApiError) {
    // offline: the error page says so and reopens the app when the server answers again
    error(cause.status >= 400 ? cause.status : 503, cause.message, { offline: cause.code === 'network' });
  }
  throw cause;
}

/** The e-mail user of this browser, or null when nobody is signed in with e-mail. */
async function signedInUser(fetch: typeof globalThis.fetch): Promise<MeView | null> {
  try {
    return await fetchMe({ fetch });
  } catch (cause) {
    if (cause instanceof ApiError && cause.code === 'UNAUTHENTICATED') {
      return null;
    }
    failure(cause);
  }
}

/**
 * The paired device of this browser. Not paired: the sign-in page, as before devices existed.
 * Unpaired by the owner: the pairing page, which says so.
 */
async function pairedDevice(fetch: typeof globalThis.fetch, next: string): Promise<DeviceSessionView> {
  try {
    return await fetchDevice({ fetch });
  } catch (cause) {
    if (cause instanceof ApiError && cause.code === 'DEVICE_REVOKED') {
      redirect(307, resolve('emparejar?motivo=desvinculado'));
    }
    if (cause instanceof ApiError && cause.status === 401) {
      redirect(307, `${resolve('ingresar')}?next=${encodeURIComponent(next)}`);
    }
    failure(cause);
  }
}

/**
 * Who drives the app. The user session cookie wins (owners and admins, as before); without one,
 * the device cookie: a shared phone or cash desk goes to its PIN screen until someone signs in,
 * a kitchen screen is signed in on its own.
 */
export const load: LayoutLoad = async ({ fetch, url, untrack }) => {
  // Read the URL untracked: this load must not run again (two requests) on every navigation.
  const { pathname, search } = untrack(() => ({ pathname: url.pathname, search: url.search }));
  const me = await signedInUser(fetch);
  if (me) {
    session.set(me);
    device.clear();
  } else {
    session.clear();
    device.set(await pairedDevice(fetch, pathname + search));
    if (device.hasActor) {
      await readBusinessLock({ fetch });
    }
  }
  const target = detour(pathname, {
    mode: access.mode,
    deviceHasActor: device.hasActor,
    home: access.home.href,
  });
  if (target) {
    redirect(307, target);
  }
  return { me };
};
