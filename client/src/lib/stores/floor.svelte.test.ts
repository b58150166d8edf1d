import 'fake-indexeddb/auto';
import type { BranchEvent, OrderView } from '@smartket/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.ts';
import { createDb, type OutboxEntry, type SmartketDb } from '../offline/db.ts';
import { OutboxDrainer } from '../offline/outbox.ts';
import type { FeedStatus, FloorFeed } from '../realtime/branch-feed.svelte.ts';
import { applyFloorEvent } from '../realtime/feed-state.ts';
import {
  BRANCH,
  TENANT,
  WAITER,
  itemView,
  orderOpened,
  orderUpdated,
  orderView,
  salesChanged,
  uuid,
} from '../testing/fixtures.ts';
import { openFloor, type Floor } from './floor.svelte.ts';

/** A floor feed driven by the test: `emit` applies an event as the real feed would. */
class FakeFeed implements FloorFeed {
  status = $state<FeedStatus>('live');
  orders = $state.raw<OrderView[]>([]);
  seq = $state(0);
  lastSyncedAt: Date | null = null;
  readonly #listeners = new Set<(event: BranchEvent) => void>();
  readonly #resets = new Set<() => void>();

  onEvent(listener: (event: BranchEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  onReset(listener: () => void): () => void {
    this.#resets.add(listener);
    return () => this.#resets.delete(listener);
  }
  retry(): void {}
  close(): void {}

  reset(orders: OrderView[], seq: number): void {
    this.orders = orders;
    this.seq = seq;
    for (const listener of this.#resets) {
      listener();
    }
  }

  emit(event: BranchEvent): void {
    this.orders = applyFloorEvent({ orders: this.orders }, event).orders;
    this.seq = event.seq;
    for (const listener of this.#listeners) {
      listener(event);
    }
  }
}

/** The server's side for this test: opens and rounds, idempotent on their ids. */
class Server {
  readonly orders = new Map<string, OrderView>();
  reachable = false;
  number = 0;

  send = (entry: OutboxEntry): Promise<OrderView> => {
    if (!this.reachable) {
      return Promise.reject(new ApiError({ status: 0, code: 'network', message: 'Sin conexión' }));
    }
    if (entry.kind === 'orders.open') {
      this.number += 1;
      const existing = this.orders.get(entry.body.id);
      const order =
        existing ??
        orderView({
          id: entry.body.id,
          number: this.number,
          tableIds: entry.body.tableId ? [entry.body.tableId] : [],
          openedAt: '2026-03-06T20:10:00.000Z',
        });
      this.orders.set(order.id, order);
      return Promise.resolve(order);
    }
    const order = this.orders.get(entry.orderId);
    if (!order || entry.kind !== 'orders.round') {
      return Promise.reject(new ApiError({ status: 404, code: 'NOT_FOUND', message: 'No' }));
    }
    const known = new Set(order.items.map((item) => item.id));
    const next: OrderView = {
      ...order,
      items: [
        ...order.items,
        ...entry.items
          .filter((item) => !known.has(item.id))
          .map((item) =>
            itemView({ id: item.id, roundId: item.roundId, productId: item.productId, name: item.name }),
          ),
      ],
    };
    this.orders.set(order.id, next);
    return Promise.resolve(next);
  };
}

let dbCount = 0;
let database: SmartketDb;
let feed: FakeFeed;
let server: Server;
let drainer: OutboxDrainer;
let floor: Floor;
let vibrations: number;

beforeEach(() => {
  dbCount += 1;
  database = createDb(`floor-test-${dbCount}`);
  feed = new FakeFeed();
  server = new Server();
  vibrations = 0;
  const accepted = new Set<(entry: OutboxEntry, order: OrderView | null) => void>();
  drainer = new OutboxDrainer({
    database,
    send: (entry) => server.send(entry),
    scope: () => ({ tenantId: TENANT, actorId: WAITER.id }),
    accepted: (entry, order) => accepted.forEach((listener) => listener(entry, order)),
    exclusive: (run) => run(),
  });
  floor = openFloor(TENANT, BRANCH, WAITER, {
    database: () => database,
    openFeed: () => feed,
    kick: () => void drainer.drain(),
    onAccepted: (listener) => {
      accepted.add(listener);
      return () => accepted.delete(listener);
    },
    ensurePersistence: () => undefined,
    vibrate: () => {
      vibrations += 1;
    },
    now: () => Date.parse('2026-03-06T20:30:00.000Z'),
    newId: uuid,
  });
});

afterEach(async () => {
  floor.close();
  database.close();
  await database.delete();
});

/** What the waiter sees of one table: its state, how many orders claim it, how many dishes. */
function look(tableId: string) {
  const state = floor.tableState(tableId);
  const holders = floor.orders.filter((order) => order.tableIds.includes(tableId));
  const order = state.kind === 'free' ? null : state.order;
  return {
    kind: state.kind,
    holders: holders.length,
    dishes: order ? order.items.length + order.pendingItems.length : 0,
    pending: order?.pending ?? null,
  };
}

describe('openFloor', () => {
  it('queues a round taken from a screen’s reactive draft (IndexedDB cannot store proxies)', async () => {
    const orderId = await floor.openOrder({ type: 'dine_in', tableId: uuid(), guests: 2 });
    // In the browser a draft held in `$state` is made of proxies, which structured clone refuses
    // (DataCloneError); plain proxies stand in for them here, where runes compile for the server.
    const reactive = <T extends object>(value: T): T => new Proxy(value, {});
    const draft = reactive([
      reactive({
        productId: uuid(),
        quantity: 2,
        optionIds: reactive([uuid()]),
        note: 'sin ensalada',
        name: '1/4 de pollo',
        unitPriceCents: 2200,
        options: reactive([
          reactive({ optionId: uuid(), groupName: 'Presa', name: 'Pecho', priceDeltaCents: 0 }),
        ]),
      }),
    ]);
    await floor.sendRound(orderId, draft);
    await vi.waitFor(() => expect(floor.pendingCount).toBe(2));
    expect(floor.orders[0]?.pendingItems[0]?.options[0]?.name).toBe('Pecho');
  });

  it('shows a table opened offline as occupied, then the server’s order in its place without a blink or a double', async () => {
    const table = uuid();
    const seen: ReturnType<typeof look>[] = [];

    const orderId = await floor.openOrder({ type: 'dine_in', tableId: table, guests: 2 });
    await floor.sendRound(orderId, [
      {
        productId: uuid(),
        quantity: 1,
        optionIds: [],
        note: null,
        name: '1/4 de pollo',
        unitPriceCents: 2200,
        options: [],
      },
    ]);
    await vi.waitFor(() => expect(floor.pendingCount).toBe(2));
    seen.push(look(table));
    expect(look(table)).toEqual({ kind: 'occupied', holders: 1, dishes: 1, pending: true });
    expect(floor.orders[0]?.pendingItems[0]?.name).toBe('1/4 de pollo');

    // Back online: the outbox drains; the answers arrive before the events.
    server.reachable = true;
    await drainer.drain();
    seen.push(look(table));
    await vi.waitFor(() => expect(floor.pendingCount).toBe(0));
    seen.push(look(table));

    // Now the events: first the opening (no dishes yet in it), then the round.
    const accepted = server.orders.get(orderId);
    expect(accepted).toBeDefined();
    if (!accepted) {
      return;
    }
    feed.emit(orderOpened(1, { ...accepted, items: [] }));
    seen.push(look(table));
    feed.emit(orderUpdated(2, accepted));
    seen.push(look(table));

    for (const moment of seen) {
      expect(moment.kind).toBe('occupied');
      expect(moment.holders).toBe(1);
      expect(moment.dishes).toBe(1);
    }
    expect(seen.at(-1)?.pending).toBe(false);
    expect(floor.order(orderId)).toMatchObject({ number: accepted.number, pending: false, pendingItems: [] });
  });

  it('refuses at once to open a table the floor already shows occupied', async () => {
    const table = uuid();
    feed.emit(orderOpened(1, orderView({ tableIds: [table] })));
    await expect(floor.openOrder({ type: 'dine_in', tableId: table, guests: 2 })).rejects.toMatchObject({
      code: 'TABLE_OCCUPIED',
    });
    expect(floor.pendingCount).toBe(0);
  });

  it('shows a refused opening with its reason, and sends it again at another table', async () => {
    const table = uuid();
    const other = orderView({ tableIds: [table], waiter: { kind: 'staff', id: uuid(), name: 'Ana' } });
    const orderId = await floor.openOrder({ type: 'dine_in', tableId: table, guests: 2 });
    // Someone else opened that table on the server meanwhile.
    server.orders.set(other.id, other);
    const send = server.send;
    server.send = (entry) =>
      entry.kind === 'orders.open' && entry.body.tableId === table
        ? Promise.reject(
            new ApiError({
              status: 409,
              code: 'TABLE_OCCUPIED',
              message: 'Ocupada',
              details: { orderId: other.id },
            }),
          )
        : send(entry);
    server.reachable = true;
    await drainer.drain();
    feed.emit(orderOpened(1, other));

    await vi.waitFor(() => expect(floor.rejected).toHaveLength(1));
    const [rejected] = floor.rejected;
    expect(rejected).toMatchObject({ kind: 'orders.open', orderId, error: { code: 'TABLE_OCCUPIED' } });
    // The server's order holds the table; the refused one is still in sight, flagged.
    expect(floor.tableState(table)).toMatchObject({ kind: 'occupied', order: { id: other.id } });
    expect(floor.order(orderId)?.rejected?.error.code).toBe('TABLE_OCCUPIED');

    const free = uuid();
    await floor.retryAtTable(rejected?.outboxId ?? -1, free);
    await drainer.drain();
    await vi.waitFor(() => expect(floor.pendingCount).toBe(0));
    expect(server.orders.get(orderId)?.tableIds).toEqual([free]);
    expect(floor.rejected).toEqual([]);
  });

  it('shows the same floor when a sale of a table changes (a void, a charge again)', () => {
    const table = uuid();
    const served = orderView({ tableIds: [table], items: [itemView({ status: 'ready' })] });
    feed.reset([served], 7);
    const before = { orders: floor.orders, table: look(table) };

    feed.emit(salesChanged(8, served.id, 'voided'));
    feed.emit(salesChanged(9, uuid(), 'completed'));

    expect({ orders: floor.orders, table: look(table) }).toEqual(before);
    expect(feed.seq).toBe(9);
    expect(vibrations).toBe(0);
  });

  it('rings and vibrates when dishes of my orders turn ready, not for what the first load shows', () => {
    const mine = orderView({ items: [itemView({ status: 'ready', readyAt: '2026-03-06T20:29:00.000Z' })] });
    const rings: string[][] = [];
    floor.onReady((_order, items) => rings.push(items.map((item) => item.id)));
    feed.reset([mine], 3);
    expect(rings).toEqual([]);

    const cooking = itemView({ status: 'preparing' });
    feed.emit(orderUpdated(4, { ...mine, items: [...mine.items, cooking] }));
    expect(rings).toEqual([]);
    const done = { ...cooking, status: 'ready' as const, readyAt: '2026-03-06T20:29:30.000Z' };
    feed.emit(orderUpdated(5, { ...mine, items: [...mine.items, done] }));

    expect(rings).toEqual([[cooking.id]]);
    expect(vibrations).toBe(1);
  });
});
