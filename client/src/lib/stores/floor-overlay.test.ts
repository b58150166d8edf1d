import type { OrderView } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxMutation, PendingItem } from '../offline/db.ts';
import { BRANCH, TENANT, WAITER, itemView, orderView, uuid } from '../testing/fixtures.ts';
import { feedShows, overlayFloor, ReadyWatch, refusedItemIds, type LandedEntry } from './floor-overlay.ts';

let seq = 0;

function entry(
  orderId: string,
  mutation: OutboxMutation,
  state: OutboxEntry['state'] = 'pending',
): OutboxEntry {
  seq += 1;
  return {
    ...mutation,
    seq,
    tenantId: TENANT,
    branchId: BRANCH,
    actorId: WAITER.id,
    orderId,
    createdAt: '2026-03-06T20:05:00.000Z',
    state,
    error:
      state === 'rejected'
        ? { status: 409, code: 'TABLE_OCCUPIED', message: 'Ocupada', fields: {}, fieldCodes: {}, details: {} }
        : null,
    attempts: 0,
  };
}

function openOf(orderId: string, tableId: string, state: OutboxEntry['state'] = 'pending'): OutboxEntry {
  return entry(
    orderId,
    {
      kind: 'orders.open',
      body: {
        id: orderId,
        branchId: BRANCH,
        type: 'dine_in',
        tableId,
        guests: 3,
        customer: null,
        note: null,
      },
      waiter: { ...WAITER },
    },
    state,
  );
}

function pendingItem(roundId: string): PendingItem {
  return {
    id: uuid(),
    roundId,
    productId: uuid(),
    name: '1/2 pollo',
    quantity: 1,
    unitPriceCents: 4000,
    options: [],
    note: null,
  };
}

function roundOf(orderId: string, items: PendingItem[]): OutboxEntry {
  const roundId = items[0]?.roundId ?? uuid();
  return entry(orderId, {
    kind: 'orders.round',
    body: {
      id: roundId,
      items: items.map((item) => ({
        id: item.id,
        productId: item.productId,
        quantity: item.quantity,
        optionIds: [],
        note: null,
      })),
    },
    items,
    sentByName: 'Luis',
  });
}

