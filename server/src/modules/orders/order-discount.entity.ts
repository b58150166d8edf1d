import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DISCOUNT_KINDS } from '@smartket/shared';

/**
 * A discount on one item of an order (`itemId`) or on the whole order (`itemId` null), with
 * who gave it and why. One per target: giving another replaces it. `priceOrder` turns them into
 * céntimos.
 */
export const OrderDiscount = defineEntity({
  name: 'OrderDiscount',
  tableName: 'order_discounts',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    orderId: p.uuid(),
    itemId: p.uuid().nullable(),
    kind: p.enum(DISCOUNT_KINDS),
    /** Céntimos for `amount`, whole percent for `percent`. */
    value: p.integer(),
    reason: p.string().length(140),
    byKind: p.enum(['user', 'staff', 'device'] as const),
    byId: p.string().length(64),
    byName: p.string().length(254),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type OrderDiscount = InferEntity<typeof OrderDiscount>;
