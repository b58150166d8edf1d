import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Wrong PIN attempts of one person on one device. After five, a lockout that grows with each
 * repeat. Kept in the database so that restarting the server lifts nothing.
 */
export const PinLockout = defineEntity({
  name: 'PinLockout',
  tableName: 'pin_lockouts',
  properties: {
    staffId: p.uuid().primary(),
    deviceId: p.uuid().primary(),
    failedAttempts: p.integer().default(0),
    lockouts: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    lastFailedAt: p.datetime().nullable(),
  },
});

export type PinLockout = InferEntity<typeof PinLockout>;