describe('overlayFloor', () => {
  it('shows an order opened on this device as pending at its table, with its rounds to send', () => {
    const orderId = uuid();
    const table = uuid();
    const roundId = uuid();
    const items = [pendingItem(roundId), pendingItem(roundId)];

    const [order, ...rest] = overlayFloor([], [], [openOf(orderId, table), roundOf(orderId, items)], BRANCH);

    expect(rest).toEqual([]);
    expect(order).toMatchObject({
      id: orderId,
      pending: true,
      status: 'open',
      tableIds: [table],
      guests: 3,
      waiter: WAITER,
    });
    expect(order?.pendingItems.map((item) => item.id)).toEqual(items.map((item) => item.id));
  });

  it('gives way to the server’s order once the feed has it: one order, items neither doubled nor lost', () => {
    const orderId = uuid();
    const table = uuid();
    const roundId = uuid();
    const items = [pendingItem(roundId)];
    const outbox = [openOf(orderId, table), roundOf(orderId, items)];
    // The round reached the server, but its answer was lost: it is still in the outbox while the feed shows it.
    const server = orderView({
      id: orderId,
      number: 7,
      tableIds: [table],
      items: [itemView({ id: items[0]?.id ?? '', roundId })],
    });

    const floor = overlayFloor([server], [], outbox, BRANCH);

    expect(floor).toHaveLength(1);
    expect(floor[0]).toMatchObject({ id: orderId, number: 7, pending: false, pendingItems: [] });
    expect(floor[0]?.items).toHaveLength(1);
  });

  it('keeps showing an accepted change until the feed shows it, then the feed’s version', () => {
    const orderId = uuid();
    const table = uuid();
    const roundId = uuid();
    const items = [pendingItem(roundId)];
    const round = roundOf(orderId, items);
    const answer = orderView({
      id: orderId,
      number: 3,
      tableIds: [table],
      items: [itemView({ id: items[0]?.id ?? '', roundId })],
    });
    const landed: LandedEntry[] = [
      {
        entry: openOf(orderId, table),
        order: orderView({ id: orderId, number: 3, tableIds: [table] }),
        at: 0,
      },
      { entry: round, order: answer, at: 0 },
    ];

    // Both answers arrived before any event: the answer with the round stands.
    const beforeEvents = overlayFloor([], landed, [], BRANCH);
    expect(beforeEvents).toHaveLength(1);
    expect(beforeEvents[0]).toMatchObject({ number: 3, pending: false });
    expect(beforeEvents[0]?.items).toHaveLength(1);

    // The feed has the opening but not the round yet: the items do not blink out.
    const opened = orderView({ id: orderId, number: 3, tableIds: [table] });
    const midway = overlayFloor([opened], landed, [], BRANCH);
    expect(midway).toHaveLength(1);
    expect(midway[0]?.items).toHaveLength(1);

    // The feed caught up: its version, with whatever else happened since (the kitchen started).
    const current = {
      ...answer,
      items: answer.items.map((item) => ({ ...item, status: 'preparing' as const })),
    };
    expect(feedShows(landed[1] as LandedEntry, current)).toBe(true);
    const caughtUp = overlayFloor([current], landed, [], BRANCH);
    expect(caughtUp).toHaveLength(1);
    expect(caughtUp[0]?.items[0]?.status).toBe('preparing');
  });

  it('flags a refused opening and keeps the waiter’s order in sight', () => {
    const orderId = uuid();
    const table = uuid();
    const [order] = overlayFloor([], [], [openOf(orderId, table, 'rejected')], BRANCH);
    expect(order?.rejected).toMatchObject({
      kind: 'orders.open',
      orderId,
      error: { code: 'TABLE_OCCUPIED' },
    });
    expect(order?.pending).toBe(true);
  });

  it('applies a bill, a move and a cancel waiting in the outbox to the server’s order', () => {
    const billed = orderView({ tableIds: [uuid()] });
    const moved = orderView({ tableIds: [uuid()] });
    const cancelled = orderView();
    const newTable = uuid();
    const floor = overlayFloor(
      [billed, moved, cancelled],
      [],
      [
        entry(billed.id, { kind: 'orders.bill', body: {} }),
        entry(moved.id, { kind: 'orders.move', body: { tableId: newTable } }),
        entry(cancelled.id, { kind: 'orders.cancel', body: {} }),
      ],
      BRANCH,
    );
    expect(floor.map((order) => order.id)).toEqual([billed.id, moved.id]);
    expect(floor[0]?.status).toBe('bill_requested');
    expect(floor[1]?.tableIds).toEqual([newTable]);
  });

  it('leaves other branches’ entries out', () => {
    const other = { ...openOf(uuid(), uuid()), branchId: uuid() };
    expect(overlayFloor([], [], [other], BRANCH)).toEqual([]);
  });
});

describe('refusedItemIds', () => {
  it('names the items a refused round’s fields point at', () => {
    const roundId = uuid();
    const items = [pendingItem(roundId), pendingItem(roundId), pendingItem(roundId)];
    const ids = refusedItemIds({
      outboxId: 1,
      kind: 'orders.round',
      orderId: uuid(),
      items,
      error: {
        status: 422,
        code: 'PRODUCT_UNAVAILABLE',
        message: 'Un producto ya no está disponible.',
        fields: { 'items.2.productId': 'Ya no está disponible.' },
        fieldCodes: { 'items.2.productId': 'unavailable' },
        details: {},
      },
    });
    expect(ids).toEqual([items[2]?.id]);
  });
});

describe('ReadyWatch', () => {
  const now = Date.parse('2026-03-06T20:30:00.000Z');
  const recently = '2026-03-06T20:29:00.000Z';

  function mine(items: OrderView['items']): OrderView {
    return orderView({ id: '40000000-0000-4000-8000-000000000001', items });
  }

  it('learns the first look silently, then reports items that turned ready', () => {
    const watch = new ReadyWatch(WAITER.id);
    const item = itemView({ status: 'preparing' });
    expect(watch.notice([mine([item])], now)).toEqual([]);

    const ready = { ...item, status: 'ready' as const, readyAt: recently };
    const rang = watch.notice([mine([ready])], now);
    expect(rang).toHaveLength(1);
    expect(rang[0]?.items.map((each) => each.id)).toEqual([item.id]);

    // Seen once: the same ready item does not ring again.
    expect(watch.notice([mine([ready])], now)).toEqual([]);
  });

  it('ignores other waiters’ orders and dishes ready long ago', () => {
    const watch = new ReadyWatch(WAITER.id);
    watch.notice([], now);
    const theirs = orderView({
      waiter: { kind: 'staff', id: uuid(), name: 'Ana' },
      items: [itemView({ status: 'ready', readyAt: recently })],
    });
    const stale = mine([itemView({ status: 'ready', readyAt: '2026-03-06T19:00:00.000Z' })]);
    expect(watch.notice([theirs, stale], now)).toEqual([]);
  });
});
