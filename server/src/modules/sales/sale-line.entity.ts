import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A line of a sale: units of an order's item (`orderItemId`), or — for an equal part — one
 * "Por consumo" line without an item.
 */
export const SaleLine = defineEntity({
  name: 'SaleLine',
  tableName: 'sale_lines',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    saleId: p.uuid(),
    orderItemId: p.uuid().nullable(),
    description: p.string().length(200),
    quantity: p.integer(),
    unitPriceCents: p.integer(),
    discountCents: p.integer().default(0),
    amountCents: p.integer(),
    position: p.integer(),
  },
});

export type SaleLine = InferEntity<typeof SaleLine>;
