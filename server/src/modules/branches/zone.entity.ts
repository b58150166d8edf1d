import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An area of a branch that groups tables: Salón, Terraza, Segundo piso. */
export const Zone = defineEntity({
  name: 'Zone',
  tableName: 'zones',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    branchId: p.uuid(),
    name: p.string().length(60),
    position: p.integer().default(0),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Zone = InferEntity<typeof Zone>;
