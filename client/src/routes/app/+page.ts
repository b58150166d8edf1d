import { redirect } from '@sveltejs/kit';
import type { MeView } from '@smartket/shared';
import { resolve } from '$app/paths';
import { fetchMe } from '#lib/api/auth.ts';
import { session } from '#lib/stores/session.svelte.ts';
import type { PageLoad } from './$types';

/** Whether the active business still has to go through the setup wizard. */
function needsSetup(me: MeView): boolean {
  const tenant = me.memberships.find((membership) => membership.tenant.id === me.activeTenantId)?.tenant;
  // A locked business cannot save wizard steps: it gets the lock screen instead.
  return tenant !== undefined && !tenant.setupComplete && !tenant.readOnly;
}

/** A business that has not finished the setup wizard has no home yet: the wizard is its home. */
export const load: PageLoad = async ({ parent, fetch }) => {
  const { me } = await parent();
  if (!needsSetup(session.me ?? me)) {
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
