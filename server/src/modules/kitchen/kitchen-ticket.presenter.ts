import type { OrderType, TicketView } from '@smartket/shared';
import type { OrderItem } from '../orders/order-item.entity.ts';
import type { Order } from '../orders/order.entity.ts';
import type { KitchenTicket } from './kitchen-ticket.entity.ts';

/** What of its order a ticket shows: the label's parts and who to call when it is ready. */
export type TicketOrder = Pick<Order, 'id' | 'type' | 'number' | 'customerName' | 'waiterId' | 'waiterName'>;

/** Everything around a ticket that its view shows, loaded by the caller in bulk. */
export interface TicketContext {
  order: TicketOrder;
  /** The names of the tables the order holds now, the one it was opened at first. */
  tableNames: readonly string[];
  /** The number of the ticket's round within its order. */
  roundNumber: number;
  /** The ticket's items, voided ones included (the kitchen sees them struck through). */
  items: readonly OrderItem[];
}

const TABLE_PREFIX = 'Mesa ';

/**
 * What the kitchen calls an order: "Mesa 4", joined tables "Mesa 4 + 5" (a second "Mesa" is
 * dropped, other names are kept: "Mesa 4 + Barra 2"), "Llevar #12 · Juan", "Delivery #3 · Ana".
 * Built in Spanish on the server: like a table's name, it is data the kitchen screen shows.
 */
export function orderLabel(
  order: Pick<Order, 'type' | 'number' | 'customerName'>,
  tableNames: readonly string[],
): string {
  if (order.type === 'dine_in') {
    const [first, ...joined] = tableNames;
    if (first === undefined) {
      return `Mesa #${order.number}`;
    }
    const shorten = first.startsWith(TABLE_PREFIX);
    const rest = joined.map((name) =>
      shorten && name.startsWith(TABLE_PREFIX) ? name.slice(TABLE_PREFIX.length) : name,
    );
    return [first, ...rest].join(' + ');
  }
  const kind = TYPE_WORD[order.type];
  const customer = order.customerName ? ` · ${order.customerName}` : '';
  return `${kind} #${order.number}${customer}`;
}

const TYPE_WORD: Record<Exclude<OrderType, 'dine_in'>, string> = {
  takeaway: 'Llevar',
  delivery: 'Delivery',
};

/** A ticket as kitchen screens, the owner's board and `tickets.*` events show it. */
export function presentTicket(ticket: KitchenTicket, context: TicketContext): TicketView {
  const { order } = context;
  const items = [...context.items].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  return {
    id: ticket.id,
    branchId: ticket.branchId,
    orderId: ticket.orderId,
    orderType: order.type,
    orderNumber: order.number,
    orderLabel: orderLabel(order, context.tableNames),
    waiterName: order.waiterName,
    waiterId: order.waiterId,
    roundNumber: context.roundNumber,
    stationId: ticket.stationId ?? null,
    status: ticket.status,
    createdAt: ticket.createdAt.toISOString(),
    startedAt: ticket.startedAt?.toISOString() ?? null,
    readyAt: ticket.readyAt?.toISOString() ?? null,
    recalledAt: ticket.recalledAt?.toISOString() ?? null,
    items: items.map((item) => ({
      id: item.id,
      name: item.name,
      quantity: item.quantity,
      options: item.options.map((option) => option.name),
      note: item.note ?? null,
      status: item.status,
    })),
  };
}
