import {
  priceOrder,
  type OrderDiscountView,
  type OrderItemView,
  type OrderView,
  type TicketView,
} from '@smartket/shared';
import type { KitchenTicket } from '../kitchen/kitchen-ticket.entity.ts';
import { presentTicket } from '../kitchen/kitchen-ticket.presenter.ts';
import type { OrderDiscount } from './order-discount.entity.ts';
import type { OrderItem } from './order-item.entity.ts';
import type { OrderRecord } from './orders.repository.ts';

/**
 * An order as the floor sees it — over HTTP and in `orders.*` events alike: its tables (the one
 * it was opened at first), rounds in order, items by round and then as the waiter entered them.
 */
export function presentOrder({ order, tables, rounds, items, discounts }: OrderRecord): OrderView {
  const roundNumber = new Map(rounds.map((round) => [round.id, round.number]));
  const ordered = [...items].sort(
    (a, b) =>
      (roundNumber.get(a.roundId) ?? 0) - (roundNumber.get(b.roundId) ?? 0) ||
      a.position - b.position ||
      a.id.localeCompare(b.id),
  );
  const pricing = priceOrder(
    ordered,
    discounts.map((discount) => ({
      itemId: discount.itemId ?? null,
      kind: discount.kind,
      value: discount.value,
    })),
  );
  return {
    id: order.id,
    branchId: order.branchId,
    number: order.number,
    type: order.type,
    status: order.status,
    tableIds: tables.map((table) => table.tableId),
    guests: order.guests ?? null,
    customer: order.customerName
      ? {
          name: order.customerName,
          phone: order.customerPhone ?? null,
          address: order.customerAddress ?? null,
        }
      : null,
    note: order.note ?? null,
    waiter: { kind: order.waiterKind, id: order.waiterId, name: order.waiterName },
    openedAt: order.openedAt.toISOString(),
    billRequestedAt: order.billRequestedAt?.toISOString() ?? null,
    closedAt: order.closedAt?.toISOString() ?? null,
    mergedIntoId: order.mergedIntoId ?? null,
    rounds: [...rounds]
      .sort((a, b) => a.number - b.number)
      .map((round) => ({
        id: round.id,
        number: round.number,
        sentAt: round.sentAt.toISOString(),
        sentByName: round.sentByName,
      })),
    items: ordered.map(presentItem),
    discounts: discounts.map(presentDiscount),
    subtotalCents: pricing.subtotalCents,
    discountCents: pricing.discountCents,
    totalCents: pricing.totalCents,
    paidCents: order.paidCents,
    splitParts: order.splitParts ?? null,
    version: order.version,
  };
}

function presentDiscount(discount: OrderDiscount): OrderDiscountView {
  return {
    itemId: discount.itemId ?? null,
    kind: discount.kind,
    value: discount.value,
    reason: discount.reason,
    byName: discount.byName,
    createdAt: discount.createdAt.toISOString(),
  };
}

function presentItem(item: OrderItem): OrderItemView {
  return {
    id: item.id,
    roundId: item.roundId,
    productId: item.productId,
    name: item.name,
    quantity: item.quantity,
    unitPriceCents: item.unitPriceCents,
    options: item.options,
    note: item.note ?? null,
    stationId: item.stationId ?? null,
    ticketId: item.ticketId,
    status: item.status,
    readyAt: item.readyAt?.toISOString() ?? null,
    servedAt: item.servedAt?.toISOString() ?? null,
    voidedAt: item.voidedAt?.toISOString() ?? null,
    voidReason: item.voidReason ?? null,
    voidedByName: item.voidedByName ?? null,
  };
}

/** The views of `tickets` of the order of `record`, built from what the record already holds. */
export function presentOrderTickets(record: OrderRecord, tickets: readonly KitchenTicket[]): TicketView[] {
  const roundNumber = new Map(record.rounds.map((round) => [round.id, round.number]));
  const itemsByTicket = Map.groupBy(record.items, (item) => item.ticketId);
  const tableNames = record.tables.map((table) => table.name);
  return tickets.map((ticket) =>
    presentTicket(ticket, {
      order: record.order,
      tableNames,
      roundNumber: roundNumber.get(ticket.roundId) ?? 0,
      items: itemsByTicket.get(ticket.id) ?? [],
    }),
  );
}
