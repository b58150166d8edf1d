import type { MembershipView, MeView, TenantView } from '@smartket/shared';
import { forgetIdentity, rememberIdentity } from '../offline/identity.ts';
import { readStored, writeStored } from '../stored.ts';

/** sessionStorage key: the business whose data this tab chose to look at read-only. */
const BROWSE_KEY = 'smartket.readOnlyBrowsing';

/**
 * The signed-in user and their businesses, as `/api/auth/me` last answered. Module state is
 * shared by every server-side render, so it is only written from the (client-rendered) app.
 * Each answer is also kept on the device (lib/offline/identity.ts) so the installed app opens
 * offline; signing out forgets it.
 */
class SessionStore {
  me = $state<MeView | null>(null);
  /**
   * The app opened without network and `me` is this device's copy of the server's last answer,
   * saved at this time (ISO). Null once the server has answered in this run.
   */
  fromDevice = $state<string | null>(null);
  /**
   * A write answered 402 `TRIAL_EXPIRED` after `/api/auth/me` last answered: the trial ended
   * while the app was open. Locks the app until the next answer of `/api/auth/me` says otherwise.
   */
  trialExpiredSeen = $state(false);
  /**
   * The business whose owner chose, on the lock screen, to look at their data anyway. Kept for
   * this tab only (sessionStorage): a new tab, or the next login, starts on the lock screen again.
   */
  #browsingTenantId = $state<string | null>(readStored(BROWSE_KEY, 'session') ?? null);

  readonly signedIn = $derived(this.me !== null);
  readonly memberships = $derived<MembershipView[]>(this.me?.memberships ?? []);
  readonly activeMembership = $derived<MembershipView | null>(
    this.memberships.find((membership) => membership.tenant.id === this.me?.activeTenantId) ?? null,
  );
  readonly tenant = $derived<TenantView | null>(this.activeMembership?.tenant ?? null);
  /** The active business can only be read: its trial ended (by the server's clock). */
  readonly locked = $derived(this.tenant !== null && (this.tenant.readOnly || this.trialExpiredSeen));
  /** Locked, and the owner chose to look around read-only instead of the lock screen. */
  readonly browsingReadOnly = $derived(
    this.locked && this.tenant !== null && this.#browsingTenantId === this.tenant.id,
  );

  /** Replaces the view with the server's answer: sign-in, a reload or a tenant switch. */
  set(me: MeView): void {
    this.me = me;
    this.fromDevice = null;
    this.trialExpiredSeen = false;
    // A plain copy: IndexedDB cannot store a reactive proxy, should a caller pass one.
    void rememberIdentity({ kind: 'user', me: $state.snapshot(me) });
    if (this.tenant && !this.tenant.readOnly && this.#browsingTenantId === this.tenant.id) {
      // A plan is active again: if it ever ends, the owner sees the lock screen first once more.
      this.#forgetBrowsing();
    }
  }

  /**
   * Shows the user this device last saw, saved at `savedAt`: the app opened and the server
   * could not be reached. The server's next answer replaces it (`set`, or `clear` on a 401).
   */
  restore(me: MeView, savedAt: string): void {
    this.me = me;
    this.fromDevice = savedAt;
    this.trialExpiredSeen = false;
  }

  /** The API refused a write with 402 `TRIAL_EXPIRED`; lock until `/api/auth/me` is asked again. */
  markTrialExpired(): void {
    if (this.me) {
      this.trialExpiredSeen = true;
    }
  }

  /** From the lock screen: show this business's data, read-only, for the rest of this tab's life. */
  browseReadOnly(): void {
    const id = this.tenant?.id;
    if (!id) {
      return;
    }
    this.#browsingTenantId = id;
    writeStored(BROWSE_KEY, id, 'session');
  }

  /** Forgets everything about the user (logout, session ended elsewhere), on the device too. */
  clear(): void {
    this.me = null;
    this.fromDevice = null;
    this.trialExpiredSeen = false;
    this.#forgetBrowsing();
    void forgetIdentity('user');
  }

  #forgetBrowsing(): void {
    this.#browsingTenantId = null;
    writeStored(BROWSE_KEY, null, 'session');
  }
}

export const session = new SessionStore();
