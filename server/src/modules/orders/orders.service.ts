import { LockMode, type EntityManager } from '@mikro-orm/core';
import type {
  BranchEvent,
  FloorSnapshotView,
  ItemsServedInput,
  ItemVoidInput,
  OrderDiscountInput,
  OrderOpenInput,
  OrderPatch,
  OrderView,
  RoundInput,
} from '@smartket/shared';
import { businessDay } from '../../lib/business-day.ts';
import { AppError, fieldError, notFound, violatedIndex } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertReachesBranch, type Actor } from '../auth/actor.ts';
import {
  appendBranchEvents,
  nextOrderNumber,
  readBranchSnapshot,
  type PendingBranchEvent,
} from '../branch-log/branch-log.service.ts';
import { DiningTable } from '../branches/dining-table.entity.ts';
import { findBranch, readBranchForShare } from '../branches/branches.service.ts';
import { KitchenTicket } from '../kitchen/kitchen-ticket.entity.ts';
import { orderLabel } from '../kitchen/kitchen-ticket.presenter.ts';
import { settleTicket } from '../kitchen/kitchen.policy.ts';
import { OrderDiscount } from './order-discount.entity.ts';
import { OrderItem } from './order-item.entity.ts';
import { OrderRound } from './order-round.entity.ts';
import { OrderTable } from './order-table.entity.ts';
import { Order } from './order.entity.ts';
import { orderClosed, orderOpened, orderUpdated, ordersMerged, roundSent } from './orders.events.ts';
import {
  assertBillWithinLimit,
  assertCancellable,
  assertDineIn,
  assertLive,
  assertNotPaying,
  assertPatchFits,
  assertTableUsable,
  isLive,
  isSameRound,
  itemsToServe,
  tableOccupied,
  waiterOf,
} from './orders.policy.ts';
import { presentOrder, presentOrderTickets } from './orders.presenter.ts';
import { priceRound } from './orders.pricing.ts';
import {
  findExistingItemIds,
  findLiveOrders,
  findOrderTickets,
  findTableHolder,
  findTablesEverHeld,
  lastRoundNumber,
  loadOrderRecord,
  loadOrderRecords,
  loadRoundMenu,
  lockOrder,
  lockOrders,
  queueOnBranchLog,
  type OrderRecord,
} from './orders.repository.ts';

/** Who changes an order, when, and through which tenant database. */
export interface OrderContext {
  em: EntityManager;
  actor: Actor;
  now: Date;
}

/** An order after a change, and the branch-log events to broadcast once it committed. */
export interface OrderChange {
  order: OrderView;
  events: BranchEvent[];
  /**
   * False when the request changed nothing: a repeated open or round (same client id), or an
   * action already done (bill already asked, items already served). Opens and rounds answer
   * 200 instead of 201 then.
   */
  created: boolean;
}

const ORDER_ID_INDEX = 'orders_pkey';
const ROUND_ID_INDEX = 'order_rounds_pkey';
const ITEM_ID_INDEX = 'order_items_pkey';
const LIVE_TABLE_INDEX = 'order_tables_live_table_unique';

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * The floor of a branch: its live orders, oldest first, with their tables, rounds and items, and
 * the floor sequence they are current to. A constant number of queries however busy the night.
 */
export async function loadFloorSnapshot(
  em: EntityManager,
  actor: Actor,
  branchId: string,
): Promise<FloorSnapshotView> {
  assertReachesBranch(actor, branchId);
  const { seq, data } = await readBranchSnapshot(em, branchId, 'floor', async (tx) => {
    await findBranch(tx, branchId);
    const records = await loadOrderRecords(tx, await findLiveOrders(tx, branchId));
    return records.map(presentOrder);
  });
  return { branchId, seq, orders: data };
}

// ---------------------------------------------------------------------------------------------
// Opening

/**
 * Opens a table, takeaway or delivery order with the device's id. The same id again answers the
 * order as it is now (a retry, or an outbox sent twice — even two copies racing each other);
 * the same id for another branch, type or table is a 409 CONFLICT. A table held by another live
 * order is a 409 TABLE_OCCUPIED naming that order. The order is numbered within the branch's
 * business day, in its own time zone.
 */
