import type { MembershipView, MeView, TenantView } from '@smartket/shared';

/**
 * The signed-in user and their businesses, as `/api/auth/me` last answered. Module state is
 * shared by every server-side render, so it is only written from the (client-rendered) app.
 */
class SessionStore {
  me = $state<MeView | null>(null);
  /**
   * A write answered 402 `TRIAL_EXPIRED` after `/api/auth/me` last answered: the trial ended
   * while the app was open. Locks the app until the next answer of `/api/auth/me` says otherwise.
   */
  trialExpiredSeen = $state(false);

  readonly signedIn = $derived(this.me !== null);
  readonly memberships = $derived<MembershipView[]>(this.me?.memberships ?? []);
  readonly activeMembership = $derived<MembershipView | null>(
    this.memberships.find((membership) => membership.tenant.id === this.me?.activeTenantId) ?? null,
  );
  readonly tenant = $derived<TenantView | null>(this.activeMembership?.tenant ?? null);
  /** The active business can only be read: its trial ended (by the server's clock). */
  readonly locked = $derived(this.tenant !== null && (this.tenant.readOnly || this.trialExpiredSeen));

  /** Replaces the view after sign-in, a reload or a tenant switch. */
  set(me: MeView): void {
    this.me = me;
    this.trialExpiredSeen = false;
  }

  /** The API refused a write with 402 `TRIAL_EXPIRED`; lock until `/api/auth/me` is asked again. */
  markTrialExpired(): void {
    if (this.me) {
      this.trialExpiredSeen = true;
    }
  }

  /** Forgets everything about the user (logout, session ended elsewhere). */
  clear(): void {
    this.me = null;
    this.trialExpiredSeen = false;
  }
}

export const session = new SessionStore();
