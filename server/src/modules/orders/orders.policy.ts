import {
  formatPen,
  LIVE_ORDER_STATUSES,
  MAX_BILL_CENTS,
  type FieldIssue,
  type OrderPatch,
  type OrderStatus,
  type OrderWaiterView,
  type RoundInput,
} from '@smartket/shared';
import { AppError, fieldError, forbidden } from '../../lib/errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { DiningTable } from '../branches/dining-table.entity.ts';
import type { OrderItem } from './order-item.entity.ts';
import type { Order } from './order.entity.ts';

/** Whether the order is still on the floor (its tables taken): open or waiting for its bill. */
export function isLive(order: { status: OrderStatus }): boolean {
  return (LIVE_ORDER_STATUSES as readonly OrderStatus[]).includes(order.status);
}

/**
 * Refuses a round or a join that would take the bill past `MAX_BILL_CENTS`: 422 naming `field`.
 * `items` are every dish the order would then have, voided ones included (they cost nothing).
 */
export function assertBillWithinLimit(
  items: readonly Pick<OrderItem, 'status' | 'quantity' | 'unitPriceCents'>[],
  field: string,
): void {
  const billCents = items
    .filter((item) => item.status !== 'voided')
    .reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  if (billCents > MAX_BILL_CENTS) {
    throw fieldError(field, 'bill_too_large', 'The bill would come to more than one charge may take', {
      max: formatPen(MAX_BILL_CENTS),
    });
  }
}

/** Refuses a change to an order that left the floor (paid, cancelled, merged): 409 ORDER_CLOSED. */
export function assertLive(order: Order): void {
  if (!isLive(order)) {
    throw new AppError('ORDER_CLOSED', 409, `The order is ${order.status}`, {
      details: { orderId: order.id, status: order.status, mergedIntoId: order.mergedIntoId ?? null },
    });
  }
}

/**
 * Refuses a change to what an order costs, or to where it sits, once part of it is paid: 409
 * ORDER_PAYING. The parts still to charge are worked out from the bill as it was when the first
 * was paid, so rounds, voids, discounts, moves, joins and cancelling wait until it is settled
 * (or its sales voided). Serving dishes and asking for the bill never touch the money.
 */
export function assertNotPaying(order: Order): void {
  if (order.paidCents > 0) {
    throw new AppError('ORDER_PAYING', 409, 'Part of this order is already paid', {
      details: { orderId: order.id, paidCents: order.paidCents },
    });
  }
}

/** Refuses moving or joining tables for a takeaway or delivery order. */
export function assertDineIn(order: Order): void {
  if (order.type !== 'dine_in') {
    throw new AppError('CONFLICT', 409, 'Only a dine-in order sits at tables', {
      details: { orderId: order.id, type: order.type },
    });
  }
}

/**
 * Who an order opened by `actor` belongs to: the staff member signed in with their PIN, or the
 * owner or admin. A kitchen screen has no `orders.create`; it never gets this far.
 */
export function waiterOf(actor: Actor): OrderWaiterView {
  if (actor.kind === 'device') {
    throw forbidden('A kitchen screen does not take orders');
  }
  return { kind: actor.kind, id: actor.id, name: actor.name };
}

/** A table an order may sit at: one of the order's branch, in use (422 naming `tableId`). */
export function assertTableUsable(table: DiningTable | null, branchId: string): asserts table is DiningTable {
  if (!table || table.branchId !== branchId) {
    throw fieldError('tableId', 'unknown_reference', 'No such table in this branch');
  }
  if (!table.active) {
    throw fieldError('tableId', 'unavailable', 'This table is not in use');
  }
}

/** 409 TABLE_OCCUPIED: another live order holds the table; the client may offer to open that one. */
export function tableOccupied(orderId: string): AppError {
  return new AppError('TABLE_OCCUPIED', 409, 'Another order holds this table', { details: { orderId } });
}

