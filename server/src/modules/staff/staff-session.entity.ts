import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A staff member signed in with their PIN on one device, in that device's branch. The cookie
 * holds `<id>.<secret>`; only the SHA-256 of the secret is kept. It ends when the device sits
 * idle longer than the tenant's idle lock, at `expiresAt` (one long shift), on sign-out, or when
 * the owner changes the person.
 */
export const StaffSession = defineEntity({
  name: 'StaffSession',
  tableName: 'staff_sessions',
  properties: {
    id: p.string().length(32).primary(),
    secretHash: p.string().length(64),
    staffId: p.uuid(),
    deviceId: p.uuid(),
    branchId: p.uuid(),
    createdAt: p.datetime(),
    lastActiveAt: p.datetime(),
    expiresAt: p.datetime(),
  },
});

export type StaffSession = InferEntity<typeof StaffSession>;
