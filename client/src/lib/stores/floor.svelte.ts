import {
  actingName,
  OrderOpenInput,
  RoundInput,
  type OrderItemView,
  type OrderPatch,
  type OrderView,
  type OrderWaiterView,
  type RoundItemInput,
} from '@smartket/shared';
import { liveQuery } from 'dexie';
import type { z } from 'zod';
import { ApiError, errorMessage } from '../api/client.ts';
import { voidItem as voidItemNow } from '../api/orders.ts';
import {
  db,
  type NewOutboxEntry,
  type OutboxEntry,
  type OutboxMutation,
  type PendingItem,
  type SmartketDb,
} from '../offline/db.ts';
import { discardEntry, enqueue, outboxEntries, retryEntry } from '../offline/outbox.ts';
import { openFloorFeed, type FeedStatus, type FloorFeed } from '../realtime/branch-feed.svelte.ts';
import {
  feedShows,
  LANDED_KEPT_MS,
  overlayFloor,
  ReadyWatch,
  rejectedMutation,
  type FloorOrder,
  type LandedEntry,
  type RejectedMutation,
} from './floor-overlay.ts';
import { device } from './device.svelte.ts';
import { session } from './session.svelte.ts';
import { sync } from './sync.svelte.ts';

export type { FeedStatus } from '../realtime/branch-feed.svelte.ts';
export type { OutboxKind, PendingItem } from '../offline/db.ts';
export { refusedItemIds, type FloorOrder, type RejectedMutation } from './floor-overlay.ts';

/** A table as the map shows it. */
export type TableState = { kind: 'free' } | { kind: 'occupied' | 'bill_requested'; order: FloorOrder };

/** An item the waiter is about to send: the round item without its id, and what the screen shows. */
export type DraftItem = Omit<z.input<typeof RoundItemInput>, 'id'> & {
  name: string;
  unitPriceCents: number;
  options: PendingItem['options'];
};

/** What opening an order takes: the body without the id (the floor makes it) and, optionally, the branch. */
export type NewOrderInput = Omit<z.input<typeof OrderOpenInput>, 'id' | 'branchId'> & { branchId?: string };

/** Who takes orders on this floor. `name` and `kind` default to the signed-in person. */
export interface FloorActor {
  id: string;
  name?: string;
  kind?: OrderWaiterView['kind'];
}

type ReadyListener = (order: FloorOrder, items: OrderItemView[]) => void;

/** The waiter's floor: the live feed with this device's unsent changes on top. Reactive. */
export interface Floor {
  readonly status: FeedStatus;
  /** When the feed last heard the server. */
  readonly lastSyncedAt: Date | null;
  /** Live orders and the ones opened here and not yet accepted, oldest first. */
  readonly orders: FloorOrder[];
  /** Takeaway and delivery orders. */
  readonly takeaway: FloorOrder[];
  /** The orders this person took. */
  readonly mine: FloorOrder[];
  /** Outbox entries of this branch the server has not accepted yet (refused ones included). */
  readonly pendingCount: number;
  readonly rejected: RejectedMutation[];
  tableState(tableId: string): TableState;
  order(orderId: string): FloorOrder | undefined;
  /** Every mutation goes through the outbox (online too): written to Dexie, then drained at once. */
  openOrder(input: NewOrderInput): Promise<string>;
  sendRound(orderId: string, items: DraftItem[]): Promise<void>;
  serve(orderId: string, itemIds: string[]): Promise<void>;
  requestBill(orderId: string): Promise<void>;
  move(orderId: string, tableId: string): Promise<void>;
  join(orderId: string, tableId: string): Promise<void>;
  cancel(orderId: string): Promise<void>;
  patch(orderId: string, patch: OrderPatch): Promise<void>;
  /** Online only (needs permission and a reason): straight to the server; throws an `ApiError`. */
  voidItem(orderId: string, itemId: string, reason: string): Promise<void>;
  /** Sends a refused entry again as it was. */
  retry(outboxId: number): Promise<void>;
  /** Sends a refused opening, move or join again with another table. */
  retryAtTable(outboxId: number, tableId: string): Promise<void>;
  /** Sends a refused round again without these items (none left: the round is dropped). */
  retryWithout(outboxId: number, itemIds: string[]): Promise<void>;
  /** Drops a refused (or waiting) entry and the later entries of its order. */
  discard(outboxId: number): Promise<void>;
  /** Items of an order this person took turned ready (not on the first load). Returns the unsubscribe. */
  onReady(listener: ReadyListener): () => void;
  close(): void;
}

