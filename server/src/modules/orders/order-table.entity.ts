import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A table an order sits at. While the order is live `releasedAt` is null, and a unique index
 * lets only one live order hold a table.
 */
export const OrderTable = defineEntity({
  name: 'OrderTable',
  tableName: 'order_tables',
  properties: {
    orderId: p.uuid().primary(),
    tableId: p.uuid().primary(),
    /** 0 for the table it was opened at, then joined tables in order. */
    position: p.integer().default(0),
    joinedAt: p.datetime(),
    releasedAt: p.datetime().nullable(),
  },
});

export type OrderTable = InferEntity<typeof OrderTable>;