/**
 * What a waiter may correct on an order: the guests of a table, the customer of a takeaway or
 * delivery (a delivery keeps its phone and address). Every field at fault is named at once.
 */
export function assertPatchFits(order: Order, patch: OrderPatch): void {
  const fields: Record<string, FieldIssue> = {};
  if (patch.guests !== undefined && order.type !== 'dine_in') {
    fields.guests = { code: 'invalid_value', message: 'Only dine-in orders count guests' };
  }
  if (patch.customer !== undefined) {
    if (order.type === 'dine_in') {
      fields.customer = { code: 'invalid_value', message: 'A dine-in order has no customer' };
    } else if (order.type === 'delivery') {
      if (!patch.customer.phone) {
        fields['customer.phone'] = { code: 'required', message: 'A delivery needs a phone number' };
      }
      if (!patch.customer.address) {
        fields['customer.address'] = { code: 'required', message: 'A delivery needs an address' };
      }
    }
  }
  const names = Object.keys(fields);
  if (names.length > 0) {
    throw new AppError('VALIDATION_FAILED', 422, `Invalid fields: ${names.join(', ')}`, { fields });
  }
}

/** An order is cancelled only when it holds nothing to pay: every item it has is voided. */
export function assertCancellable(order: Order, items: readonly OrderItem[]): void {
  const standing = items.filter((item) => item.status !== 'voided');
  if (standing.length > 0) {
    throw new AppError('CONFLICT', 409, 'Void its items before cancelling the order', {
      details: { orderId: order.id, standingItemIds: standing.map((item) => item.id) },
    });
  }
}

/**
 * The items `itemIds` names, in its order, among `items` (an order's, a ticket's): an id that is
 * not one of them is a 422 naming `itemIds.N` with `missing` — never an item of another order.
 */
export function namedItems<Item extends { id: string }>(
  items: readonly Item[],
  itemIds: readonly string[],
  missing: string,
): Item[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return itemIds.map((itemId, index) => {
    const item = byId.get(itemId);
    if (!item) {
      throw fieldError(`itemIds.${index}`, 'unknown_reference', missing);
    }
    return item;
  });
}

/**
 * The items named to be served: each must be an item of the order (422 naming `itemIds.N`), and
 * ready or already served (409 ITEM_NOT_READY naming the others). Answers those to serve now.
 */
export function itemsToServe(items: readonly OrderItem[], itemIds: readonly string[]): OrderItem[] {
  const named = namedItems(items, itemIds, 'No such item in this order');
  const notReady = named.filter((item) => item.status !== 'ready' && item.status !== 'served');
  if (notReady.length > 0) {
    throw new AppError('ITEM_NOT_READY', 409, 'Only ready items can be served', {
      details: {
        itemIds: notReady.map((item) => item.id),
        items: notReady.map((item) => ({ id: item.id, name: item.name, status: item.status })),
      },
    });
  }
  return [...new Set(named.filter((item) => item.status === 'ready'))];
}

/**
 * Whether a round sent again with an id that exists is the same round — the same dishes, with
 * the same quantities, options and notes, under the same item ids — and so a retry to answer as
 * done. The same id with anything else is another round the device mixed up, never to be
 * answered 200 with its dishes left out.
 */
export function isSameRound(input: RoundInput, sent: readonly OrderItem[]): boolean {
  const byId = new Map(sent.map((item) => [item.id, item]));
  return (
    sent.length === input.items.length &&
    input.items.every((wanted) => {
      const item = byId.get(wanted.id);
      const optionIds = new Set(item?.options.map((option) => option.optionId));
      return (
        item !== undefined &&
        item.productId === wanted.productId &&
        item.quantity === wanted.quantity &&
        (item.note ?? null) === wanted.note &&
        optionIds.size === wanted.optionIds.length &&
        wanted.optionIds.every((optionId) => optionIds.has(optionId))
      );
    })
  );
}