const VIBRATION_MS = [200, 100, 200];

export interface FloorDeps {
  database: () => SmartketDb;
  openFeed: (tenantId: string, branchId: string) => FloorFeed;
  /** Asks the outbox to send now. */
  kick: () => void;
  onAccepted: (listener: (entry: OutboxEntry, order: OrderView | null) => void) => () => void;
  ensurePersistence: () => void;
  vibrate: (pattern: number[]) => void;
  now: () => number;
  newId: () => string;
}

const defaultDeps: FloorDeps = {
  database: db,
  openFeed: (tenantId, branchId) => openFloorFeed(tenantId, branchId),
  kick: () => sync.kick(true),
  onAccepted: (listener) => sync.onAccepted(listener),
  ensurePersistence: () => void sync.ensurePersistence(),
  vibrate: (pattern) => {
    if (typeof navigator !== 'undefined' && 'vibrate' in navigator) {
      navigator.vibrate(pattern);
    }
  },
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
};

function liveTableHolder(orders: readonly FloorOrder[], tableId: string): FloorOrder | undefined {
  const holders = orders.filter((order) => order.tableIds.includes(tableId));
  // The server's (or accepted) order wins over one this device opened and the server refused.
  return holders.find((order) => !order.rejected) ?? holders[0];
}

class FloorStore implements Floor {
  readonly #tenantId: string;
  readonly #branchId: string;
  readonly #me: FloorActor;
  readonly #deps: FloorDeps;
  readonly #feed: FloorFeed;
  #outbox = $state.raw<OutboxEntry[]>([]);
  #landed = $state.raw<LandedEntry[]>([]);
  readonly #readyListeners = new Set<ReadyListener>();
  readonly #ready: ReadyWatch;
  readonly #stops: (() => void)[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  readonly orders = $derived(
    overlayFloor(this.#feedOrders(), this.#landed, this.#outbox, this.#branchIdValue()),
  );
  readonly takeaway = $derived(this.orders.filter((order) => order.type !== 'dine_in'));
  readonly mine = $derived(this.orders.filter((order) => order.waiter.id === this.#meId()));
  readonly pendingCount = $derived(this.#outbox.length);
  readonly rejected = $derived(
    this.#outbox.flatMap((entry) => {
      const rejected = rejectedMutation(entry);
      return rejected ? [rejected] : [];
    }),
  );

  constructor(tenantId: string, branchId: string, me: FloorActor, deps: FloorDeps) {
    this.#tenantId = tenantId;
    this.#branchId = branchId;
    this.#me = me;
    this.#deps = deps;
    this.#ready = new ReadyWatch(me.id);
    this.#feed = deps.openFeed(tenantId, branchId);
    this.#stops.push(
      this.#feed.onEvent((event) => {
        if (event.type === 'orders.opened' || event.type === 'orders.updated') {
          this.#noticeReady([event.payload.order]);
        } else if (event.type === 'orders.closed') {
          this.#ready.forget(event.payload.orderId);
        }
        this.#pruneLanded();
      }),
      this.#feed.onReset(() => {
        this.#noticeReady(this.#feed.orders);
        this.#pruneLanded();
      }),
      deps.onAccepted((entry, order) => this.#land(entry, order)),
    );
    const subscription = liveQuery(() => outboxEntries(tenantId, deps.database())).subscribe({
      next: (entries) => {
        this.#outbox = entries.filter((entry) => entry.branchId === branchId);
      },
      error: () => {
        this.#outbox = [];
      },
    });
    this.#stops.push(() => subscription.unsubscribe());
    deps.ensurePersistence();
  }

  // Private fields are not yet set when field initialisers run: the deriveds read them lazily.
  #feedOrders(): OrderView[] {
    return this.#feed.orders;
  }

  #branchIdValue(): string {
    return this.#branchId;
  }

  #meId(): string {
    return this.#me.id;
  }

  get status(): FeedStatus {
    return this.#feed.status;
  }

  get lastSyncedAt(): Date | null {
    return this.#feed.lastSyncedAt;
  }

  tableState(tableId: string): TableState {
    const order = liveTableHolder(this.orders, tableId);
    if (!order) {
      return { kind: 'free' };
    }
    return { kind: order.status === 'bill_requested' ? 'bill_requested' : 'occupied', order };
  }

  order(orderId: string): FloorOrder | undefined {
    return this.orders.find((order) => order.id === orderId);
  }

  async openOrder(input: NewOrderInput): Promise<string> {
    const id = this.#deps.newId();
    const body = OrderOpenInput.parse({ ...input, id, branchId: input.branchId ?? this.#branchId });
    if (body.tableId) {
      const holder = liveTableHolder(this.orders, body.tableId);
      if (holder && !holder.rejected) {
        throw new ApiError({
          status: 409,
          code: 'TABLE_OCCUPIED',
          message: errorMessage('TABLE_OCCUPIED'),
          details: { orderId: holder.id },
        });
      }
    }
    await this.#enqueue(id, { kind: 'orders.open', body, waiter: this.#waiter() });
    return id;
  }

  async sendRound(orderId: string, items: DraftItem[]): Promise<void> {
    const roundId = this.#deps.newId();
    // A screen's draft is reactive state: its proxies cannot be stored in IndexedDB (DataCloneError).
    const withIds = $state.snapshot(items).map((item) => ({ ...item, id: this.#deps.newId() }));
    const body = RoundInput.parse({
      id: roundId,
      items: withIds.map((item) => ({
        id: item.id,
        productId: item.productId,
        quantity: item.quantity,
        optionIds: item.optionIds,
        note: item.note,
      })),
    });
    const pending: PendingItem[] = body.items.map((item, index) => ({
      id: item.id,
      roundId,
      productId: item.productId,
      name: withIds[index]?.name ?? '',
      quantity: item.quantity,
      unitPriceCents: withIds[index]?.unitPriceCents ?? 0,
      options: withIds[index]?.options ?? [],
      note: item.note,
    }));
    await this.#enqueue(orderId, {
      kind: 'orders.round',
      body,
      items: pending,
      sentByName: this.#waiter().name,
    });
  }

  serve(orderId: string, itemIds: string[]): Promise<void> {
    return this.#enqueue(orderId, { kind: 'orders.served', body: { itemIds } });
  }

  requestBill(orderId: string): Promise<void> {
    return this.#enqueue(orderId, { kind: 'orders.bill', body: {} });
  }

  move(orderId: string, tableId: string): Promise<void> {
    return this.#enqueue(orderId, { kind: 'orders.move', body: { tableId } });
  }

  join(orderId: string, tableId: string): Promise<void> {
    return this.#enqueue(orderId, { kind: 'orders.join', body: { tableId } });
  }

  cancel(orderId: string): Promise<void> {
    return this.#enqueue(orderId, { kind: 'orders.cancel', body: {} });
  }

  patch(orderId: string, patch: OrderPatch): Promise<void> {
    return this.#enqueue(orderId, { kind: 'orders.patch', body: patch });
  }

  async voidItem(orderId: string, itemId: string, reason: string): Promise<void> {
    await voidItemNow(orderId, itemId, { reason });
  }

  async retry(outboxId: number): Promise<void> {
    await retryEntry(outboxId, undefined, this.#deps.database());
    this.#deps.kick();
  }

  async retryAtTable(outboxId: number, tableId: string): Promise<void> {
    await retryEntry(
      outboxId,
      (entry): OutboxMutation => {
        switch (entry.kind) {
          case 'orders.open':
            return { ...entry, body: { ...entry.body, tableId } };
          case 'orders.move':
          case 'orders.join':
            return { ...entry, body: { tableId } };
          default:
            return entry;
        }
      },
      this.#deps.database(),
    );
    this.#deps.kick();
  }

  async retryWithout(outboxId: number, itemIds: string[]): Promise<void> {
    const dropped = new Set(itemIds);
    await retryEntry(
      outboxId,
      (entry): OutboxMutation | null => {
        if (entry.kind !== 'orders.round') {
          return entry;
        }
        const items = entry.items.filter((item) => !dropped.has(item.id));
        if (items.length === 0) {
          return null;
        }
        return {
          ...entry,
          items,
          body: { ...entry.body, items: entry.body.items.filter((item) => !dropped.has(item.id)) },
        };
      },
      this.#deps.database(),
    );
    this.#deps.kick();
  }

  async discard(outboxId: number): Promise<void> {
    await discardEntry(outboxId, this.#deps.database());
  }

  onReady(listener: ReadyListener): () => void {
    this.#readyListeners.add(listener);
    return () => this.#readyListeners.delete(listener);
  }

  close(): void {
    this.#feed.close();
    for (const stop of this.#stops.splice(0)) {
      stop();
    }
    for (const timer of this.#timers) {
      clearTimeout(timer);
    }
    this.#timers.clear();
    this.#readyListeners.clear();
  }

  #waiter(): OrderWaiterView {
    const kind = this.#me.kind ?? (session.me ? 'user' : 'staff');
    const name = this.#me.name ?? device.staff?.name ?? (session.me ? actingName(session.me.user) : '');
    return { kind, id: this.#me.id, name };
  }

  async #enqueue(orderId: string, mutation: OutboxMutation): Promise<void> {
    const entry: NewOutboxEntry = {
      ...mutation,
      tenantId: this.#tenantId,
      branchId: this.#branchId,
      actorId: this.#me.id,
      orderId,
      createdAt: new Date(this.#deps.now()).toISOString(),
    };
    await enqueue(entry, this.#deps.database());
    this.#deps.kick();
  }

  /** The server accepted an entry of this branch: keep showing it until the feed does. */
  #land(entry: OutboxEntry, order: OrderView | null): void {
    if (entry.tenantId !== this.#tenantId || entry.branchId !== this.#branchId) {
      return;
    }
    this.#landed = [...this.#landed, { entry, order, at: this.#deps.now() }];
    this.#pruneLanded();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#pruneLanded();
    }, LANDED_KEPT_MS + 50);
    this.#timers.add(timer);
  }

  /** Forgets accepted changes the feed shows now (or that waited too long for it). */
  #pruneLanded(): void {
    if (this.#landed.length === 0) {
      return;
    }
    const now = this.#deps.now();
    const byId = new Map(this.#feed.orders.map((order) => [order.id, order]));
    const kept = this.#landed.filter(
      (landed) => now - landed.at < LANDED_KEPT_MS && !feedShows(landed, byId.get(landed.entry.orderId)),
    );
    if (kept.length !== this.#landed.length) {
      this.#landed = kept;
    }
  }

  /** Rings for items of this person's orders that turned ready since the feed last showed them. */
  #noticeReady(orders: readonly OrderView[]): void {
    const rang = this.#ready.notice(orders, this.#deps.now());
    if (rang.length === 0) {
      return;
    }
    this.#deps.vibrate(VIBRATION_MS);
    for (const { order, items } of rang) {
      const shown = this.order(order.id) ?? { ...order, pending: false, pendingItems: [], rejected: null };
      for (const listener of [...this.#readyListeners]) {
        listener(shown, items);
      }
    }
  }
}

/**
 * The waiter's floor of a branch: the live orders with this device's unsent changes on top,
 * table states, and a ring (with vibration) when dishes of `me`'s orders are ready.
 */
export function openFloor(
  tenantId: string,
  branchId: string,
  me: FloorActor,
  deps: FloorDeps = defaultDeps,
): Floor {
  return new FloorStore(tenantId, branchId, me, deps);
}
