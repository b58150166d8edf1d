import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A restaurant location (local) of the business. */
export const Branch = defineEntity({
  name: 'Branch',
  tableName: 'branches',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.string().length(60),
    address: p.string().length(160).nullable(),
    district: p.string().length(60).nullable(),
    timezone: p.string().length(64).default('America/Lima'),
    active: p.boolean().default(true),
    /** Minutes after which a ticket turns amber on the kitchen screen, then red. */
    kitchenWarnMinutes: p.integer().default(10),
    kitchenLateMinutes: p.integer().default(20),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Branch = InferEntity<typeof Branch>;
