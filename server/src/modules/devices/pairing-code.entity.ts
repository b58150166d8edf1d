import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DEVICE_KINDS } from '@smartket/shared';
import { User } from '../auth/user.entity.ts';
import { Tenant } from '../tenants/tenant.entity.ts';

/**
 * A short-lived, single-use code an owner creates to pair a device (admin database: the device
 * entering it does not know its tenant yet). Only the SHA-256 of the code is kept.
 */
export const PairingCode = defineEntity({
  name: 'PairingCode',
  tableName: 'device_pairing_codes',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    codeHash: p.string().length(64).unique(),
    tenant: () => p.manyToOne(Tenant).ref().deleteRule('cascade'),
    branchId: p.uuid(),
    kind: p.enum(DEVICE_KINDS),
    deviceName: p.string().length(60),
    createdBy: () =>
      p.manyToOne(User).ref().nullable().deleteRule('set null').fieldName('created_by_user_id'),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
    usedAt: p.datetime().nullable(),
    deviceId: p.uuid().nullable(),
  },
});

export type PairingCode = InferEntity<typeof PairingCode>;
