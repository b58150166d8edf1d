import { formatPen, type OrderView, type TableView } from '@smartket/shared';
import { t } from '#lib/i18n/index.ts';

// How the till screens put the floor and the drawer into words.

/** Counted − expected, in the cashier's words, and how it should look. */
export interface DifferenceWords {
  tone: 'short' | 'over' | 'even';
  text: string;
}

/** "Falta S/ 3.50" (cash missing), "Sobra S/ 2.00" (cash over) or "Cuadra exacto". */
export function differenceWords(differenceCents: number): DifferenceWords {
  if (differenceCents < 0) {
    return { tone: 'short', text: t('cash.difference.short', { amount: formatPen(-differenceCents) }) };
  }
  if (differenceCents > 0) {
    return { tone: 'over', text: t('cash.difference.over', { amount: formatPen(differenceCents) }) };
  }
  return { tone: 'even', text: t('cash.difference.even') };
}

/** 0: the bill was asked for; 1: a table; 2: takeaway and delivery. */
function rank(order: OrderView): number {
  if (order.status === 'bill_requested') {
    return 0;
  }
  return order.type === 'dine_in' ? 1 : 2;
}

function tableNumber(order: OrderView, tables: ReadonlyMap<string, TableView>): number {
  const first = order.tableIds[0];
  return (first ? tables.get(first)?.number : undefined) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * The live orders in the order a cashier charges them: those whose bill was asked for first
 * (longest waiting first), then the tables by number, then takeaway and delivery by number.
 */
export function ordersToCharge(
  orders: readonly OrderView[],
  tables: ReadonlyMap<string, TableView>,
): OrderView[] {
  return orders
    .filter((order) => order.status === 'open' || order.status === 'bill_requested')
    .map((order) => ({ order, rank: rank(order) }))
    .sort((a, b) => {
      if (a.rank !== b.rank) {
        return a.rank - b.rank;
      }
      if (a.rank === 0) {
        const asked = (a.order.billRequestedAt ?? '').localeCompare(b.order.billRequestedAt ?? '');
        if (asked !== 0) {
          return asked;
        }
      }
      if (a.order.type === 'dine_in' && b.order.type === 'dine_in') {
        const byTable = tableNumber(a.order, tables) - tableNumber(b.order, tables);
        if (byTable !== 0) {
          return byTable;
        }
      }
      const aTable = a.order.type === 'dine_in' ? 0 : 1;
      const bTable = b.order.type === 'dine_in' ? 0 : 1;
      if (aTable !== bTable) {
        return aTable - bTable;
      }
      return a.order.number - b.order.number || a.order.openedAt.localeCompare(b.order.openedAt);
    })
    .map(({ order }) => order);
}

/** What is still owed on an order (its total less what split parts already paid). */
export function owedCents(order: Pick<OrderView, 'totalCents' | 'paidCents'>): number {
  return Math.max(0, order.totalCents - order.paidCents);
}
