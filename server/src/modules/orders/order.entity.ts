import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ORDER_STATUSES, ORDER_TYPES } from '@smartket/shared';

/**
 * An order of a branch: at its tables (dine-in), or for a customer (takeaway, delivery). The id
 * comes from the device that opened it, so that a retry never opens it twice. `number` counts
 * the branch's orders of one Lima day from 1.
 */
export const Order = defineEntity({
  name: 'Order',
  tableName: 'orders',
  properties: {
    id: p.uuid().primary(),
    branchId: p.uuid(),
    /** The branch's day (its time zone) the order was opened on, for numbering and the board. */
    businessDay: p.string().columnType('date'),
    number: p.integer(),
    type: p.enum(ORDER_TYPES),
    status: p.enum(ORDER_STATUSES).default('open'),
    guests: p.integer().nullable(),
    customerName: p.string().length(60).nullable(),
    customerPhone: p.string().length(20).nullable(),
    customerAddress: p.string().length(160).nullable(),
    note: p.string().length(200).nullable(),
    /** The waiter who owns it — told when its dishes are ready. */
    waiterKind: p.enum(['user', 'staff'] as const),
    waiterId: p.string().length(64),
    waiterName: p.string().length(254),
    deviceId: p.uuid().nullable(),
    openedAt: p.datetime(),
    billRequestedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    mergedIntoId: p.uuid().nullable(),
    /** Charged so far (céntimos); once above zero, what the order costs can no longer change. */
    paidCents: p.integer().default(0),
    /** How many equal parts the bill is split in, once the first one is charged. */
    splitParts: p.integer().nullable(),
    /** Goes up with every change to what the order costs: a charge names the one it saw. */
    version: p.integer().default(1),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Order = InferEntity<typeof Order>;