export async function openOrder(context: OrderContext, input: OrderOpenInput): Promise<OrderChange> {
  const { em, actor, now } = context;
  assertReachesBranch(actor, input.branchId);
  const waiter = waiterOf(actor);
  try {
    return await em.transactional(async (tx): Promise<OrderChange> => {
      const earlier = await tx.findOne(Order, { id: input.id });
      if (earlier) {
        return unchanged(await repeatedOpen(tx, earlier, input));
      }
      const branch = await readBranchForShare(tx, input.branchId);
      if (!branch.active) {
        throw fieldError('branchId', 'unavailable', 'This branch is closed');
      }
      const table = input.tableId ? await findUsableTable(tx, branch.id, input.tableId) : null;
      // Opens of a branch queue here; a copy of this request that got here first has committed.
      await queueOnBranchLog(tx, branch.id);
      const raced = await tx.findOne(Order, { id: input.id });
      if (raced) {
        return unchanged(await repeatedOpen(tx, raced, input));
      }
      if (table) {
        await assertTableFree(tx, table.id);
      }
      const day = businessDay(now, branch.timezone);
      const order = tx.create(Order, {
        id: input.id,
        branchId: branch.id,
        businessDay: day,
        number: await nextOrderNumber(tx, branch.id, day),
        type: input.type,
        status: 'open',
        guests: input.type === 'dine_in' ? input.guests : null,
        customerName: input.customer?.name ?? null,
        customerPhone: input.customer?.phone ?? null,
        customerAddress: input.customer?.address ?? null,
        note: input.note,
        waiterKind: waiter.kind,
        waiterId: waiter.id,
        waiterName: waiter.name,
        deviceId: actor.device?.id ?? null,
        openedAt: now,
        billRequestedAt: null,
        closedAt: null,
        mergedIntoId: null,
      });
      await tx.flush();
      if (table) {
        tx.create(OrderTable, {
          orderId: order.id,
          tableId: table.id,
          position: 0,
          joinedAt: now,
          releasedAt: null,
        });
        await tx.flush();
      }
      const tables = table ? [{ tableId: table.id, name: table.name, position: 0 }] : [];
      const view = presentOrder({ order, tables, rounds: [], items: [], discounts: [] });
      return changed(view, await appendBranchEvents(tx, branch.id, orderOpened(view), now));
    });
  } catch (error) {
    const index = violatedIndex(error);
    if (index === ORDER_ID_INDEX) {
      // A copy of this request for another branch committed first.
      const fresh = em.fork();
      const earlier = await fresh.findOne(Order, { id: input.id });
      if (earlier) {
        return unchanged(await repeatedOpen(fresh, earlier, input));
      }
    }
    if (index === LIVE_TABLE_INDEX && input.tableId) {
      const holder = await findTableHolder(em.fork(), input.tableId);
      if (holder) {
        throw tableOccupied(holder);
      }
    }
    throw error;
  }
}

/**
 * The answer to an open whose id exists: the order as it is now when the request is the same
 * (its branch, type, and a table it sat at), else 409 CONFLICT.
 */
async function repeatedOpen(em: EntityManager, earlier: Order, input: OrderOpenInput): Promise<OrderView> {
  const sameTable =
    input.tableId === null ||
    (await findTablesEverHeld(em, earlier.id)).some((table) => table.tableId === input.tableId);
  if (earlier.branchId !== input.branchId || earlier.type !== input.type || !sameTable) {
    throw new AppError('CONFLICT', 409, 'This order id belongs to another order', {
      details: { orderId: earlier.id },
    });
  }
  return presentOrder(await loadOrderRecord(em, earlier));
}

// ---------------------------------------------------------------------------------------------
// Rounds

/**
 * "Enviar a cocina": the round's items priced with the menu as it is now, split into one kitchen
 * ticket per station. The order stays locked until commit, so two waiters sending at once both
 * get their round in (numbered 1 and 2). The same round id again answers the order as it is; a
 * round id or item id another order has is a 409 CONFLICT. Asking for the bill is undone: the
 * table is eating again.
 */
