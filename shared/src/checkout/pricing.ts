import type { DiscountKind } from '../enums.ts';

/** What pricing needs of an order's item. Voided items cost nothing and are left out. */
export interface PricedItem {
  id: string;
  quantity: number;
  unitPriceCents: number;
  status: string;
}

/** A discount on one item (`itemId`) or on the whole order (`itemId: null`). */
export interface PricedDiscount {
  itemId: string | null;
  kind: DiscountKind;
  /** Céntimos for `amount`, whole percent (1–100) for `percent`. */
  value: number;
}

export interface LinePricing {
  itemId: string;
  quantity: number;
  /** Unit price × quantity. */
  grossCents: number;
  itemDiscountCents: number;
  /** This line's share of the order's discount. */
  orderDiscountCents: number;
  /** What the line costs after both discounts. */
  netCents: number;
}

export interface OrderPricing {
  lines: LinePricing[];
  /** Σ gross of the standing lines. */
  subtotalCents: number;
  /** Item discounts and the order's, together. */
  discountCents: number;
  /** What the order costs: Σ net of the lines. */
  totalCents: number;
}

/** A discount's céntimos on `baseCents`: an amount never beyond the base, a percent rounded half up. */
export function discountOn(baseCents: number, discount: Pick<PricedDiscount, 'kind' | 'value'>): number {
  if (discount.kind === 'amount') {
    return Math.min(discount.value, baseCents);
  }
  return Math.floor((baseCents * discount.value + 50) / 100);
}

/**
 * Splits `amountCents` over `weights` in proportion, by largest remainder (ties to the earlier
 * one), so the shares add up to the amount exactly.
 */
export function allocate(amountCents: number, weights: readonly number[]): number[] {
  const whole = weights.reduce((sum, weight) => sum + weight, 0);
  if (whole === 0) {
    return weights.map(() => 0);
  }
  const shares = weights.map((weight) => Math.floor((amountCents * weight) / whole));
  let left = amountCents - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = weights
    .map((weight, index) => ({ index, remainder: (amountCents * weight) % whole }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) {
      break;
    }
    shares[index] = (shares[index] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

/**
 * The price of an order: each standing line's gross, its own discount, its share of the
 * order's discount (taken on what is left after the item discounts), and its net. The lines'
 * nets add up to the total exactly; the server and every screen price an order with this.
 */
export function priceOrder(items: readonly PricedItem[], discounts: readonly PricedDiscount[]): OrderPricing {
  const standing = items.filter((item) => item.status !== 'voided');
  const itemDiscount = new Map(
    discounts.filter((discount) => discount.itemId !== null).map((discount) => [discount.itemId, discount]),
  );
  const orderDiscount = discounts.find((discount) => discount.itemId === null);
  const afterItem = standing.map((item) => {
    const grossCents = item.unitPriceCents * item.quantity;
    const discount = itemDiscount.get(item.id);
    const itemDiscountCents = discount ? discountOn(grossCents, discount) : 0;
    return { item, grossCents, itemDiscountCents, rest: grossCents - itemDiscountCents };
  });
  const restCents = afterItem.reduce((sum, line) => sum + line.rest, 0);
  const orderDiscountCents = orderDiscount ? discountOn(restCents, orderDiscount) : 0;
  const shares = allocate(
    orderDiscountCents,
    afterItem.map((line) => line.rest),
  );
  const lines = afterItem.map((line, index): LinePricing => {
    const share = shares[index] ?? 0;
    return {
      itemId: line.item.id,
      quantity: line.item.quantity,
      grossCents: line.grossCents,
      itemDiscountCents: line.itemDiscountCents,
      orderDiscountCents: share,
      netCents: line.rest - share,
    };
  });
  const subtotalCents = lines.reduce((sum, line) => sum + line.grossCents, 0);
  const totalCents = lines.reduce((sum, line) => sum + line.netCents, 0);
  return { lines, subtotalCents, discountCents: subtotalCents - totalCents, totalCents };
}
