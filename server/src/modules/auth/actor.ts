import {
  permissionsOf,
  type ActorView,
  type DeviceKind,
  type MembershipRole,
  type Role,
  type StaffRole,
} from '@smartket/shared';
import { notFound } from '../../lib/errors.ts';

/** The paired device a staff member or a kiosk acts from. */
export interface ActingDevice {
  id: string;
  name: string;
  kind: DeviceKind;
}

/**
 * Who a tenant request acts as, resolved on the server from a cookie — never from the body:
 * - `user`: an owner or admin signed in with e-mail and password, on any device, all branches;
 * - `staff`: a person signed in with their PIN on a paired device, bound to its branch;
 * - `device`: a kitchen screen running on its own credential (kiosk), bound to its branch.
 */
export type Actor =
  | {
      kind: 'user';
      role: MembershipRole;
      id: string;
      name: string;
      branchId: null;
      device: null;
      sessionId: string;
    }
  | {
      kind: 'staff';
      role: StaffRole;
      id: string;
      name: string;
      branchId: string;
      device: ActingDevice;
      staffSessionId: string;
    }
  | {
      kind: 'device';
      role: 'kitchen';
      id: string;
      name: string;
      branchId: string;
      device: ActingDevice;
    };

/** The shape the client sees of an actor. */
export function presentActor(actor: Actor): ActorView {
  return {
    kind: actor.kind,
    id: actor.id,
    name: actor.name,
    role: actor.role,
    branchId: actor.branchId,
    deviceId: actor.device?.id ?? null,
  };
}

/** What the actor may do, for the client to decide what to show (the server checks `can`). */
export function actorPermissions(actor: Actor): ReturnType<typeof permissionsOf> {
  return permissionsOf(actor.role satisfies Role);
}

/** Whether the actor may touch records of `branchId`: owners and admins every branch, others their own. */
export function actorReachesBranch(actor: Actor, branchId: string): boolean {
  return actor.branchId === null || actor.branchId === branchId;
}

/**
 * Refuses a record of a branch the actor is not bound to. The answer is the same 404 as for an
 * id that does not exist, so a waiter cannot probe another branch.
 */
export function assertReachesBranch(actor: Actor, branchId: string, what = 'Branch'): void {
  if (!actorReachesBranch(actor, branchId)) {
    throw notFound(what);
  }
}