export async function sendRound(
  context: OrderContext,
  orderId: string,
  input: RoundInput,
): Promise<OrderChange> {
  const { em, actor, now } = context;
  assertDistinctItemIds(input);
  try {
    return await em.transactional(async (tx): Promise<OrderChange> => {
      const order = await lockReachableOrder(tx, actor, orderId);
      const earlier = await tx.findOne(OrderRound, { id: input.id });
      if (earlier) {
        return unchanged(await repeatedRound(tx, order, earlier, input));
      }
      assertLive(order);
      assertNotPaying(order);
      const menu = await loadRoundMenu(
        tx,
        order.branchId,
        input.items.map((item) => item.productId),
      );
      const priced = priceRound(input.items, menu);
      // Read before the writes: nothing else changes the order's rounds, items or tables while
      // it is locked, so its view after the round is this plus what the round adds.
      const before = await loadOrderRecord(tx, order);
      assertBillWithinLimit(
        [
          ...before.items,
          ...priced.map((item) => ({
            status: 'pending' as const,
            quantity: item.input.quantity,
            unitPriceCents: item.unitPriceCents,
          })),
        ],
        'items',
      );

      const round = tx.create(OrderRound, {
        id: input.id,
        orderId: order.id,
        number: Math.max(0, ...before.rounds.map((sent) => sent.number)) + 1,
        sentAt: now,
        sentById: actor.id,
        sentByName: actor.name,
      });
      await tx.flush();
      const tickets = new Map<string | null, KitchenTicket>();
      for (const { stationId } of priced) {
        if (!tickets.has(stationId)) {
          tickets.set(
            stationId,
            tx.create(KitchenTicket, {
              id: crypto.randomUUID(),
              branchId: order.branchId,
              orderId: order.id,
              roundId: round.id,
              stationId,
              status: 'pending',
              createdAt: now,
              startedAt: null,
              readyAt: null,
              recalledAt: null,
            }),
          );
        }
      }
      await tx.flush();
      const items = priced.map((item, position) =>
        tx.create(OrderItem, {
          id: item.input.id,
          orderId: order.id,
          roundId: round.id,
          ticketId: tickets.get(item.stationId)!.id,
          productId: item.product.id,
          name: item.product.name,
          quantity: item.input.quantity,
          unitPriceCents: item.unitPriceCents,
          options: item.options,
          note: item.input.note,
          stationId: item.stationId,
          position,
          status: 'pending',
          startedAt: null,
          readyAt: null,
          servedAt: null,
          voidedAt: null,
          voidReason: null,
          voidedByName: null,
        }),
      );
      if (order.status === 'bill_requested') {
        order.status = 'open';
        order.billRequestedAt = null;
      }
      order.version += 1;
      await tx.flush();

      const record = { ...before, rounds: [...before.rounds, round], items: [...before.items, ...items] };
      const view = presentOrder(record);
      const events = roundSent(view, presentOrderTickets(record, [...tickets.values()]));
      return changed(view, await appendBranchEvents(tx, order.branchId, events, now));
    });
  } catch (error) {
    const index = violatedIndex(error);
    if (index === ROUND_ID_INDEX) {
      // The same round sent to another order at the same moment.
      const fresh = em.fork();
      const order = await fresh.findOne(Order, { id: orderId });
      const earlier = await fresh.findOne(OrderRound, { id: input.id });
      if (order && earlier) {
        return unchanged(await repeatedRound(fresh, order, earlier, input));
      }
    }
    if (index === ITEM_ID_INDEX) {
      // The items' primary key is the check that their ids are new; this names the taken ones.
      const itemIds = input.items.map((item) => item.id);
      const taken = await findExistingItemIds(em.fork(), itemIds);
      throw itemIdsTaken(taken.size > 0 ? [...taken] : itemIds);
    }
    throw error;
  }
}

/**
 * The answer to a round whose id exists: the order as it is now when the round is this order's
 * (or went with it into the order it was merged into) and has the same items, else 409 CONFLICT.
 */
async function repeatedRound(
  em: EntityManager,
  order: Order,
  earlier: OrderRound,
  input: RoundInput,
): Promise<OrderView> {
  const ours = earlier.orderId === order.id || earlier.orderId === order.mergedIntoId;
  if (!ours) {
    throw new AppError('CONFLICT', 409, 'This round id belongs to another order', {
      details: { roundId: earlier.id },
    });
  }
  if (!isSameRound(input, await em.find(OrderItem, { roundId: earlier.id }))) {
    throw new AppError('CONFLICT', 409, 'This round id was sent before with other items', {
      details: { roundId: earlier.id },
    });
  }
  return presentOrder(await loadOrderRecord(em, order));
}

function assertDistinctItemIds(input: RoundInput): void {
  const seen = new Set<string>();
  input.items.forEach((item, index) => {
    if (seen.has(item.id)) {
      throw fieldError(`items.${index}.id`, 'duplicate', 'Two items of the round have the same id');
    }
    seen.add(item.id);
  });
}

function itemIdsTaken(itemIds: string[]): AppError {
  return new AppError('CONFLICT', 409, 'Some item ids are already used', { details: { itemIds } });
}

