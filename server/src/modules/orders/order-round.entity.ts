import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One "Enviar a cocina" of an order; its id comes from the device, so a retry sends it once. */
export const OrderRound = defineEntity({
  name: 'OrderRound',
  tableName: 'order_rounds',
  properties: {
    id: p.uuid().primary(),
    orderId: p.uuid(),
    /** 1, 2, 3… within the order. */
    number: p.integer(),
    sentAt: p.datetime(),
    sentById: p.string().length(64),
    sentByName: p.string().length(254),
  },
});

export type OrderRound = InferEntity<typeof OrderRound>;
