import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ITEM_STATUSES, type ChosenOptionView } from '@smartket/shared';

/**
 * One line of a round. Name, price and options are copied from the menu when it is sent, so a
 * later price change or a renamed product never rewrites what was ordered.
 */
export const OrderItem = defineEntity({
  name: 'OrderItem',
  tableName: 'order_items',
  properties: {
    id: p.uuid().primary(),
    orderId: p.uuid(),
    roundId: p.uuid(),
    ticketId: p.uuid(),
    productId: p.uuid(),
    name: p.string().length(80),
    quantity: p.integer(),
    /** Product price plus the options' deltas. */
    unitPriceCents: p.integer(),
    options: p.json<ChosenOptionView[]>(),
    note: p.string().length(140).nullable(),
    stationId: p.uuid().nullable(),
    position: p.integer().default(0),
    status: p.enum(ITEM_STATUSES).default('pending'),
    startedAt: p.datetime().nullable(),
    readyAt: p.datetime().nullable(),
    servedAt: p.datetime().nullable(),
    voidedAt: p.datetime().nullable(),
    voidReason: p.string().length(140).nullable(),
    voidedByName: p.string().length(254).nullable(),
  },
});

export type OrderItem = InferEntity<typeof OrderItem>;