// ---------------------------------------------------------------------------------------------
// Items

/**
 * Voids an item already sent, with the reason, in the audit log. Its ticket bumps itself when
 * everything still standing on it is ready (or when nothing is left to cook).
 */
export async function voidItem(
  context: OrderContext,
  orderId: string,
  itemId: string,
  input: ItemVoidInput,
): Promise<OrderChange> {
  const { actor, now } = context;
  return changeLiveOrder(context, orderId, async (tx, order) => {
    const record = await loadOrderRecord(tx, order);
    const item = record.items.find((candidate) => candidate.id === itemId);
    if (!item) {
      throw notFound('Item');
    }
    if (item.status === 'voided') {
      throw new AppError('CONFLICT', 409, 'The item is already voided', {
        details: { itemId: item.id, voidedAt: item.voidedAt?.toISOString() ?? null },
      });
    }
    assertNotPaying(order);
    const before = item.status;
    item.status = 'voided';
    item.voidedAt = now;
    item.voidReason = input.reason;
    item.voidedByName = actor.name;
    order.version += 1;
    const ticket = await tx.findOneOrFail(KitchenTicket, { id: item.ticketId });
    settleTicket(
      ticket,
      record.items.filter((candidate) => candidate.ticketId === ticket.id),
      now,
    );
    recordAudit(
      tx,
      actor,
      {
        action: 'orders.item_voided',
        entity: {
          type: 'order',
          id: order.id,
          label: `${item.quantity}× ${item.name} · ${orderLabel(
            order,
            record.tables.map((table) => table.name),
          )}`,
        },
        before: { itemId: item.id, name: item.name, quantity: item.quantity, status: before },
        after: { itemId: item.id, status: 'voided', reason: input.reason },
        branchId: order.branchId,
      },
      now,
    );
    await tx.flush();
    const view = presentOrder(record);
    const events = orderUpdated(view, presentOrderTickets(record, [ticket]));
    return changed(view, await appendBranchEvents(tx, order.branchId, events, now));
  });
}

/**
 * The waiter brought these dishes to the table. Each must be ready; those already served are
 * skipped, so a double tap changes nothing. Their tickets' views follow (served shows as done).
 */
