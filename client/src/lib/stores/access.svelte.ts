import type { Permission, Role } from '@smartket/shared';
import { permissionsOf } from '@smartket/shared';
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { device } from './device.svelte.ts';
import { session } from './session.svelte.ts';

/** Who drives the app: an owner or admin signed in with e-mail, or a paired device. */
export type AccessMode = 'user' | 'device';

/** The first screen of each kind of actor, as a path and the name the UI gives it. */
export interface Home {
  href: ResolvedPathname;
  screen: 'home' | 'tables' | 'kitchen' | 'cash' | 'pin';
}

/**
 * What the person in front of the screen may do, from the one shared permission table: the role
 * of the active membership for an e-mail user, the device's answer (the signed-in staff member's
 * role, or the kitchen screen's) for a paired device. The client only hides what a role cannot
 * use; the server refuses it anyway.
 */
class AccessStore {
  /** A user session wins over the device cookie, as on the server. */
  readonly mode = $derived<AccessMode | null>(session.me ? 'user' : device.view ? 'device' : null);

  /** The acting role; null on a shared device nobody is signed in on (the PIN screen). */
  readonly role = $derived.by<Role | null>(() => {
    if (this.mode === 'user') {
      return session.activeMembership?.role ?? null;
    }
    if (device.staff) {
      return device.staff.role;
    }
    return device.isKitchenScreen ? 'kitchen' : null;
  });

  readonly #permissions = $derived.by<ReadonlySet<Permission>>(() => {
    if (this.mode === 'user') {
      const role = session.activeMembership?.role;
      return new Set(role ? permissionsOf(role) : []);
    }
    return new Set(device.view?.permissions ?? []);
  });

  /**
   * The app opened without network: who acts is this device's copy, which the server last
   * confirmed at this time (ISO). Null once the server answered. The screens work from the
   * device's copies meanwhile; the shell asks the server again as soon as it can be reached.
   */
  readonly offlineStart = $derived<string | null>(
    this.mode === 'user' ? session.fromDevice : this.mode === 'device' ? device.fromDevice : null,
  );

  readonly tenantId = $derived(
    this.mode === 'user' ? (session.me?.activeTenantId ?? null) : (device.view?.tenant.id ?? null),
  );

  readonly businessName = $derived(
    this.mode === 'user'
      ? (session.tenant?.businessName ?? null)
      : (device.view?.tenant.businessName ?? null),
  );

  /** Where this actor starts, and where "back" goes from a screen it may not use. */
  readonly home = $derived.by<Home>(() => {
    if (this.mode !== 'device') {
      return { href: resolve('app'), screen: 'home' };
    }
    if (this.role === 'kitchen') {
      return { href: resolve('app/cocina'), screen: 'kitchen' };
    }
    if (this.role === 'cashier') {
      return { href: resolve('app/caja'), screen: 'cash' };
    }
    if (this.role === 'waiter') {
      return { href: resolve('app/mesas'), screen: 'tables' };
    }
    return { href: resolve('app/pin'), screen: 'pin' };
  });

  /** Whether the acting role may do `permission`. Read it in `$derived` or a template. */
  can(permission: Permission): boolean {
    return this.#permissions.has(permission);
  }

  /** Whether it may do at least one of `permissions`. */
  canAny(...permissions: readonly Permission[]): boolean {
    return permissions.some((permission) => this.#permissions.has(permission));
  }
}

export const access = new AccessStore();
