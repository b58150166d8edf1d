import type {
  ItemStatus,
  KitchenItemStatus,
  KitchenTimingView,
  TicketItemView,
  TicketStatus,
  TicketView,
} from '@smartket/shared';

// What the kitchen screen derives from a ticket: its status as the cook's taps leave it, the
// next step of a tap, and how late it is. The same rules as the server's kitchen policy, so an
// optimistic tap shows what the server is about to answer.

/** How far along an item is; voided stands apart (never advanced). */
const PROGRESS: Record<Exclude<ItemStatus, 'voided'>, number> = {
  pending: 0,
  preparing: 1,
  ready: 2,
  served: 3,
};

/** Whether `status` is already at `to` or further on (a voided item counts as done). */
export function reached(status: ItemStatus, to: KitchenItemStatus): boolean {
  return status === 'voided' || PROGRESS[status] >= PROGRESS[to];
}

/** The ticket's status from its standing items: voided ones do not count; none standing is ready. */
export function ticketStatusOf(items: readonly Pick<TicketItemView, 'status'>[]): TicketStatus {
  const standing = items.filter((item) => item.status !== 'voided');
  if (standing.every((item) => item.status === 'ready' || item.status === 'served')) {
    return 'ready';
  }
  return standing.every((item) => item.status === 'pending') ? 'pending' : 'preparing';
}

/**
 * Whether recall can bring the bumped ticket back: a dish of it is ready and not yet served. One
 * whose dishes were all served or voided has nothing to bring back (the server refuses it too).
 */
export function canRecall(ticket: Pick<TicketView, 'status' | 'items'>): boolean {
  return ticket.status === 'ready' && ticket.items.some((item) => item.status === 'ready');
}

/** Where a tap on an item takes it: pending → preparing → ready; null once it is done. */
export function nextItemStatus(status: ItemStatus): KitchenItemStatus | null {
  if (status === 'pending') {
    return 'preparing';
  }
  return status === 'preparing' ? 'ready' : null;
}

/** Where a tap on the ticket's head takes every standing item: the ticket's next step. */
export function nextTicketStatus(status: TicketStatus): KitchenItemStatus | null {
  if (status === 'pending') {
    return 'preparing';
  }
  return status === 'preparing' ? 'ready' : null;
}

/** The items of `ticket` that a move to `to` changes (the ones short of it). */
export function itemsMovedBy(
  ticket: TicketView,
  to: KitchenItemStatus,
  itemIds?: readonly string[],
): string[] {
  return ticket.items
    .filter((item) => (itemIds ? itemIds.includes(item.id) : true) && !reached(item.status, to))
    .map((item) => item.id);
}

export type AgeLevel = 'normal' | 'warn' | 'late';

/** Seconds since the ticket was sent (never negative: a device clock a little ahead reads 0). */
export function ageSeconds(createdAt: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(createdAt)) / 1000));
}

/** Normal, then amber after `warnMinutes`, red after `lateMinutes`. */
export function ageLevel(seconds: number, timing: KitchenTimingView): AgeLevel {
  if (seconds >= timing.lateMinutes * 60) {
    return 'late';
  }
  return seconds >= timing.warnMinutes * 60 ? 'warn' : 'normal';
}

/**
 * "4:05", "12:30", "59:59": minutes and seconds since it was sent, as a kitchen timer counts;
 * from an hour on, "1 h 05" (hours and minutes — "95:21" reads as a clock).
 */
export function formatAge(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  if (minutes >= 60) {
    return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
  }
  return `${minutes}:${String(whole % 60).padStart(2, '0')}`;
}
