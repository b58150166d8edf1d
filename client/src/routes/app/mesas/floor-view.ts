import type { OrderView, TableView } from '@smartket/shared';
import { t, type MessageKey } from '#lib/i18n/index.ts';
import type { OutboxKind } from '#lib/stores/floor.svelte.ts';

/**
 * What an order is called on the waiter's screens: its tables ("Mesa 4", joined "Mesa 4 + Mesa 5"),
 * or "Llevar #12 · Rosa" / "Delivery #3 · Juan" — the words the kitchen's ticket uses too.
 */
export function orderLabel(
  order: Pick<OrderView, 'type' | 'tableIds' | 'number' | 'customer'>,
  tables: readonly Pick<TableView, 'id' | 'name'>[],
): string {
  if (order.type === 'dine_in') {
    const names = order.tableIds.map((id) => tables.find((table) => table.id === id)?.name ?? '?');
    return names.join(' + ');
  }
  return `${orderKind(order)} · ${order.customer?.name ?? ''}`;
}

/**
 * "Llevar #12", "Delivery #3"; just "Llevar" while the number is unknown (opened on this phone
 * offline: the server numbers orders per branch and day when it receives them).
 */
export function orderKind(order: Pick<OrderView, 'type' | 'number'>): string {
  const known = order.number > 0;
  if (order.type === 'delivery') {
    return known ? t('floor.kind.delivery', { number: order.number }) : t('floor.kind.deliveryNew');
  }
  return known ? t('floor.kind.takeaway', { number: order.number }) : t('floor.kind.takeawayNew');
}

/**
 * How long a table has been seated, as a waiter glances at it: "ahora", "12 min", "1 h 05".
 * Never negative (a phone's clock a little ahead of the server's).
 */
export function elapsed(sinceIso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 60_000));
  if (minutes < 1) {
    return t('floor.elapsed.now');
  }
  if (minutes < 60) {
    return t('floor.elapsed.minutes', { minutes });
  }
  return t('floor.elapsed.hours', {
    hours: Math.floor(minutes / 60),
    minutes: String(minutes % 60).padStart(2, '0'),
  });
}

/**
 * A waiter as a tile or card names them at a glance: the first name ("Luis" of "Luis Alberto
 * Huamán"), or an owner's e-mail before the @ ("rosa.quispe").
 */
export function shortName(name: string): string {
  return name.trim().split(/[\s@]/)[0] ?? '';
}

/** How many dishes of an order wait at the pass for the waiter to take them (ready, not served). */
export function readyCount(order: Pick<OrderView, 'items'>): number {
  return order.items.reduce((sum, item) => (item.status === 'ready' ? sum + item.quantity : sum), 0);
}

const REFUSED: Record<OutboxKind, MessageKey> = {
  'orders.open': 'order.rejected.open',
  'orders.round': 'order.rejected.round',
  'orders.served': 'order.rejected.served',
  'orders.bill': 'order.rejected.bill',
  'orders.move': 'order.rejected.move',
  'orders.join': 'order.rejected.join',
  'orders.cancel': 'order.rejected.cancel',
  'orders.patch': 'order.rejected.patch',
};

/** What the server refused, in the waiter's words: "No se pudo enviar una ronda a cocina". */
export function refusedTitle(kind: OutboxKind): string {
  return t(REFUSED[kind]);
}
