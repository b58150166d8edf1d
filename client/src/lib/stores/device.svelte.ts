import type { DeviceSessionView } from '@smartket/shared';
import { forgetIdentity, oweSignOut, rememberIdentity } from '../offline/identity.ts';

/**
 * This browser as a paired device — a shared phone, a cash desk or a kitchen screen — as
 * `/api/device` last answered. Empty while an owner or admin is signed in with e-mail (their
 * session wins over the device cookie) or when the browser is not paired. The credentials are
 * HttpOnly cookies: nothing secret is kept here. Only written from the client-rendered app.
 * Who acts on the device is also kept on it (lib/offline/identity.ts) so the installed app opens
 * offline; a sign-out, the idle lock or unpairing forgets it.
 */
class DeviceStore {
  view = $state<DeviceSessionView | null>(null);
  /** The owner unpaired this device while the app was open (a socket event or a 401). */
  revoked = $state(false);
  /**
   * The app opened without network and `view` is this device's copy of the server's last
   * answer, saved at this time (ISO). Null once the server has answered in this run.
   */
  fromDevice = $state<string | null>(null);
  #businessLocked = $state(false);
  #signOutPending = $state(false);

  readonly staff = $derived(this.view?.staff ?? null);
  readonly isKitchenScreen = $derived(this.view?.device.kind === 'kitchen_screen');
  /** Someone acts on this device: a staff member signed in with a PIN, or the kitchen screen itself. */
  readonly hasActor = $derived(this.staff !== null || this.isKitchenScreen);

  /** The business cannot be used: its trial ended (`/api/tenant` said read-only, or a write got 402). */
  get businessLocked(): boolean {
    return this.#businessLocked;
  }

  set businessLocked(locked: boolean) {
    this.#businessLocked = locked;
    this.#remember();
  }

  /**
   * A sign-out that never reached the server (no network): the screen is locked anyway, and the
   * PIN screen sends it again before anyone else signs in — kept on the device, so a restart
   * sends it too.
   */
  get signOutPending(): boolean {
    return this.#signOutPending;
  }

  set signOutPending(pending: boolean) {
    this.#signOutPending = pending;
    void oweSignOut(pending);
  }

  /** Replaces the view with the server's answer: pairing, a PIN sign-in or a fresh `/api/device`. */
  set(view: DeviceSessionView, businessLocked?: boolean): void {
    if (view.tenant.id !== this.view?.tenant.id) {
      this.#businessLocked = false;
    }
    if (businessLocked !== undefined) {
      this.#businessLocked = businessLocked;
    }
    this.view = view;
    this.revoked = false;
    this.fromDevice = null;
    this.#remember();
  }

  /**
   * Shows the device as this browser last saw it, saved at `savedAt`: the app opened and the
   * server could not be reached. The server's next answer replaces it.
   */
  restore(view: DeviceSessionView, options: { businessLocked: boolean; savedAt: string }): void {
    this.view = view;
    this.revoked = false;
    this.#businessLocked = options.businessLocked;
    this.fromDevice = options.savedAt;
  }

  /** Nobody is signed in any more (sign-out, idle lock, the server ended the session). */
  signedOut(): void {
    // Only shared phones and cash desks sign staff in; without them such a device may do nothing.
    if (this.view?.staff) {
      this.view = { ...this.view, staff: null, permissions: [] };
      void forgetIdentity('device');
    }
    this.#businessLocked = false;
  }

  /** The owner unpaired this device: the app shows that, and nothing else, until it is paired again. */
  markRevoked(): void {
    this.revoked = true;
    void forgetIdentity('device');
  }

  /** Forgets the device (a user session took over, or it was never paired), on the device too. */
  clear(): void {
    this.view = null;
    this.revoked = false;
    this.fromDevice = null;
    this.#businessLocked = false;
    // A sign-out still owed stays owed on the device: the next time it acts as a device, it is sent.
    this.#signOutPending = false;
    void forgetIdentity('device');
  }

  /** Keeps what the server said on the device (not the device's own copy shown offline). */
  #remember(): void {
    if (this.view && this.fromDevice === null && !this.revoked) {
      // A plain copy: IndexedDB cannot store the reactive proxy.
      const view = $state.snapshot(this.view);
      void rememberIdentity({ kind: 'device', device: view, businessLocked: this.#businessLocked });
    }
  }
}

export const device = new DeviceStore();
