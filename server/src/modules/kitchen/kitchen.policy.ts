import type { ItemStatus, KitchenItemStatus, TicketStatus } from '@smartket/shared';

/** How far along the kitchen-to-table way a status is; voided stands apart (never advanced). */
const PROGRESS: Record<Exclude<ItemStatus, 'voided'>, number> = {
  pending: 0,
  preparing: 1,
  ready: 2,
  served: 3,
};

/** What the kitchen rules read and write of an item (an `OrderItem`, or a plain object in tests). */
export interface KitchenItemState {
  status: ItemStatus;
  startedAt?: Date | null | undefined;
  readyAt?: Date | null | undefined;
}

/** What the kitchen rules read and write of a ticket. */
export interface KitchenTicketState {
  status: TicketStatus;
  startedAt?: Date | null | undefined;
  readyAt?: Date | null | undefined;
  recalledAt?: Date | null | undefined;
}

/** Whether an item still counts on its ticket (voided items are shown struck through, and ignored). */
export function isStanding(item: KitchenItemState): boolean {
  return item.status !== 'voided';
}

/**
 * Moves an item forward to `to` when it is behind it, stamping when it started and when it was
 * ready. An item already there or further on (ready, served) — or voided — is left as it is,
 * so a double tap, or two cooks tapping the same dish, never skips or undoes a step.
 * Answers whether the item changed.
 */
export function advanceItem(item: KitchenItemState, to: KitchenItemStatus, now: Date): boolean {
  if (item.status === 'voided' || PROGRESS[item.status] >= PROGRESS[to]) {
    return false;
  }
  item.status = to;
  item.startedAt ??= now;
  if (to === 'ready') {
    item.readyAt = now;
  }
  return true;
}

/**
 * A ticket's status from its standing items: pending while none was started, ready (bumped off
 * the screen) once every one is ready or served, preparing in between. A ticket whose items were
 * all voided has nothing left to cook, so it is ready too.
 */
export function ticketStatusOf(items: readonly KitchenItemState[]): TicketStatus {
  const standing = items.filter(isStanding);
  if (standing.every((item) => item.status === 'ready' || item.status === 'served')) {
    return 'ready';
  }
  return standing.every((item) => item.status === 'pending') ? 'pending' : 'preparing';
}

/**
 * Brings the ticket's status in line with its items: `startedAt` on the first start, `readyAt`
 * when it is bumped (cleared if it is back on the screen). Answers whether the ticket changed.
 */
export function settleTicket(
  ticket: KitchenTicketState,
  items: readonly KitchenItemState[],
  now: Date,
): boolean {
  const status = ticketStatusOf(items);
  if (status === ticket.status) {
    return false;
  }
  ticket.status = status;
  if (status !== 'pending') {
    ticket.startedAt ??= now;
  }
  ticket.readyAt = status === 'ready' ? now : null;
  return true;
}

/**
 * Whether the ticket can be recalled: a bumped one with a dish ready and not yet served, which
 * goes back to preparing. One whose dishes were all served or voided has nothing to bring back,
 * and would sit on the screen empty.
 */
export function canRecall(ticket: KitchenTicketState, items: readonly KitchenItemState[]): boolean {
  return ticket.status === 'ready' && items.some((item) => item.status === 'ready');
}

/**
 * Brings a bumped ticket back to the screen: preparing again, and its ready dishes (not those
 * already served, nor voided ones) back to preparing. Answers the items it sent back.
 */
export function recallTicket<Item extends KitchenItemState>(
  ticket: KitchenTicketState,
  items: readonly Item[],
  now: Date,
): Item[] {
  ticket.status = 'preparing';
  ticket.readyAt = null;
  ticket.recalledAt = now;
  ticket.startedAt ??= now;
  const reopened = items.filter((item) => item.status === 'ready');
  for (const item of reopened) {
    item.status = 'preparing';
    item.readyAt = null;
  }
  return reopened;
}