export async function serveItems(
  context: OrderContext,
  orderId: string,
  input: ItemsServedInput,
): Promise<OrderChange> {
  const { now } = context;
  return changeLiveOrder(context, orderId, async (tx, order) => {
    const record = await loadOrderRecord(tx, order);
    const serving = itemsToServe(record.items, input.itemIds);
    if (serving.length === 0) {
      return unchanged(presentOrder(record));
    }
    for (const item of serving) {
      item.status = 'served';
      item.servedAt = now;
    }
    await tx.flush();
    const tickets = await tx.find(
      KitchenTicket,
      { id: { $in: [...new Set(serving.map((item) => item.ticketId))] } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const view = presentOrder(record);
    const events = orderUpdated(view, presentOrderTickets(record, tickets));
    return changed(view, await appendBranchEvents(tx, order.branchId, events, now));
  });
}

// ---------------------------------------------------------------------------------------------
// The order itself

/** Corrects the guests of a table, or the customer and note of an order. */
export async function patchOrder(
  context: OrderContext,
  orderId: string,
  patch: OrderPatch,
): Promise<OrderChange> {
  const { now } = context;
  return changeLiveOrder(context, orderId, async (tx, order) => {
    assertPatchFits(order, patch);
    const before = editableFields(order);
    const after = {
      guests: patch.guests ?? before.guests,
      customerName: patch.customer ? patch.customer.name : before.customerName,
      customerPhone: patch.customer ? patch.customer.phone : before.customerPhone,
      customerAddress: patch.customer ? patch.customer.address : before.customerAddress,
      note: patch.note !== undefined ? patch.note : before.note,
    };
    if (Object.entries(after).every(([field, value]) => before[field as keyof typeof before] === value)) {
      return unchanged(presentOrder(await loadOrderRecord(tx, order)));
    }
    Object.assign(order, after);
    await tx.flush();
    const record = await loadOrderRecord(tx, order);
    // "Llevar #12 · Juan": a renamed customer renames the tickets on the kitchen screens.
    const renamed = before.customerName !== after.customerName;
    const tickets = renamed ? await findOrderTickets(tx, [order.id], { onScreen: true }) : [];
    const view = presentOrder(record);
    const events = orderUpdated(view, presentOrderTickets(record, tickets));
    return changed(view, await appendBranchEvents(tx, order.branchId, events, now));
  });
}

function editableFields(order: Order) {
  return {
    guests: order.guests ?? null,
    customerName: order.customerName ?? null,
    customerPhone: order.customerPhone ?? null,
    customerAddress: order.customerAddress ?? null,
    note: order.note ?? null,
  };
}

/** "Pedir cuenta": the table waits for its bill. Asking again changes nothing. */
export async function requestBill(context: OrderContext, orderId: string): Promise<OrderChange> {
  const { now } = context;
  return changeLiveOrder(context, orderId, async (tx, order) => {
    if (order.status === 'bill_requested') {
      return unchanged(presentOrder(await loadOrderRecord(tx, order)));
    }
    order.status = 'bill_requested';
    order.billRequestedAt = now;
    await tx.flush();
    const view = presentOrder(await loadOrderRecord(tx, order));
    return changed(view, await appendBranchEvents(tx, order.branchId, orderUpdated(view), now));
  });
}

/**
 * Cancels an order opened by mistake — only while it holds nothing to pay (every item voided).
 * Its tables are free again. Cancelling it again answers it as it is.
 */
export async function cancelOrder(context: OrderContext, orderId: string): Promise<OrderChange> {
  const { em, actor, now } = context;
  return em.transactional(async (tx) => {
    const order = await lockReachableOrder(tx, actor, orderId);
    if (order.status === 'cancelled') {
      return unchanged(presentOrder(await loadOrderRecord(tx, order)));
    }
    assertLive(order);
    assertNotPaying(order);
    assertCancellable(order, await tx.find(OrderItem, { orderId: order.id }));
    await releaseTables(tx, order.id, now);
    order.status = 'cancelled';
    order.closedAt = now;
    await tx.flush();
    const view = presentOrder(await loadOrderRecord(tx, order));
    return changed(view, await appendBranchEvents(tx, order.branchId, orderClosed(order), now));
  });
}

// ---------------------------------------------------------------------------------------------
// Discounts and payments

/**
 * Gives a discount on one standing item (`itemId`) or on the whole order (`itemId` null), with
 * its reason in the audit log; one that target already has is replaced. The same discount again
 * changes nothing. Refused once part of the order is paid (409 ORDER_PAYING).
 */
export async function setDiscount(
  context: OrderContext,
  orderId: string,
  input: OrderDiscountInput,
): Promise<OrderChange> {
  const { actor, now } = context;
  return changeLiveOrder(context, orderId, async (tx, order) => {
    const record = await loadOrderRecord(tx, order);
    const item = input.itemId === null ? null : discountableItem(record.items, input.itemId);
    assertNotPaying(order);
    const earlier = record.discounts.find((discount) => (discount.itemId ?? null) === input.itemId);
    if (earlier && isSameDiscount(earlier, input)) {
      return unchanged(presentOrder(record));
    }
    const before = presentOrder(record);
    const by = discounterOf(actor);
    const fields = { kind: input.kind, value: input.value, reason: input.reason, ...by, createdAt: now };
    if (earlier) {
      Object.assign(earlier, fields);
    } else {
      record.discounts.push(tx.create(OrderDiscount, { orderId: order.id, itemId: input.itemId, ...fields }));
    }
    order.version += 1;
    const view = presentOrder(record);
    recordAudit(
      tx,
      actor,
      {
        action: 'orders.discounted',
        entity: { type: 'order', id: order.id, label: discountLabel(record, item) },
        before: {
          itemId: input.itemId,
          discount: describeDiscount(before, input.itemId),
          totalCents: before.totalCents,
        },
        after: {
          itemId: input.itemId,
          discount: describeDiscount(view, input.itemId),
          totalCents: view.totalCents,
        },
        branchId: order.branchId,
      },
      now,
    );
    await tx.flush();
    return changed(view, await appendBranchEvents(tx, order.branchId, orderUpdated(view), now));
  });
}

/**
 * Takes back the discount of one item (`itemId`), or the order's own (`itemId` null), in the
 * audit log. Taking back one that is not there changes nothing.
 */
export async function removeDiscount(
  context: OrderContext,
  orderId: string,
  itemId: string | null,
): Promise<OrderChange> {
  const { actor, now } = context;
  return changeLiveOrder(context, orderId, async (tx, order) => {
    const record = await loadOrderRecord(tx, order);
    const earlier = record.discounts.find((discount) => (discount.itemId ?? null) === itemId);
    if (!earlier) {
      return unchanged(presentOrder(record));
    }
    assertNotPaying(order);
    const before = presentOrder(record);
    tx.remove(earlier);
    record.discounts = record.discounts.filter((discount) => discount !== earlier);
    order.version += 1;
    const view = presentOrder(record);
    const item = itemId === null ? null : (record.items.find((candidate) => candidate.id === itemId) ?? null);
    recordAudit(
      tx,
      actor,
      {
        action: 'orders.discounted',
        entity: { type: 'order', id: order.id, label: discountLabel(record, item) },
        before: { itemId, discount: describeDiscount(before, itemId), totalCents: before.totalCents },
        after: { itemId, discount: null, totalCents: view.totalCents },
        branchId: order.branchId,
      },
      now,
    );
    await tx.flush();
    return changed(view, await appendBranchEvents(tx, order.branchId, orderUpdated(view), now));
  });
}

/** The item a discount names: one of the order's, not voided (422 naming `itemId` otherwise). */
function discountableItem(items: readonly OrderItem[], itemId: string): OrderItem {
  const item = items.find((candidate) => candidate.id === itemId);
  if (!item) {
    throw fieldError('itemId', 'unknown_reference', 'No such item in this order');
  }
  if (item.status === 'voided') {
    throw fieldError('itemId', 'unavailable', 'This item is voided: it costs nothing');
  }
  return item;
}

function isSameDiscount(discount: OrderDiscount, input: OrderDiscountInput): boolean {
  return discount.kind === input.kind && discount.value === input.value && discount.reason === input.reason;
}

/** Who gave a discount, as the order keeps it. */
function discounterOf(actor: Actor): Pick<OrderDiscount, 'byKind' | 'byId' | 'byName'> {
  return { byKind: actor.kind, byId: actor.id, byName: actor.name };
}

/** "Mesa 4" for the order's discount, "2× Chicha morada · Mesa 4" for an item's. */
function discountLabel(record: OrderRecord, item: OrderItem | null): string {
  const label = orderLabel(
    record.order,
    record.tables.map((table) => table.name),
  );
  return item ? `${item.quantity}× ${item.name} · ${label}` : label;
}

/** A discount of `view` as the audit log keeps it: its kind, value and reason. */
function describeDiscount(view: OrderView, itemId: string | null): Record<string, unknown> | null {
  const discount = view.discounts.find((candidate) => candidate.itemId === itemId);
  return discount ? { kind: discount.kind, value: discount.value, reason: discount.reason } : null;
}

/**
 * A charge (`paidDeltaCents` ≥ 0, nothing for a bill on the house) or a voided sale (< 0)
 * changed what the order of `record` has been paid, inside the caller's transaction with the
 * order locked. A live order's money
 * version goes up; once it is paid in full it is closed and its tables are free. A closed order
 * stays closed when one of its sales is voided (a re-issue is not done here): its paid amount
 * follows, nothing is logged. Answers the events to log.
 */
export async function applyOrderPayment(
  tx: EntityManager,
  record: OrderRecord,
  paidDeltaCents: number,
  now: Date,
): Promise<PendingBranchEvent[]> {
  const { order } = record;
  order.paidCents += paidDeltaCents;
  if (!isLive(order)) {
    await tx.flush();
    return [];
  }
  order.version += 1;
  const view = presentOrder(record);
  if (paidDeltaCents >= 0 && order.paidCents >= view.totalCents) {
    order.status = 'closed';
    order.closedAt = now;
    // Flushes the order with its tables: one UPDATE of the order, however it got paid.
    await releaseTables(tx, order.id, now);
    return orderClosed(order);
  }
  await tx.flush();
  return orderUpdated(view);
}

// ---------------------------------------------------------------------------------------------
// Tables

/**
 * Moves a dine-in order to another table of its branch: every table it holds is released and the
 * new one taken (409 TABLE_OCCUPIED when another order holds it). Its tickets on the kitchen
 * screens take the new table's name.
 */
export async function moveOrder(
  context: OrderContext,
  orderId: string,
  tableId: string,
): Promise<OrderChange> {
  const { em, now } = context;
  return answerTableRace(em, tableId, () =>
    changeLiveOrder(context, orderId, async (tx, order) => {
      assertDineIn(order);
      const table = await findUsableTable(tx, order.branchId, tableId);
      const record = await loadOrderRecord(tx, order);
      if (record.tables.length === 1 && record.tables[0]!.tableId === table.id) {
        return unchanged(presentOrder(record));
      }
      assertNotPaying(order);
      await queueOnBranchLog(tx, order.branchId);
      await assertTableFree(tx, table.id, order.id);
      await releaseTables(tx, order.id, now, table.id);
      await takeTables(tx, order.id, [table.id], now, 0);
      return relabelled(tx, order, now);
    }),
  );
}

/**
 * Joins a table to a dine-in order. A free table is simply added. A table another live order of
 * the branch holds brings that order in: its rounds (numbered after this order's), items, tickets
 * and tables come here, its guests add up, and it ends `merged` into this one.
 */
export async function joinTable(
  context: OrderContext,
  orderId: string,
  tableId: string,
): Promise<OrderChange> {
  const { em, actor, now } = context;
  return answerTableRace(em, tableId, () =>
    em.transactional(async (tx) => {
      const seen = await tx.findOne(Order, { id: orderId });
      if (!seen) {
        throw notFound('Order');
      }
      assertReachesBranch(actor, seen.branchId, 'Order');
      const table = await findUsableTable(tx, seen.branchId, tableId);
      const holderId = await findTableHolder(tx, table.id);
      // Both orders locked in id order: joining A to B and B to A at once cannot deadlock.
      const locked = await lockOrders(tx, holderId ? [orderId, holderId] : [orderId]);
      const order = locked.find((candidate) => candidate.id === orderId)!;
      assertLive(order);
      assertDineIn(order);
      await queueOnBranchLog(tx, order.branchId);
      const holderNow = await findTableHolder(tx, table.id);
      if (holderNow === order.id) {
        return unchanged(presentOrder(await loadOrderRecord(tx, order)));
      }
      assertNotPaying(order);
      if (holderNow !== holderId) {
        throw new AppError('CONFLICT', 409, 'The table changed hands meanwhile; try again', {
          details: { tableId: table.id },
        });
      }
      const absorbed = locked.find((candidate) => candidate.id === holderNow);
      if (!absorbed) {
        const positions = (await findTablesEverHeld(tx, order.id)).map((row) => row.position);
        await takeTables(tx, order.id, [table.id], now, Math.max(-1, ...positions) + 1);
        return relabelled(tx, order, now);
      }
      // The other table's bill is being charged at the till: bringing it here would change both.
      assertNotPaying(absorbed);
      return mergeOrders(tx, order, absorbed, now);
    }),
  );
}

/** Brings `absorbed` into `order`: rounds, items, tickets, tables and guests. */
async function mergeOrders(
  tx: EntityManager,
  order: Order,
  absorbed: Order,
  now: Date,
): Promise<OrderChange> {
  const from = await loadOrderRecord(tx, absorbed);
  assertBillWithinLimit([...(await tx.find(OrderItem, { orderId: order.id })), ...from.items], 'tableId');
  let number = await lastRoundNumber(tx, order.id);
  for (const round of [...from.rounds].sort((a, b) => a.number - b.number)) {
    number += 1;
    round.orderId = order.id;
    round.number = number;
  }
  for (const item of from.items) {
    item.orderId = order.id;
  }
  for (const ticket of await findOrderTickets(tx, [absorbed.id])) {
    ticket.orderId = order.id;
  }
  const positions = (await findTablesEverHeld(tx, order.id)).map((row) => row.position);
  await releaseTables(tx, absorbed.id, now);
  await takeTables(
    tx,
    order.id,
    from.tables.map((table) => table.tableId),
    now,
    Math.max(-1, ...positions) + 1,
  );
  if (absorbed.guests) {
    order.guests = (order.guests ?? 0) + absorbed.guests;
  }
  // Dishes still to pay came in: the bill asked for before no longer covers the table.
  if (order.status === 'bill_requested' && from.items.some((item) => item.status !== 'voided')) {
    order.status = 'open';
    order.billRequestedAt = null;
  }
  absorbed.status = 'merged';
  absorbed.mergedIntoId = order.id;
  absorbed.closedAt = now;
  // Both bills changed: a charge either till prepared meanwhile is refused (ORDER_CHANGED).
  order.version += 1;
  absorbed.version += 1;
  await tx.flush();

  const record = await loadOrderRecord(tx, order);
  const view = presentOrder(record);
  const tickets = presentOrderTickets(record, await findOrderTickets(tx, [order.id], { onScreen: true }));
  return changed(
    view,
    await appendBranchEvents(tx, order.branchId, ordersMerged(view, absorbed, tickets), now),
  );
}

/** After the order's tables changed: its new view, and its tickets on screen with the new label. */
async function relabelled(tx: EntityManager, order: Order, now: Date): Promise<OrderChange> {
  await tx.flush();
  const record = await loadOrderRecord(tx, order);
  const view = presentOrder(record);
  const tickets = presentOrderTickets(record, await findOrderTickets(tx, [order.id], { onScreen: true }));
  return changed(view, await appendBranchEvents(tx, order.branchId, orderUpdated(view, tickets), now));
}

/** A table of the branch, in use (422 naming `tableId` otherwise). */
async function findUsableTable(tx: EntityManager, branchId: string, tableId: string): Promise<DiningTable> {
  // Shared lock: the owner retiring this table meanwhile waits for the order (see updateTable).
  const table = await tx.findOne(DiningTable, { id: tableId }, { lockMode: LockMode.PESSIMISTIC_READ });
  assertTableUsable(table, branchId);
  return table;
}

/** 409 TABLE_OCCUPIED when a live order other than `exceptOrderId` holds the table. */
async function assertTableFree(tx: EntityManager, tableId: string, exceptOrderId?: string): Promise<void> {
  const holder = await findTableHolder(tx, tableId);
  if (holder && holder !== exceptOrderId) {
    throw tableOccupied(holder);
  }
}

/** Releases every table the order holds, except `keepTableId`; flushed, so the tables are free. */
async function releaseTables(
  tx: EntityManager,
  orderId: string,
  now: Date,
  keepTableId?: string,
): Promise<void> {
  const held = await tx.find(OrderTable, { orderId, releasedAt: null });
  for (const row of held) {
    if (row.tableId !== keepTableId) {
      row.releasedAt = now;
    }
  }
  await tx.flush();
}

/**
 * The order takes `tableIds` from `position` on. A table it sat at before (moved away, then
 * back) gets its row back; one it holds already only takes its new place.
 */
async function takeTables(
  tx: EntityManager,
  orderId: string,
  tableIds: readonly string[],
  now: Date,
  position: number,
): Promise<void> {
  const rows = new Map((await tx.find(OrderTable, { orderId })).map((row) => [row.tableId, row]));
  tableIds.forEach((tableId, offset) => {
    const row = rows.get(tableId);
    if (!row) {
      tx.create(OrderTable, {
        orderId,
        tableId,
        position: position + offset,
        joinedAt: now,
        releasedAt: null,
      });
      return;
    }
    row.position = position + offset;
    if (row.releasedAt) {
      row.releasedAt = null;
      row.joinedAt = now;
    }
  });
  await tx.flush();
}

/**
 * Runs a change that takes a table. Its check runs while the branch's writes queue, so the
 * live-table index should never stop it; if it does, the answer is the check's own.
 */
async function answerTableRace(
  em: EntityManager,
  tableId: string,
  work: () => Promise<OrderChange>,
): Promise<OrderChange> {
  try {
    return await work();
  } catch (error) {
    if (violatedIndex(error) === LIVE_TABLE_INDEX) {
      const holder = await findTableHolder(em.fork(), tableId);
      if (holder) {
        throw tableOccupied(holder);
      }
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Inside a transaction: the order locked until commit. A branch-bound actor (a waiter, a
 * cashier) gets the same 404 for another branch's order as for an unknown one.
 */
async function lockReachableOrder(tx: EntityManager, actor: Actor, orderId: string): Promise<Order> {
  const order = await lockOrder(tx, orderId);
  if (!order) {
    throw notFound('Order');
  }
  assertReachesBranch(actor, order.branchId, 'Order');
  return order;
}

/**
 * Runs `change` in one transaction on the order, locked until commit and still on the floor
 * (409 ORDER_CLOSED otherwise): how every change a waiter makes to a live order starts.
 */
function changeLiveOrder(
  context: OrderContext,
  orderId: string,
  change: (tx: EntityManager, order: Order) => Promise<OrderChange>,
): Promise<OrderChange> {
  return context.em.transactional(async (tx) => {
    const order = await lockReachableOrder(tx, context.actor, orderId);
    assertLive(order);
    return change(tx, order);
  });
}

function changed(order: OrderView, events: BranchEvent[]): OrderChange {
  return { order, events, created: true };
}

function unchanged(order: OrderView): OrderChange {
  return { order, events: [], created: false };
}
