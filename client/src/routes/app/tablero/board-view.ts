import type { OrderView, TableView } from '@smartket/shared';
import { t } from '#lib/i18n/index.ts';

// How the owner's live board names and measures what the floor feed holds.

const TABLE_PREFIX = 'Mesa ';

/**
 * "Mesa 4", "Mesa 4 + 5" (joined tables), "Llevar #12 · Juan", "Delivery #3 · Ana": the way
 * the kitchen's tickets name an order.
 */
export function orderLabel(order: OrderView, tables: ReadonlyMap<string, TableView>): string {
  if (order.type !== 'dine_in') {
    const key = order.type === 'takeaway' ? 'board.label.takeaway' : 'board.label.delivery';
    return t(key, { number: order.number, name: order.customer?.name ?? '' }).replace(/ · $/, '');
  }
  const names = order.tableIds.map((id) => tables.get(id)?.name ?? t('board.label.table'));
  const [first, ...joined] = names;
  if (first === undefined) {
    return t('board.label.table');
  }
  const shorten = first.startsWith(TABLE_PREFIX);
  const rest = joined.map((name) =>
    shorten && name.startsWith(TABLE_PREFIX) ? name.slice(TABLE_PREFIX.length) : name,
  );
  return [first, ...rest].join(' + ');
}

/**
 * A takeaway's or delivery's customer, shown on a line of its own under "Delivery #4" (a long
 * name wraps there instead of squeezing beside the amount); null for a table, or without a name.
 */
export function customerOf(order: Pick<OrderView, 'type' | 'customer'>): string | null {
  return order.type === 'dine_in' ? null : order.customer?.name || null;
}

/** How many of an order's dishes are in the kitchen, and how many wait to be served. */
export function dishCounts(order: OrderView): { inKitchen: number; toServe: number } {
  let inKitchen = 0;
  let toServe = 0;
  for (const item of order.items) {
    if (item.status === 'pending' || item.status === 'preparing') {
      inKitchen += item.quantity;
    } else if (item.status === 'ready') {
      toServe += item.quantity;
    }
  }
  return { inKitchen, toServe };
}

/** The tables the live dine-in orders hold. */
export function occupiedTables(orders: readonly OrderView[]): number {
  return new Set(orders.filter((order) => order.type === 'dine_in').flatMap((order) => order.tableIds)).size;
}

/**
 * "45 s", "12 min", "12 min 30 s" (with `withSeconds`), "1 h 5 min": a span of time as an
 * owner reads it.
 */
export function formatDuration(seconds: number, withSeconds = false): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) {
    return t('board.duration.seconds', { seconds: whole });
  }
  const minutes = Math.floor(whole / 60);
  if (minutes >= 60) {
    return t('board.duration.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  }
  const rest = whole % 60;
  return withSeconds && rest > 0
    ? t('board.duration.minutesSeconds', { minutes, seconds: rest })
    : t('board.duration.minutes', { minutes });
}
