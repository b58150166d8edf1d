import { error, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { fetchCurrentTenant, fetchMe } from '#lib/api/auth.ts';
import { ApiError } from '#lib/api/client.ts';
import { deviceSignOut, fetchDevice } from '#lib/api/device.ts';
import { whoActs, type WhoActs } from '#lib/offline/identity.ts';
import { access } from '#lib/stores/access.svelte.ts';
import { device } from '#lib/stores/device.svelte.ts';
import { session } from '#lib/stores/session.svelte.ts';
import type { LayoutLoad } from './$types';
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

/**
 * Puts who acts in the stores: the server's answer (kept on the device by the stores), or the
 * device's copy when the server could not be reached (shown as it is, kept as it was).
 */
function actAs(who: Exclude<WhoActs, { refused: string }>): void {
  const { identity } = who;
  if (identity.kind === 'user') {
    device.clear();
    if (who.from === 'device') {
      session.restore(identity.me, who.savedAt);
    } else {
      session.set(identity.me);
    }
    return;
  }
  session.clear();
  if (who.from === 'device') {
    device.restore(identity.device, { businessLocked: identity.businessLocked, savedAt: who.savedAt });
  } else {
    device.set(identity.device, identity.businessLocked);
  }
  device.signOutPending = who.signOutOwed;
}

/**
 * Who drives the app. The user session cookie wins (owners and admins, as before); without one,
 * the device cookie: a shared phone or cash desk goes to its PIN screen until someone signs in,
 * a kitchen screen is signed in on its own. Not paired: the sign-in page; unpaired by the owner:
 * the pairing page, which says so. With no network, the identity this device last had opens the
 * same screens (lib/offline/identity.ts); the shell confirms it with the server once it answers.
 */
export const load: LayoutLoad = async ({ fetch, url, untrack }) => {
  // Read the URL untracked: this load must not run again (two requests) on every navigation.
  const { pathname, search } = untrack(() => ({ pathname: url.pathname, search: url.search }));
  const who = await whoActs({
    me: () => fetchMe({ fetch }),
    device: () => fetchDevice({ fetch }),
    // Unknown for now (a hiccup): the screens load, and a write's 402 would say so later.
    businessLocked: () =>
      fetchCurrentTenant({ fetch }).then(
        (current) => current.tenant.readOnly,
        () => null,
      ),
    signOut: () => deviceSignOut({ fetch }),
  }).catch(failure);
  if ('refused' in who) {
    session.clear();
    device.clear();
    if (who.refused === 'revoked') {
      redirect(307, resolve('emparejar?motivo=desvinculado'));
    }
    redirect(307, `${resolve('ingresar')}?next=${encodeURIComponent(pathname + search)}`);
  }
  actAs(who);
  const target = detour(pathname, {
    mode: access.mode,
    deviceHasActor: device.hasActor,
    home: access.home.href,
  });
  if (target) {
    redirect(307, target);
  }
  return { me: session.me };
};
