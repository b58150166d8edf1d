import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A kitchen station (brasa, cocina, bar), named once for the business. */
export const KitchenStation = defineEntity({
  name: 'KitchenStation',
  tableName: 'kitchen_stations',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.string().length(60),
    position: p.integer().default(0),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type KitchenStation = InferEntity<typeof KitchenStation>;
