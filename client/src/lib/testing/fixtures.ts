/**
 * Builders for the shared views in the client's unit tests: valid by the shared schemas (the
 * feed parses what it receives), with ids that say what they are.
 */
import type { BranchEvent, KitchenTimingView, OrderItemView, OrderView, TicketView } from '@smartket/shared';

let counter = 0;

/** A fresh uuid whose last digits count up, so a failing test's output reads in order. */
export function uuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const TENANT = '10000000-0000-4000-8000-000000000001';
export const BRANCH = '20000000-0000-4000-8000-000000000001';
export const OTHER_BRANCH = '20000000-0000-4000-8000-000000000002';
export const WAITER = { kind: 'staff', id: '30000000-0000-4000-8000-000000000001', name: 'Luis' } as const;

export function orderView(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: uuid(),
    branchId: BRANCH,
    number: 1,
    type: 'dine_in',
    status: 'open',
    tableIds: [uuid()],
    guests: 2,
    customer: null,
    note: null,
    waiter: { ...WAITER },
    openedAt: '2026-03-06T20:00:00.000Z',
    billRequestedAt: null,
    closedAt: null,
    mergedIntoId: null,
    rounds: [],
    items: [],
    discounts: [],
    subtotalCents: 0,
    discountCents: 0,
    totalCents: 0,
    paidCents: 0,
    splitParts: null,
    version: 1,
    ...overrides,
  };
}

export function itemView(overrides: Partial<OrderItemView> = {}): OrderItemView {
  return {
    id: uuid(),
    roundId: uuid(),
    productId: uuid(),
    name: '1/4 de pollo',
    quantity: 1,
    unitPriceCents: 2200,
    options: [],
    note: null,
    stationId: null,
    ticketId: uuid(),
    status: 'pending',
    readyAt: null,
    servedAt: null,
    voidedAt: null,
    voidReason: null,
    voidedByName: null,
    ...overrides,
  };
}

export function ticketView(overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: uuid(),
    branchId: BRANCH,
    orderId: uuid(),
    orderType: 'dine_in',
    orderNumber: 1,
    orderLabel: 'Mesa 4',
    waiterName: 'Luis',
    waiterId: WAITER.id,
    roundNumber: 1,
    stationId: null,
    status: 'pending',
    createdAt: '2026-03-06T20:00:00.000Z',
    startedAt: null,
    readyAt: null,
    recalledAt: null,
    items: [{ id: uuid(), name: '1/4 de pollo', quantity: 1, options: [], note: null, status: 'pending' }],
    ...overrides,
  };
}

function envelope(seq: number, kitchenSeq: number | null, branchId = BRANCH) {
  return { branchId, seq, kitchenSeq, at: '2026-03-06T20:00:00.000Z' };
}

export function orderOpened(seq: number, order: OrderView, branchId = BRANCH): BranchEvent {
  return { ...envelope(seq, null, branchId), type: 'orders.opened', payload: { order } };
}

export function orderUpdated(seq: number, order: OrderView, branchId = BRANCH): BranchEvent {
  return { ...envelope(seq, null, branchId), type: 'orders.updated', payload: { order } };
}

export function orderClosed(seq: number, orderId: string): BranchEvent {
  return {
    ...envelope(seq, null),
    type: 'orders.closed',
    payload: { orderId, status: 'cancelled', mergedIntoId: null },
  };
}

/** A sale of `orderId` was charged (`completed`) or voided: the floor's only sales event. */
export function salesChanged(
  seq: number,
  orderId: string,
  status: 'completed' | 'voided' = 'completed',
  saleId = uuid(),
): BranchEvent {
  return { ...envelope(seq, null), type: 'sales.changed', payload: { saleId, orderId, status } };
}

export function ticketCreated(seq: number, kitchenSeq: number, ticket: TicketView): BranchEvent {
  return { ...envelope(seq, kitchenSeq), type: 'tickets.created', payload: { ticket } };
}

export function ticketUpdated(seq: number, kitchenSeq: number, ticket: TicketView): BranchEvent {
  return { ...envelope(seq, kitchenSeq), type: 'tickets.updated', payload: { ticket } };
}

export function timingChanged(seq: number, kitchenSeq: number, timing: KitchenTimingView): BranchEvent {
  return { ...envelope(seq, kitchenSeq), type: 'kitchen.timing', payload: { timing } };
}
