import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { STAFF_ROLES } from '@smartket/shared';

/**
 * A person who works in the restaurant without an e-mail account: a waiter, cook or cashier.
 * They sign in with a PIN (only its argon2id hash is kept) on a device paired to one of their
 * branches. Never deleted: deactivated staff stay on the orders and the audit log they touched.
 */
export const Staff = defineEntity({
  name: 'Staff',
  tableName: 'staff',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.string().length(60),
    /** `nameKey(name)`: unique among active staff, so the PIN screen's buttons differ. */
    nameKey: p.string().length(60),
    role: p.enum(STAFF_ROLES),
    pinHash: p.text().lazy(),
    active: p.boolean().default(true),
    lastSignInAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Staff = InferEntity<typeof Staff>;
