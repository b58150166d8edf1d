import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Something on the menu, priced in céntimos with IGV included. */
export const Product = defineEntity({
  name: 'Product',
  tableName: 'products',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    categoryId: p.uuid(),
    name: p.string().length(80),
    priceCents: p.integer(),
    stationId: p.uuid().nullable(),
    sku: p.string().length(40).nullable(),
    description: p.string().length(300).nullable(),
    position: p.integer().default(0),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Product = InferEntity<typeof Product>;
