import type { EntityManager } from '@mikro-orm/core';
import type {
  BranchEvent,
  KitchenSnapshotView,
  KitchenTimingPatch,
  KitchenTimingView,
  TicketAdvanceInput,
  TicketView,
} from '@smartket/shared';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertReachesBranch, type Actor } from '../auth/actor.ts';
import { appendBranchEvents, readBranchSnapshot } from '../branch-log/branch-log.service.ts';
import { findBranch } from '../branches/branches.service.ts';
import type { OrderItem } from '../orders/order-item.entity.ts';
import type { Order } from '../orders/order.entity.ts';
import { orderUpdated } from '../orders/orders.events.ts';
import { namedItems } from '../orders/orders.policy.ts';
import { presentOrder, presentOrderTickets } from '../orders/orders.presenter.ts';
import { loadOrderRecord, lockOrder } from '../orders/orders.repository.ts';
import { KitchenTicket } from './kitchen-ticket.entity.ts';
import { presentKitchenTiming } from './kitchen.presenter.ts';
import { advanceItem, canRecall, recallTicket, settleTicket } from './kitchen.policy.ts';
import { findKitchenTickets, loadTicketViews, lockTicket } from './kitchen.repository.ts';

/** A ticket after a kitchen tap, and the events to broadcast once the change committed. */
export interface TicketChange {
  ticket: TicketView;
  events: BranchEvent[];
}

/**
 * What a kitchen screen loads: the tickets on it (oldest first), the last bumped ones it may
 * recall (newest first) and the branch's timing, with the kitchen stream's sequence they are
 * current to. A constant number of queries, however busy the night is.
 */
export async function loadKitchenSnapshot(
  em: EntityManager,
  branchId: string,
  now: Date,
): Promise<KitchenSnapshotView> {
  const { seq, data } = await readBranchSnapshot(em, branchId, 'kitchen', async (tx) => {
    const branch = await findBranch(tx, branchId);
    const { onScreen, recentlyBumped } = await findKitchenTickets(tx, branchId, now);
    const views = await loadTicketViews(tx, [...onScreen, ...recentlyBumped]);
    return {
      timing: presentKitchenTiming(branch),
      tickets: views.slice(0, onScreen.length),
      recentlyBumped: views.slice(onScreen.length),
    };
  });
  return { branchId, seq, ...data };
}

/**
 * A kitchen tap: the named items — or every item still standing — move forward to `input.to`,
 * and the ticket follows them (bumped once every standing item is ready). Items already there
 * or further on are left alone, so a double tap changes nothing and logs nothing.
 */
export function advanceTicket(
  em: EntityManager,
  actor: Actor,
  ticketId: string,
  input: TicketAdvanceInput,
  now: Date,
): Promise<TicketChange> {
  return changeTicket(em, actor, ticketId, now, (ticket, items) => {
    const chosen = input.itemIds ? namedItems(items, input.itemIds, 'No such item on this ticket') : items;
    const advanced = chosen.filter((item) => advanceItem(item, input.to, now));
    const settled = settleTicket(ticket, items, now);
    return advanced.length > 0 || settled;
  });
}

/**
 * Brings a bumped ticket back to the screen (a cook bumped it too early): preparing again, its
 * ready dishes too. Recalling a ticket that is already back on the screen after a recall
 * answers it as it is (a double tap); one that was never bumped, or whose dishes were all
 * served or voided, cannot be recalled (409 CONFLICT).
 */
export function recallBumpedTicket(
  em: EntityManager,
  actor: Actor,
  ticketId: string,
  now: Date,
): Promise<TicketChange> {
  return changeTicket(em, actor, ticketId, now, (ticket, items) => {
    if (canRecall(ticket, items)) {
      recallTicket(ticket, items, now);
      return true;
    }
    if (ticket.status !== 'ready' && ticket.recalledAt) {
      return false;
    }
    const message =
      ticket.status === 'ready'
        ? 'Every dish of this ticket was served or voided'
        : 'Only a bumped ticket can be recalled';
    throw new AppError('CONFLICT', 409, message, { details: { ticketId: ticket.id, status: ticket.status } });
  });
}

