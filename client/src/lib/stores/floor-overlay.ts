import type { ItemStatus, OrderItemView, OrderView } from '@smartket/shared';
import { isLive } from '../realtime/feed-state.ts';
import type { OutboxEntry, OutboxError, OutboxKind, PendingItem } from '../offline/db.ts';

export type { PendingItem } from '../offline/db.ts';

/** A mutation the server refused: shown to the waiter with what to do (retry, another table, discard). */
export interface RejectedMutation {
  outboxId: number;
  kind: OutboxKind;
  orderId: string;
  error: OutboxError;
  /** A refused round's items (the ones `error.fields` name by index, e.g. `items.2.productId`). */
  items: PendingItem[];
}

/** An order as the waiter's floor shows it: the server's, plus what this device has not sent yet. */
export interface FloorOrder extends OrderView {
  /** Opened on this device, not yet accepted by the server. */
  pending: boolean;
  /** Rounds queued in the outbox, not yet accepted ("por enviar"). */
  pendingItems: PendingItem[];
  /** The first refused mutation of this order, if any: its later ones wait behind it. */
  rejected: RejectedMutation | null;
}

/**
 * An entry the server accepted whose effect the live feed may not show yet (the answer often
 * outruns the event). Until the feed shows it — or `LANDED_KEPT_MS` passed — the floor keeps
 * showing it, so nothing blinks out and back.
 */
export interface LandedEntry {
  entry: OutboxEntry;
  /** The server's answer: the order right after the change, when it could be read. */
  order: OrderView | null;
  at: number;
}

/** How long an accepted change waits for the feed before the floor stops showing it by itself. */
export const LANDED_KEPT_MS = 15_000;

/** Whether the feed's `order` (undefined: not on the floor) already shows what `landed` did. */
export function feedShows(landed: LandedEntry, order: OrderView | undefined): boolean {
  const { entry } = landed;
  if (entry.kind === 'orders.cancel') {
    return order === undefined;
  }
  if (order === undefined) {
    return false;
  }
  switch (entry.kind) {
    case 'orders.open':
      return true;
    case 'orders.round': {
      const ids = new Set(order.items.map((item) => item.id));
      return entry.body.items.every((item) => ids.has(item.id));
    }
    case 'orders.served':
      return entry.body.itemIds.every((id) => {
        const item = order.items.find((known) => known.id === id);
        return !item || item.status === 'served' || item.status === 'voided';
      });
    case 'orders.bill':
      return order.status === 'bill_requested';
    case 'orders.move':
    case 'orders.join':
      return order.tableIds.includes(entry.body.tableId);
    case 'orders.patch':
      return (
        (entry.body.guests === undefined || order.guests === entry.body.guests) &&
        (entry.body.note === undefined || order.note === entry.body.note) &&
        (entry.body.customer === undefined || order.customer?.name === entry.body.customer.name)
      );
  }
}

function localOrder(entry: Extract<OutboxEntry, { kind: 'orders.open' }>): OrderView {
  const body = entry.body;
  return {
    id: body.id,
    branchId: body.branchId,
    number: 0,
    type: body.type,
    status: 'open',
    tableIds: body.tableId ? [body.tableId] : [],
    guests: body.guests,
    customer: body.customer,
    note: body.note,
    waiter: entry.waiter,
    openedAt: entry.createdAt,
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
  };
}

function markServed(items: OrderItemView[], ids: readonly string[], at: string): OrderItemView[] {
  return items.map((item) =>
    ids.includes(item.id) && item.status === 'ready' ? { ...item, status: 'served', servedAt: at } : item,
  );
}

interface Draft {
  order: OrderView;
  pending: boolean;
  pendingItems: PendingItem[];
  rejected: RejectedMutation | null;
}

/**
 * An entry's effect on its order as the waiter expects it. A refused entry keeps showing only
 * what the waiter would otherwise lose sight of (the order they opened, the items they sent).
 */
function applyEntry(drafts: Map<string, Draft>, entry: OutboxEntry, refused: boolean): void {
  const draft = drafts.get(entry.orderId);
  if (entry.kind === 'orders.open') {
    if (!draft) {
      drafts.set(entry.orderId, {
        order: localOrder(entry),
        pending: true,
        pendingItems: [],
        rejected: null,
      });
    }
    return;
  }
  if (!draft) {
    return;
  }
  const order = draft.order;
  switch (entry.kind) {
    case 'orders.round': {
      const known = new Set([
        ...order.items.map((item) => item.id),
        ...draft.pendingItems.map((item) => item.id),
      ]);
      draft.pendingItems = [...draft.pendingItems, ...entry.items.filter((item) => !known.has(item.id))];
      return;
    }
    case 'orders.served':
      if (!refused) {
        draft.order = { ...order, items: markServed(order.items, entry.body.itemIds, entry.createdAt) };
      }
      return;
    case 'orders.bill':
      if (!refused) {
        draft.order = {
          ...order,
          status: 'bill_requested',
          billRequestedAt: order.billRequestedAt ?? entry.createdAt,
        };
      }
      return;
    case 'orders.move':
      if (!refused) {
        draft.order = { ...order, tableIds: [entry.body.tableId] };
      }
      return;
    case 'orders.join':
      if (!refused && !order.tableIds.includes(entry.body.tableId)) {
        draft.order = { ...order, tableIds: [...order.tableIds, entry.body.tableId] };
      }
      return;
    case 'orders.cancel':
      if (!refused) {
        drafts.delete(entry.orderId);
      }
      return;
    case 'orders.patch':
      if (!refused) {
        draft.order = {
          ...order,
          guests: entry.body.guests ?? order.guests,
          customer: entry.body.customer ?? order.customer,
          note: entry.body.note === undefined ? order.note : entry.body.note,
        };
      }
      return;
  }
}

