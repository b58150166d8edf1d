import type { DeviceSessionView } from '@smartket/shared';

/**
 * This browser as a paired device — a shared phone, a cash desk or a kitchen screen — as
 * `/api/device` last answered. Empty while an owner or admin is signed in with e-mail (their
 * session wins over the device cookie) or when the browser is not paired. The credentials are
 * HttpOnly cookies: nothing secret is kept here. Only written from the client-rendered app.
 */
class DeviceStore {
  view = $state<DeviceSessionView | null>(null);
  /** The owner unpaired this device while the app was open (a socket event or a 401). */
  revoked = $state(false);
  /** The business cannot be used: its trial ended (`/api/tenant` said read-only, or a write got 402). */
  businessLocked = $state(false);
  /**
   * A sign-out that never reached the server (no network): the screen is locked anyway, and the
   * PIN screen sends it again before anyone else signs in.
   */
  signOutPending = $state(false);

  readonly staff = $derived(this.view?.staff ?? null);
  readonly isKitchenScreen = $derived(this.view?.device.kind === 'kitchen_screen');
  /** Someone acts on this device: a staff member signed in with a PIN, or the kitchen screen itself. */
  readonly hasActor = $derived(this.staff !== null || this.isKitchenScreen);

  /** Replaces the view after pairing, a PIN sign-in or a fresh `/api/device`. */
  set(view: DeviceSessionView): void {
    if (view.tenant.id !== this.view?.tenant.id) {
      this.businessLocked = false;
    }
    this.view = view;
    this.revoked = false;
  }

  /** Nobody is signed in any more (sign-out, idle lock, the server ended the session). */
  signedOut(): void {
    // Only shared phones and cash desks sign staff in; without them such a device may do nothing.
    if (this.view?.staff) {
      this.view = { ...this.view, staff: null, permissions: [] };
    }
    this.businessLocked = false;
  }

  /** The owner unpaired this device: the app shows that, and nothing else, until it is paired again. */
  markRevoked(): void {
    this.revoked = true;
  }

  /** Forgets the device (a user session took over, or it was never paired). */
  clear(): void {
    this.view = null;
    this.revoked = false;
    this.businessLocked = false;
    this.signOutPending = false;
  }
}

export const device = new DeviceStore();
