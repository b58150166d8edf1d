import {
  LIVE_ORDER_STATUSES,
  type BranchEvent,
  type KitchenSnapshotView,
  type KitchenTimingView,
  type OrderStatus,
  type OrderView,
  type TicketView,
} from '@smartket/shared';

/** The floor of a branch: its live orders (open or bill requested), oldest first. */
export interface FloorState {
  orders: OrderView[];
}

/** The kitchen screen of a branch. */
export interface KitchenState {
  /** On the screen (not bumped), in arrival order. */
  tickets: TicketView[];
  /** Bumped, newest first: what "recall" offers. */
  recentlyBumped: TicketView[];
  timing: KitchenTimingView;
}

/** How many bumped tickets the kitchen keeps for recall, as the snapshot sends them. */
export const RECENTLY_BUMPED_KEPT = 10;

export function isLive(status: OrderStatus): boolean {
  return (LIVE_ORDER_STATUSES as readonly OrderStatus[]).includes(status);
}

function byOpening(a: OrderView, b: OrderView): number {
  return a.openedAt.localeCompare(b.openedAt) || a.number - b.number || a.id.localeCompare(b.id);
}

/** `orders` with `order` in its place (replaced, inserted by opening time, or gone when no longer live). */
function putOrder(orders: readonly OrderView[], order: OrderView): OrderView[] {
  const index = orders.findIndex((known) => known.id === order.id);
  if (!isLive(order.status)) {
    return index === -1 ? [...orders] : orders.filter((known) => known.id !== order.id);
  }
  if (index !== -1) {
    const next = [...orders];
    next[index] = order;
    return next;
  }
  return [...orders, order].sort(byOpening);
}

/**
 * The floor after one event. Ticket events change nothing here (their orders.updated follows),
 * nor timing, nor a sale (a charge of a live order comes with its orders.* event; one of a closed
 * order moves nothing on the floor): the stream still counts them, the state stays as it was.
 */
export function applyFloorEvent(state: FloorState, event: BranchEvent): FloorState {
  switch (event.type) {
    case 'orders.opened':
    case 'orders.updated':
      return { orders: putOrder(state.orders, event.payload.order) };
    case 'orders.closed':
      return { orders: state.orders.filter((order) => order.id !== event.payload.orderId) };
    case 'sales.changed':
    case 'tickets.created':
    case 'tickets.updated':
    case 'kitchen.timing':
      return state;
  }
}

export function floorFromOrders(orders: readonly OrderView[]): FloorState {
  return { orders: orders.filter((order) => isLive(order.status)).sort(byOpening) };
}

function byArrival(a: TicketView, b: TicketView): number {
  return a.createdAt.localeCompare(b.createdAt) || a.roundNumber - b.roundNumber || a.id.localeCompare(b.id);
}

function byBumpNewestFirst(a: TicketView, b: TicketView): number {
  return (b.readyAt ?? '').localeCompare(a.readyAt ?? '') || a.id.localeCompare(b.id);
}

/** The kitchen after one event. Order events are not part of its stream and change nothing. */
export function applyKitchenEvent(state: KitchenState, event: BranchEvent): KitchenState {
  if (event.type === 'kitchen.timing') {
    return { ...state, timing: event.payload.timing };
  }
  if (event.type !== 'tickets.created' && event.type !== 'tickets.updated') {
    return state;
  }
  const ticket = event.payload.ticket;
  const tickets = state.tickets.filter((known) => known.id !== ticket.id);
  const bumped = state.recentlyBumped.filter((known) => known.id !== ticket.id);
  if (ticket.status === 'ready') {
    return {
      ...state,
      tickets,
      recentlyBumped: [ticket, ...bumped].sort(byBumpNewestFirst).slice(0, RECENTLY_BUMPED_KEPT),
    };
  }
  return { ...state, tickets: [...tickets, ticket].sort(byArrival), recentlyBumped: bumped };
}

export function kitchenFromSnapshot(snapshot: KitchenSnapshotView): KitchenState {
  return {
    tickets: [...snapshot.tickets].sort(byArrival),
    recentlyBumped: snapshot.recentlyBumped,
    timing: snapshot.timing,
  };
}
