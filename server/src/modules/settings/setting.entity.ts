import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Tenant-wide settings, one JSON value per key (tenant database). */
export const Setting = defineEntity({
  name: 'Setting',
  tableName: 'settings',
  properties: {
    key: p.string().length(64).primary(),
    value: p.json<unknown>(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Setting = InferEntity<typeof Setting>;
