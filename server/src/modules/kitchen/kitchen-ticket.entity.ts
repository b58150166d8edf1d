import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TICKET_STATUSES } from '@smartket/shared';

/**
 * One round's items for one station, as a kitchen screen shows it. `readyAt` is set when it is
 * bumped (every item still standing is ready), and cleared again by a recall.
 */
export const KitchenTicket = defineEntity({
  name: 'KitchenTicket',
  tableName: 'kitchen_tickets',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    branchId: p.uuid(),
    orderId: p.uuid(),
    roundId: p.uuid(),
    stationId: p.uuid().nullable(),
    status: p.enum(TICKET_STATUSES).default('pending'),
    createdAt: p.datetime(),
    startedAt: p.datetime().nullable(),
    readyAt: p.datetime().nullable(),
    recalledAt: p.datetime().nullable(),
  },
});

export type KitchenTicket = InferEntity<typeof KitchenTicket>;
