import type { MembershipView, MeView, TenantView } from '@smartket/shared';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days of trial left, counting today's unfinished day: 14 on sign-up day, 1 on the
 * last day, 0 once it has ended. `null` when the tenant has no trial end.
 */
export function trialDaysLeft(trialEndsAt: string | null, now: number = Date.now()): number | null {
  if (!trialEndsAt) {
    return null;
  }
  const end = Date.parse(trialEndsAt);
  if (Number.isNaN(end)) {
    return null;
  }
  return Math.max(0, Math.ceil((end - now) / DAY_MS));
}

/**
 * The signed-in user and their businesses, as `/api/auth/me` last answered. Module state is
 * shared by every server-side render, so it is only written from the (client-rendered) app.
 */
class SessionStore {
  me = $state<MeView | null>(null);

  readonly signedIn = $derived(this.me !== null);
  readonly memberships = $derived<MembershipView[]>(this.me?.memberships ?? []);
  readonly activeMembership = $derived<MembershipView | null>(
    this.memberships.find((membership) => membership.tenant.id === this.me?.activeTenantId) ?? null,
  );
  readonly tenant = $derived<TenantView | null>(this.activeMembership?.tenant ?? null);

  /** Replaces the view after sign-in, a reload or a tenant switch. */
  set(me: MeView): void {
    this.me = me;
  }

  /** Forgets everything about the user (logout, session ended elsewhere). */
  clear(): void {
    this.me = null;
  }
}

export const session = new SessionStore();
