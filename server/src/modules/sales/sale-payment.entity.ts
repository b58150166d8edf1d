import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PAYMENT_METHODS } from '@smartket/shared';

/** One tender of a sale: cash (with what was handed over and the change), card, Yape, Plin, transfer. */
export const SalePayment = defineEntity({
  name: 'SalePayment',
  tableName: 'sale_payments',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    saleId: p.uuid(),
    method: p.enum(PAYMENT_METHODS),
    amountCents: p.integer(),
    receivedCents: p.integer().nullable(),
    changeCents: p.integer().default(0),
    reference: p.string().length(40).nullable(),
    position: p.integer(),
  },
});

export type SalePayment = InferEntity<typeof SalePayment>;
