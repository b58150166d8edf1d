import type { EntityManager } from '@mikro-orm/core';
import type { Session } from '../modules/auth/session.entity.ts';
import type { User } from '../modules/auth/user.entity.ts';
import type { Actor } from '../modules/auth/actor.ts';
import type { DeviceRefusal } from '../modules/devices/device-credentials.ts';
import type { Device } from '../modules/devices/device.entity.ts';
import type { StaffSession } from '../modules/staff/staff-session.entity.ts';
import type { Staff } from '../modules/staff/staff.entity.ts';
import type { Membership } from '../modules/tenants/membership.entity.ts';
import type { Tenant } from '../modules/tenants/tenant.entity.ts';

declare global {
  namespace Express {
    interface Locals {
      /** Admin database EntityManager of this request. */
      adminEm: EntityManager;
      /** Set by `loadSession` when the cookie names a valid session. */
      session?: Session;
      user?: User;
      /** Set by `tenantContext`/`deviceContext`: the tenant this request acts in. */
      tenant?: Tenant;
      /** Who the request acts as; unset on a shared device nobody is signed in on. */
      actor?: Actor;
      /** The e-mail user's membership, when the actor is a user. */
      membership?: Membership;
      tenantEm?: EntityManager;
      /** The paired device the request comes from, when it came with a device cookie. */
      device?: Device;
      /** Set by `deviceContext`: the PIN sign-in on the device, if any, and the idle lock. */
      signedInStaff?: { session: StaffSession; staff: Staff } | null;
      idleLockMinutes?: number;
      deviceRefusal?: DeviceRefusal;
      input?: unknown;
    }
  }
}

export {};
