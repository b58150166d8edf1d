import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DEVICE_KINDS } from '@smartket/shared';

/**
 * A phone, cash desk or kitchen screen paired to one branch. Its cookie holds
 * `<tenantId>.<deviceId>.<secret>`; only the SHA-256 of the secret is kept. Revoking keeps the
 * row (the audit log and orders point at it) and refuses the credential from then on.
 */
export const Device = defineEntity({
  name: 'Device',
  tableName: 'devices',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.string().length(60),
    kind: p.enum(DEVICE_KINDS),
    branchId: p.uuid(),
    tokenHash: p.string().length(64).lazy(),
    /** The owner or admin who created the pairing code (an admin database user id). */
    pairedByUserId: p.uuid().nullable(),
    pairedAt: p.datetime(),
    lastSeenAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

export type Device = InferEntity<typeof Device>;
