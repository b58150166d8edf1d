import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { TicketView } from '@smartket/shared';
import { Order } from '../orders/order.entity.ts';
import { presentOrderTickets } from '../orders/orders.presenter.ts';
import { loadOrderRecords } from '../orders/orders.repository.ts';
import { KitchenTicket } from './kitchen-ticket.entity.ts';

/** How many bumped tickets the kitchen keeps at hand for a recall. */
export const RECALLABLE_TICKETS = 10;
/** A ticket bumped longer ago than this is not offered for recall any more. */
export const RECALL_WINDOW_HOURS = 12;

/**
 * The tickets a kitchen screen shows: those not bumped yet, oldest first, and the last bumped
 * ones (newest first) it may recall. Two queries on the partial indexes of `kitchen_tickets`.
 */
export async function findKitchenTickets(
  em: EntityManager,
  branchId: string,
  now: Date,
): Promise<{ onScreen: KitchenTicket[]; recentlyBumped: KitchenTicket[] }> {
  const onScreen = await em.find(
    KitchenTicket,
    { branchId, status: { $ne: 'ready' } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const recentlyBumped = await em.find(
    KitchenTicket,
    {
      branchId,
      status: 'ready',
      readyAt: { $gte: new Date(now.getTime() - RECALL_WINDOW_HOURS * 3_600_000) },
    },
    { orderBy: { readyAt: 'desc', id: 'asc' }, limit: RECALLABLE_TICKETS },
  );
  return { onScreen, recentlyBumped };
}

/**
 * Inside a transaction: the ticket locked `FOR UPDATE` (null when unknown), so two taps
 * on one ticket at once are applied one after the other, the second seeing the first.
 */
export function lockTicket(tx: EntityManager, ticketId: string): Promise<KitchenTicket | null> {
  return tx.findOne(KitchenTicket, { id: ticketId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/**
 * The views of `tickets`, in the same order, with their orders (tables, rounds, items) read in
 * bulk through the orders module: five queries however many tickets a Friday night puts up.
 */
export async function loadTicketViews(
  em: EntityManager,
  tickets: readonly KitchenTicket[],
): Promise<TicketView[]> {
  if (tickets.length === 0) {
    return [];
  }
  const orders = await em.find(Order, { id: { $in: [...new Set(tickets.map((ticket) => ticket.orderId))] } });
  const ticketsByOrder = Map.groupBy(tickets, (ticket) => ticket.orderId);
  const views = new Map<string, TicketView>();
  for (const record of await loadOrderRecords(em, orders)) {
    for (const view of presentOrderTickets(record, ticketsByOrder.get(record.order.id) ?? [])) {
      views.set(view.id, view);
    }
  }
  return tickets.map((ticket) => {
    const view = views.get(ticket.id);
    if (!view) {
      throw new Error(`ticket ${ticket.id} has lost its order`);
    }
    return view;
  });
}
