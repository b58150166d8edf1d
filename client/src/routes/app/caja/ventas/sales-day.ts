import { type BranchEvent, type PaymentMethod, type SaleView } from '@smartket/shared';
import { isCalendarDay } from '#lib/dates.ts';

// The day's sales at the till: which day, its figures, and which voided receipts still wait to
// be charged again.

/** The day a screen shows: the one the URL names when it is a real day not after today, else today. */
export function shownDay(asked: string | null, today: string): string {
  return isCalendarDay(asked) && asked <= today ? asked : today;
}

/** What the day took: its completed sales (voided ones apart), their totals and tips. */
export interface DaySummary {
  count: number;
  totalCents: number;
  tipCents: number;
  voided: number;
}

/** The figures of a day's sales: a voided sale counts only as voided, as in the Z report. */
export function daySummary(sales: readonly SaleView[]): DaySummary {
  return sales.reduce<DaySummary>(
    (sum, sale) =>
      sale.status === 'voided'
        ? { ...sum, voided: sum.voided + 1 }
        : {
            ...sum,
            count: sum.count + 1,
            totalCents: sum.totalCents + sale.totalCents,
            tipCents: sum.tipCents + sale.tipCents,
          },
    { count: 0, totalCents: 0, tipCents: 0, voided: 0 },
  );
}

/** How a sale was paid: each method once, in the order its tenders were given. */
export function methodsOf(sale: Pick<SaleView, 'payments'>): PaymentMethod[] {
  return [...new Set(sale.payments.map((payment) => payment.method))];
}

/**
 * Whether a floor event may change the day's list: a sale charged or voided anywhere in the
 * branch (`sales.changed`, also of an order long closed), or a change of an order some of the
 * listed sales belong to — what it owes again ("Cobrar de nuevo S/ 12.00") or its label. The
 * floor's other events (rounds of other tables, the kitchen's) leave the list as it is.
 */
export function changesSalesList(event: BranchEvent, sales: readonly SaleView[]): boolean {
  switch (event.type) {
    case 'sales.changed':
      return true;
    case 'orders.opened':
    case 'orders.updated':
      return sales.some((sale) => sale.orderId === event.payload.order.id);
    case 'orders.closed':
      return sales.some((sale) => sale.orderId === event.payload.orderId);
    case 'tickets.created':
    case 'tickets.updated':
    case 'kitchen.timing':
      return false;
  }
}

/**
 * The voided sales that offer "Cobrar de nuevo": of each order that owes again, its last voided
 * sale only — an order voided twice is charged once more, not twice. A refund never does: its
 * money went back for good (what the order owes is another void's).
 */
export function chargeAgainIds(sales: readonly SaleView[]): Set<string> {
  const last = new Map<string, SaleView>();
  for (const sale of sales) {
    if (sale.status !== 'voided' || sale.refunded || sale.orderBalanceCents <= 0) {
      continue;
    }
    const seen = last.get(sale.orderId);
    if (!seen || (sale.voidedAt ?? '') > (seen.voidedAt ?? '')) {
      last.set(sale.orderId, sale);
    }
  }
  return new Set([...last.values()].map((sale) => sale.id));
}
