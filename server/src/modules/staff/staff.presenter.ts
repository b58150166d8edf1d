import type { StaffView } from '@smartket/shared';
import type { Staff } from './staff.entity.ts';

/** A staff member with the branches they work in and the PIN lockout in force, if any. */
export interface StaffRecord {
  staff: Staff;
  branchIds: string[];
  /** The latest end of a lockout in force on any device; null when none is. */
  lockedUntil: Date | null;
}

/** The owner's view of a staff member: never the PIN, nor its hash. */
export function presentStaff({ staff, branchIds, lockedUntil }: StaffRecord): StaffView {
  return {
    id: staff.id,
    name: staff.name,
    role: staff.role,
    branchIds: [...branchIds].sort(),
    active: staff.active,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    lastSignInAt: staff.lastSignInAt?.toISOString() ?? null,
    createdAt: staff.createdAt.toISOString(),
  };
}
