import { redirect } from '@sveltejs/kit';
import type { MeView } from '@smartket/shared';
import { resolve } from '$app/paths';
import { session } from '#lib/stores/session.svelte.ts';
import type { PageLoad } from './$types';

/** Whether the active business still has to go through the setup wizard. */
function needsSetup(me: MeView): boolean {
  const tenant = me.memberships.find((membership) => membership.tenant.id === me.activeTenantId)?.tenant;
  // A locked business cannot save wizard steps: it gets the lock screen instead.
  return tenant !== undefined && !tenant.setupComplete && !tenant.readOnly;
}

/** A business that has not finished the setup wizard has no home yet: the wizard is its home. */
export const load: PageLoad = async ({ parent }) => {
  const { me } = await parent();
  // The store is at least as fresh as the layout's data: the wizard updates it when it finishes.
  if (needsSetup(session.me ?? me)) {
    redirect(307, resolve('app/configuracion'));
  }
  return {};
};