export function rejectedMutation(entry: OutboxEntry): RejectedMutation | null {
  if (entry.state !== 'rejected' || !entry.error) {
    return null;
  }
  return {
    outboxId: entry.seq,
    kind: entry.kind,
    orderId: entry.orderId,
    error: entry.error,
    items: entry.kind === 'orders.round' ? entry.items : [],
  };
}

/**
 * The waiter's floor: the feed's orders (server truth), with the accepted changes the feed does
 * not show yet, then this device's outbox on top — orders opened offline, rounds "por enviar",
 * a bill asked for. Once the feed shows an order or its items, their local copies give way to
 * it, so nothing appears twice and nothing disappears in between.
 */
export function overlayFloor(
  feed: readonly OrderView[],
  landed: readonly LandedEntry[],
  outbox: readonly OutboxEntry[],
  branchId: string,
): FloorOrder[] {
  const drafts = new Map<string, Draft>();
  for (const order of feed) {
    drafts.set(order.id, { order, pending: false, pendingItems: [], rejected: null });
  }
  for (const accepted of landed) {
    if (
      accepted.entry.branchId !== branchId ||
      feedShows(accepted, drafts.get(accepted.entry.orderId)?.order)
    ) {
      continue;
    }
    if (accepted.order) {
      if (isLive(accepted.order.status)) {
        drafts.set(accepted.order.id, {
          order: accepted.order,
          pending: false,
          pendingItems: [],
          rejected: null,
        });
      } else {
        drafts.delete(accepted.order.id);
      }
    } else {
      applyEntry(drafts, accepted.entry, false);
      const draft = drafts.get(accepted.entry.orderId);
      if (draft) {
        draft.pending = false;
      }
    }
  }
  for (const entry of outbox) {
    if (entry.branchId !== branchId) {
      continue;
    }
    const refused = entry.state === 'rejected';
    applyEntry(drafts, entry, refused);
    const draft = drafts.get(entry.orderId);
    if (refused && draft && !draft.rejected) {
      draft.rejected = rejectedMutation(entry);
    }
  }
  const orders: FloorOrder[] = [];
  for (const draft of drafts.values()) {
    orders.push({
      ...draft.order,
      pending: draft.pending,
      pendingItems: draft.pendingItems,
      rejected: draft.rejected,
    });
  }
  return orders.sort(
    (a, b) => a.openedAt.localeCompare(b.openedAt) || a.number - b.number || a.id.localeCompare(b.id),
  );
}

/**
 * The ids of a refused round's items that the server named (`items.2.productId` → the third
 * item), e.g. the products no longer sold, so the screen can offer to send the rest.
 */
export function refusedItemIds(rejected: RejectedMutation): string[] {
  const ids = new Set<string>();
  for (const field of Object.keys(rejected.error.fields)) {
    const match = /^items\.(\d+)\./.exec(field);
    const item = match ? rejected.items[Number(match[1])] : undefined;
    if (item) {
      ids.add(item.id);
    }
  }
  return [...ids];
}

/** Ready items older than this (a reload after a long time offline) no longer ring. */
export const READY_ALERT_WINDOW_MS = 15 * 60_000;

/**
 * Notices the items of one waiter's orders that turned ready. The first look (the device's copy
 * or the first snapshot) only learns what is there; later looks — events, a snapshot after a
 * long disconnection — report what changed, except items ready for long already.
 */
export class ReadyWatch {
  readonly #waiterId: string;
  #seen: Map<string, Map<string, ItemStatus>> | null = null;

  constructor(waiterId: string) {
    this.#waiterId = waiterId;
  }

  notice(orders: readonly OrderView[], now: number): { order: OrderView; items: OrderItemView[] }[] {
    const first = this.#seen === null;
    const seen = (this.#seen ??= new Map<string, Map<string, ItemStatus>>());
    const rang: { order: OrderView; items: OrderItemView[] }[] = [];
    for (const order of orders) {
      if (order.waiter.id !== this.#waiterId) {
        continue;
      }
      const before = seen.get(order.id);
      const turned = order.items.filter((item) => {
        const was = before?.get(item.id);
        return (
          item.status === 'ready' &&
          was !== 'ready' &&
          was !== 'served' &&
          item.readyAt !== null &&
          now - Date.parse(item.readyAt) < READY_ALERT_WINDOW_MS
        );
      });
      seen.set(order.id, new Map(order.items.map((item) => [item.id, item.status])));
      if (!first && turned.length > 0) {
        rang.push({ order, items: turned });
      }
    }
    return rang;
  }

  /** The order left the floor. */
  forget(orderId: string): void {
    this.#seen?.delete(orderId);
  }
}