/** A change of a branch's kitchen timing, with the event that tells its open screens. */
export interface TimingChange {
  timing: KitchenTimingView;
  events: BranchEvent[];
}

/**
 * Sets when a branch's tickets turn amber and red on its kitchen screens, and tells the open
 * ones through the branch log (nothing is logged when the minutes did not change).
 */
export async function updateKitchenTiming(
  em: EntityManager,
  branchId: string,
  patch: KitchenTimingPatch,
  now: Date,
): Promise<TimingChange> {
  return em.transactional(async (tx) => {
    const branch = await findBranch(tx, branchId);
    const unchanged =
      branch.kitchenWarnMinutes === patch.warnMinutes && branch.kitchenLateMinutes === patch.lateMinutes;
    branch.kitchenWarnMinutes = patch.warnMinutes;
    branch.kitchenLateMinutes = patch.lateMinutes;
    await tx.flush();
    const timing = presentKitchenTiming(branch);
    if (unchanged) {
      return { timing, events: [] };
    }
    const events = await appendBranchEvents(
      tx,
      branchId,
      [{ type: 'kitchen.timing', payload: { timing } }],
      now,
    );
    return { timing, events };
  });
}

/** How many times a tap retries when the ticket moved to another order while it waited (a join). */
const MOVED_TICKET_RETRIES = 3;

/**
 * Runs `change` on a ticket and its items in one transaction, with the order and then the
 * ticket locked `FOR UPDATE` — the order first, like every change of an order, so a waiter's
 * void or "servido" and a kitchen tap on the same dish are applied one after the other, and two
 * cooks tapping two dishes of one ticket at once both count. When `change` changed anything,
 * the order's and the ticket's new views are appended to the branch log in the same transaction.
 */
async function changeTicket(
  em: EntityManager,
  actor: Actor,
  ticketId: string,
  now: Date,
  change: (ticket: KitchenTicket, items: OrderItem[]) => boolean,
): Promise<TicketChange> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await em.transactional(async (tx): Promise<TicketChange | 'moved'> => {
      const locked = await lockTicketWithOrder(tx, actor, ticketId);
      if (locked === 'moved') {
        return 'moved';
      }
      const { order, ticket } = locked;
      // The order's record holds the ticket's items: read once, fresh, now that both are locked.
      const record = await loadOrderRecord(tx, order, { refresh: true });
      const changed = change(
        ticket,
        record.items.filter((item) => item.ticketId === ticket.id),
      );
      await tx.flush();
      const [view] = presentOrderTickets(record, [ticket]);
      if (!changed) {
        return { ticket: view!, events: [] };
      }
      const events = await appendBranchEvents(
        tx,
        ticket.branchId,
        orderUpdated(presentOrder(record), [view!]),
        now,
      );
      return { ticket: view!, events };
    });
    if (outcome !== 'moved') {
      return outcome;
    }
    if (attempt === MOVED_TICKET_RETRIES) {
      throw new AppError('CONFLICT', 409, 'The ticket keeps moving between orders; try again');
    }
  }
}

/**
 * Locks the ticket's order, then the ticket. A branch-bound actor (a kitchen screen, a cook)
 * gets the same 404 for another branch's ticket as for an unknown one. 'moved' when the ticket
 * changed orders (its table was joined to another) while this request waited for the lock.
 */
async function lockTicketWithOrder(
  tx: EntityManager,
  actor: Actor,
  ticketId: string,
): Promise<{ order: Order; ticket: KitchenTicket } | 'moved'> {
  const seen = await tx.findOne(KitchenTicket, { id: ticketId });
  if (!seen) {
    throw notFound('Ticket');
  }
  assertReachesBranch(actor, seen.branchId, 'Ticket');
  const order = await lockOrder(tx, seen.orderId);
  const ticket = await lockTicket(tx, ticketId);
  if (!order || !ticket) {
    throw notFound('Ticket');
  }
  return ticket.orderId === order.id ? { order, ticket } : 'moved';
}
