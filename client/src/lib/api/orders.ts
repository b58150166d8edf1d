import {
  FloorSnapshotView,
  OrderView,
  TolerantCatchUpView,
  type FloorSnapshotView as FloorSnapshot,
  type ItemsServedInput,
  type ItemVoidInput,
  type OrderJoinInput,
  type OrderMoveInput,
  type OrderOpenInput,
  type OrderPatch,
  type OrderView as Order,
  type RoundInput,
} from '@smartket/shared';
import type { z } from 'zod';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant';

function branchPath(branchId: string, rest: string): string {
  return `${BASE}/branches/${encodeURIComponent(branchId)}/${rest}`;
}

function orderPath(orderId: string, rest = ''): string {
  return `${BASE}/orders/${encodeURIComponent(orderId)}${rest}`;
}

/** Input types as the client writes them: zod defaults may be left out. */
export type NewOrder = z.input<typeof OrderOpenInput>;
export type NewRound = z.input<typeof RoundInput>;

/** The live orders of a branch and the floor sequence they are current to. */
export function fetchFloor(branchId: string, options?: RequestOptions): Promise<FloorSnapshot> {
  return api.get(branchPath(branchId, 'floor'), FloorSnapshotView, options);
}

/**
 * What the floor stream of a branch had after `after`, in order — or `snapshotRequired` when
 * this client is too far behind and must load the floor again.
 */
export function fetchFloorEvents(
  branchId: string,
  after: number,
  options?: RequestOptions,
): Promise<TolerantCatchUpView> {
  return api.get(branchPath(branchId, `floor/events?after=${after}`), TolerantCatchUpView, options);
}

/**
 * Opens a table, a takeaway or a delivery order. The id is the device's: sending the same
 * order again (a lost response, the outbox after a drop) answers with the order as it is now.
 */
export function openOrder(input: NewOrder, options?: RequestOptions): Promise<Order> {
  return api.post(`${BASE}/orders`, input, OrderView, options);
}

/** Corrects the guests (dine-in) or the customer (takeaway, delivery), or the order's note. */
export function patchOrder(orderId: string, patch: OrderPatch, options?: RequestOptions): Promise<Order> {
  return api.patch(orderPath(orderId), patch, OrderView, options);
}

/** "Enviar a cocina": one round, split by the server into one ticket per station. Idempotent on the round id. */
export function sendRound(orderId: string, round: NewRound, options?: RequestOptions): Promise<Order> {
  return api.post(orderPath(orderId, '/rounds'), round, OrderView, options);
}

/** Voids an item already sent (needs `orders.void_item`); the reason is audited. */
export function voidItem(
  orderId: string,
  itemId: string,
  input: ItemVoidInput,
  options?: RequestOptions,
): Promise<Order> {
  return api.post(orderPath(orderId, `/items/${encodeURIComponent(itemId)}/void`), input, OrderView, options);
}

/** Marks ready items as brought to the table; items already served are skipped. */
export function serveItems(
  orderId: string,
  input: ItemsServedInput,
  options?: RequestOptions,
): Promise<Order> {
  return api.post(orderPath(orderId, '/served'), input, OrderView, options);
}

/** "Pedir cuenta": the table shows "cuenta pedida". Asking twice changes nothing. */
export function requestBill(orderId: string, options?: RequestOptions): Promise<Order> {
  return api.post(orderPath(orderId, '/request-bill'), {}, OrderView, options);
}

/** Moves a dine-in order to a free table; its tables are released. */
export function moveOrder(orderId: string, input: OrderMoveInput, options?: RequestOptions): Promise<Order> {
  return api.post(orderPath(orderId, '/move'), input, OrderView, options);
}

/** Joins a table to a dine-in order; a table with its own open order has that order merged in. */
export function joinTable(orderId: string, input: OrderJoinInput, options?: RequestOptions): Promise<Order> {
  return api.post(orderPath(orderId, '/tables'), input, OrderView, options);
}

/** Cancels an order that has nothing standing (every item voided, or none sent); its tables are freed. */
export function cancelOrder(orderId: string, options?: RequestOptions): Promise<Order> {
  return api.post(orderPath(orderId, '/cancel'), {}, OrderView, options);
}
