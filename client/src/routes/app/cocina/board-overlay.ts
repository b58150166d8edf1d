import type { KitchenItemStatus, TicketView } from '@smartket/shared';
import { canRecall, reached, ticketStatusOf } from './ticket-state.ts';

/** What the board shows, as the kitchen feed keeps it current. */
export interface KitchenSource {
  readonly tickets: readonly TicketView[];
  readonly recentlyBumped: readonly TicketView[];
}

/** A tap on an item the feed does not show yet. */
export interface ItemTap {
  to: KitchenItemStatus;
  /** Which tap set it: a later tap on the same item owns it from then on. */
  token: number;
  /** When the tap was made (a bumped ticket's "listo hace…" until the server says). */
  at: string;
}

/** A recall the feed does not show yet. */
export interface RecallTap {
  token: number;
  /**
   * When the ticket had been bumped, as the server said: a different time later means it was
   * bumped again since. `undefined`: bumped on this screen a moment ago, any time matches.
   */
  readyAt: string | null | undefined;
}

export interface Overlay {
  /** On the screen, in arrival order. */
  onScreen: TicketView[];
  /** The last bumped that recall can still bring back, newest first. */
  bumped: TicketView[];
}

/** How many bumped tickets recall offers (the server keeps the last 10). */
export const RECALL_LIMIT = 10;

function byArrival(a: TicketView, b: TicketView): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/**
 * The feed's tickets with the cook's unconfirmed taps laid over them: an item tapped shows its
 * new status, a ticket whose standing items are all ready leaves the screen for the recall list,
 * a recalled one comes back in its arrival place. What the feed already shows wins.
 */
export function overlay(
  source: KitchenSource,
  taps: ReadonlyMap<string, ItemTap>,
  recalls: ReadonlyMap<string, RecallTap>,
): Overlay {
  const onScreen: TicketView[] = [];
  const bumpedHere: TicketView[] = [];
  const place = (ticket: TicketView): void => {
    const shown = withTaps(ticket, taps);
    (shown.status === 'ready' ? bumpedHere : onScreen).push(shown);
  };
  const inFeed = new Set(source.tickets.map((ticket) => ticket.id));
  source.tickets.forEach(place);
  source.recentlyBumped
    .filter((ticket) => isComingBack(ticket, recalls.get(ticket.id), inFeed))
    .map(recalled)
    .forEach(place);
  onScreen.sort(byArrival);
  // Bumped here a moment ago first (newest tap first), then the server's list.
  bumpedHere.sort((a, b) => (b.readyAt ?? '').localeCompare(a.readyAt ?? ''));
  const taken = new Set([...onScreen, ...bumpedHere].map((ticket) => ticket.id));
  const bumped = [...bumpedHere, ...source.recentlyBumped.filter((ticket) => !taken.has(ticket.id))];
  return { onScreen, bumped: bumped.filter(canRecall).slice(0, RECALL_LIMIT) };
}

/** A ticket with the taps on its items the feed does not show yet. */
export function withTaps(ticket: TicketView, taps: ReadonlyMap<string, ItemTap>): TicketView {
  let readyAt: string | null = null;
  let changed = false;
  const items = ticket.items.map((item) => {
    const tap = taps.get(item.id);
    if (!tap || reached(item.status, tap.to)) {
      return item;
    }
    changed = true;
    readyAt = readyAt !== null && readyAt > tap.at ? readyAt : tap.at;
    return { ...item, status: tap.to };
  });
  if (!changed) {
    return ticket;
  }
  const status = ticketStatusOf(items);
  return { ...ticket, items, status, readyAt: status === 'ready' ? readyAt : null };
}

/** A bumped ticket as the recall leaves it: preparing again, its ready dishes too. */
export function recalled(ticket: TicketView): TicketView {
  return {
    ...ticket,
    status: 'preparing',
    readyAt: null,
    items: ticket.items.map((item) => (item.status === 'ready' ? { ...item, status: 'preparing' } : item)),
  };
}

/** A bumped ticket whose recall was tapped, which the feed has neither moved back nor bumped again. */
function isComingBack(
  ticket: TicketView,
  recall: RecallTap | undefined,
  inFeed: ReadonlySet<string>,
): boolean {
  return (
    recall !== undefined &&
    !inFeed.has(ticket.id) &&
    (recall.readyAt === undefined || ticket.readyAt === recall.readyAt)
  );
}
