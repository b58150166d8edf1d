import { redirect } from '@sveltejs/kit';
import { roleCan, type MeView } from '@smartket/shared';
import { resolve } from '$app/paths';
import { fetchMe } from '#lib/api/auth.ts';
import { session } from '#lib/stores/session.svelte.ts';
import type { PageLoad } from './$types';

/** Whether the active business still has to go through the setup wizard, and this user can. */
function needsSetup(me: MeView): boolean {
  const membership = me.memberships.find((candidate) => candidate.tenant.id === me.activeTenantId);
  if (!membership || !roleCan(membership.role, 'settings.edit')) {
    // Only the owner runs the wizard: an admin invited early gets the home as it is.
    return false;
  }
  const tenant = membership.tenant;
  // A locked business cannot save wizard steps: it gets the lock screen instead.
  return !tenant.setupComplete && !tenant.readOnly;
}

/** A business that has not finished the setup wizard has no home yet: the wizard is its home. */
export const load: PageLoad = async ({ parent, fetch }) => {
  const { me } = await parent();
  const current = session.me ?? me;
  // A paired device has no owner's home: the layout already sent it to its own.
  if (!current || !needsSetup(current)) {
    return {};
  }
  // What we know may predate the last step (finished on another device, say): ask once more
  // rather than send the owner back to a wizard that is already done.
  try {
    const fresh = await fetchMe({ fetch });
    session.set(fresh);
    if (!needsSetup(fresh)) {
      return {};
    }
  } catch {
    // Offline or a hiccup: the wizard resumes from the server's state anyway.
  }
  redirect(307, resolve('app/configuracion'));
};
