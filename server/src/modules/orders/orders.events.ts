import type { OrderView, TicketView } from '@smartket/shared';
import type { PendingBranchEvent } from '../branch-log/branch-log.service.ts';
import type { Order } from './order.entity.ts';

/**
 * The branch-log events of order changes, in the order a floor screen should apply them: the
 * order first, then the kitchen tickets it touched. `appendBranchEvents` gives them their
 * sequences inside the change's transaction; the route broadcasts them after commit.
 */

/** A table, takeaway or delivery order was opened. */
export function orderOpened(order: OrderView): PendingBranchEvent[] {
  return [{ type: 'orders.opened', payload: { order } }];
}

/** A live order changed; `tickets` are those whose kitchen view changed with it. */
export function orderUpdated(order: OrderView, tickets: readonly TicketView[] = []): PendingBranchEvent[] {
  return [{ type: 'orders.updated', payload: { order } }, ...ticketsUpdated(tickets)];
}

/** A round was sent: the order, then one ticket per station it reached. */
export function roundSent(order: OrderView, tickets: readonly TicketView[]): PendingBranchEvent[] {
  return [
    { type: 'orders.updated', payload: { order } },
    ...tickets.map((ticket): PendingBranchEvent => ({ type: 'tickets.created', payload: { ticket } })),
  ];
}

/** The order left the floor: cancelled, or merged into another (then its tables are that one's). */
export function orderClosed(order: Pick<Order, 'id' | 'status' | 'mergedIntoId'>): PendingBranchEvent[] {
  return [
    {
      type: 'orders.closed',
      payload: { orderId: order.id, status: order.status, mergedIntoId: order.mergedIntoId ?? null },
    },
  ];
}

/**
 * A merge: the order that took the other's items, the absorbed order leaving the floor, and
 * the tickets whose label or round number changed.
 */
export function ordersMerged(
  target: OrderView,
  absorbed: Pick<Order, 'id' | 'status' | 'mergedIntoId'>,
  tickets: readonly TicketView[],
): PendingBranchEvent[] {
  return [
    { type: 'orders.updated', payload: { order: target } },
    ...orderClosed(absorbed),
    ...ticketsUpdated(tickets),
  ];
}

function ticketsUpdated(tickets: readonly TicketView[]): PendingBranchEvent[] {
  return tickets.map((ticket) => ({ type: 'tickets.updated', payload: { ticket } }));
}
