import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { igvBreakdown } from './igv.ts';
import { allocate, priceOrder, type PricedDiscount, type PricedItem } from './pricing.ts';
import { equalPartAmount, equalParts, lineUnitsAmount, unitsAmount } from './split.ts';

const cents = fc.integer({ min: 0, max: 10_000_000 });

const item = fc.record({
  id: fc.uuid(),
  quantity: fc.integer({ min: 1, max: 99 }),
  unitPriceCents: fc.integer({ min: 0, max: 99_999 }),
  status: fc.constantFrom('pending', 'ready', 'served', 'voided'),
});

const discount = fc.oneof(
  fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 1, max: 500_000 }) }),
  fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 100 }) }),
);

/** An order's items with a discount on some of them and maybe one on the whole order. */
const pricedOrder = fc
  .uniqueArray(item, { minLength: 0, maxLength: 15, selector: (line) => line.id })
  .chain((items) =>
    fc.record({
      items: fc.constant(items),
      itemDiscounts: fc.array(fc.tuple(fc.nat({ max: Math.max(items.length - 1, 0) }), discount), {
        maxLength: items.length,
      }),
      orderDiscount: fc.option(discount, { nil: undefined }),
    }),
  )
  .map(({ items, itemDiscounts, orderDiscount }) => {
    const discounts: PricedDiscount[] = [];
    for (const [index, chosen] of itemDiscounts) {
      const target = items[index];
      if (target && !discounts.some((known) => known.itemId === target.id)) {
        discounts.push({ itemId: target.id, ...chosen });
      }
    }
    if (orderDiscount) {
      discounts.push({ itemId: null, ...orderDiscount });
    }
    return { items, discounts };
  });

describe('IGV breakdown', () => {
  it('adds back up to the total, with the base within half a céntimo of total / 1.18', () => {
    fc.assert(
      fc.property(cents, (total) => {
        const { taxableCents, igvCents, totalCents } = igvBreakdown(total);
        expect(totalCents).toBe(total);
        expect(taxableCents + igvCents).toBe(total);
        expect(Math.abs(taxableCents - (total * 100) / 118)).toBeLessThanOrEqual(0.5);
        expect(igvCents).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('breaks out the receipts a pollería prints every night', () => {
    expect(igvBreakdown(1590)).toEqual({ totalCents: 1590, taxableCents: 1347, igvCents: 243 });
    expect(igvBreakdown(11800)).toEqual({ totalCents: 11800, taxableCents: 10000, igvCents: 1800 });
    // 59 / 1.18 = 50 exactly; 1 / 1.18 = 0.847… rounds up to 1: no IGV on one céntimo.
    expect(igvBreakdown(59)).toEqual({ totalCents: 59, taxableCents: 50, igvCents: 9 });
    expect(igvBreakdown(1)).toEqual({ totalCents: 1, taxableCents: 1, igvCents: 0 });
    expect(igvBreakdown(0)).toEqual({ totalCents: 0, taxableCents: 0, igvCents: 0 });
  });

  it('refuses a total that is not whole céntimos', () => {
    expect(() => igvBreakdown(12.5)).toThrow(RangeError);
    expect(() => igvBreakdown(-100)).toThrow(RangeError);
  });
});

describe('equal parts', () => {
  it('always add up exactly to the total, the last part taking the céntimos left', () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 1, max: 20 }), (total, parts) => {
        const amounts = equalParts(total, parts);
        expect(amounts).toHaveLength(parts);
        expect(amounts.reduce((sum, amount) => sum + amount, 0)).toBe(total);
        const first = amounts[0] ?? 0;
        for (const amount of amounts.slice(0, -1)) {
          expect(amount).toBe(first);
        }
        expect((amounts.at(-1) ?? 0) - first).toBeGreaterThanOrEqual(0);
        expect((amounts.at(-1) ?? 0) - first).toBeLessThan(parts);
      }),
    );
  });

  it('splits S/ 100.00 in three as 33.33, 33.33 and 33.34', () => {
    expect(equalParts(10000, 3)).toEqual([3333, 3333, 3334]);
    expect(equalPartAmount(10000, 3, 2)).toBe(3334);
    expect(equalParts(5, 3)).toEqual([1, 1, 3]);
    expect(() => equalPartAmount(100, 2, 2)).toThrow(RangeError);
    expect(() => equalPartAmount(100, 0, 0)).toThrow(RangeError);
  });
});

describe('charging a line by units', () => {
  it('sums to the line however its units are grouped into parts', () => {
    fc.assert(
      fc.property(
        cents,
        fc
          .integer({ min: 1, max: 99 })
          .chain((quantity) =>
            fc.tuple(
              fc.constant(quantity),
              fc.array(fc.integer({ min: 1, max: quantity }), { maxLength: 30 }),
            ),
          ),
        (net, [quantity, groups]) => {
          let paid = 0;
          let charged = 0;
          for (const wanted of groups) {
            const units = Math.min(wanted, quantity - paid);
            charged += unitsAmount(net, quantity, paid, units);
            paid += units;
          }
          charged += unitsAmount(net, quantity, paid, quantity - paid);
          expect(charged).toBe(net);
        },
      ),
    );
  });

  it('refuses more units than are left', () => {
    expect(unitsAmount(1000, 3, 1, 2)).toBe(667);
    expect(() => unitsAmount(1000, 3, 2, 2)).toThrow(RangeError);
  });

  it('keeps a line adding up to its net through charges and voids, never below nothing or beyond what is left', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 30 }), cents),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 12 })), { maxLength: 30 }),
        (net, quantity, steps) => {
          // The completed sales of the line: units and amount each. A step charges some units
          // left, or voids one of those sales.
          const sales: { units: number; amountCents: number }[] = [];
          const line = () => ({
            netCents: net,
            quantity,
            paidQuantity: sales.reduce((sum, sale) => sum + sale.units, 0),
            paidCents: sales.reduce((sum, sale) => sum + sale.amountCents, 0),
          });
          for (const [voids, which, wanted] of steps) {
            if (voids && sales.length > 0) {
              sales.splice(which % sales.length, 1);
              continue;
            }
            const now = line();
            const units = Math.min(wanted, quantity - now.paidQuantity);
            if (units === 0) {
              continue;
            }
            const amountCents = lineUnitsAmount(now, units);
            expect(amountCents).toBeGreaterThanOrEqual(0);
            expect(amountCents).toBeLessThanOrEqual(now.netCents - now.paidCents);
            sales.push({ units, amountCents });
          }
          const now = line();
          const rest = quantity - now.paidQuantity;
          if (rest > 0) {
            sales.push({ units: rest, amountCents: lineUnitsAmount(now, rest) });
          }
          expect(line()).toEqual({ netCents: net, quantity, paidQuantity: quantity, paidCents: net });
        },
      ),
    );
  });

  it('prices units by their place until a void, then the last ones at what is left of the line', () => {
    // S/ 10.00 for three: 3.33, 3.33, 3.34 by place, whichever way they are grouped.
    expect(lineUnitsAmount({ netCents: 1000, quantity: 3, paidQuantity: 1, paidCents: 333 }, 1)).toBe(333);
    expect(lineUnitsAmount({ netCents: 1000, quantity: 3, paidQuantity: 1, paidCents: 333 }, 2)).toBe(667);
    // The first unit's sale was voided after the other two were paid (3.33 + 3.34): the unit
    // left is owed 3.33, not the last place's 3.34.
    expect(lineUnitsAmount({ netCents: 1000, quantity: 3, paidQuantity: 2, paidCents: 667 }, 1)).toBe(333);
    // A line of two céntimos for eight units whose two paid took both: nothing is left to take.
    expect(lineUnitsAmount({ netCents: 2, quantity: 8, paidQuantity: 2, paidCents: 2 }, 5)).toBe(0);
    expect(() => lineUnitsAmount({ netCents: 100, quantity: 2, paidQuantity: 1, paidCents: 101 }, 1)).toThrow(
      RangeError,
    );
  });
});

describe('pricing an order', () => {
  it('has lines whose nets add up to the total, never below zero, and voided items free', () => {
    fc.assert(
      fc.property(pricedOrder, ({ items, discounts }) => {
        const pricing = priceOrder(items, discounts);
        const standing = items.filter((line) => line.status !== 'voided');
        expect(pricing.lines.map((line) => line.itemId)).toEqual(standing.map((line) => line.id));
        expect(pricing.lines.reduce((sum, line) => sum + line.netCents, 0)).toBe(pricing.totalCents);
        expect(pricing.subtotalCents - pricing.discountCents).toBe(pricing.totalCents);
        for (const line of pricing.lines) {
          expect(line.netCents).toBeGreaterThanOrEqual(0);
          expect(line.grossCents - line.itemDiscountCents - line.orderDiscountCents).toBe(line.netCents);
        }
        expect(pricing.totalCents).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('takes the order discount after the item discounts and spreads it in proportion', () => {
    const items: PricedItem[] = [
      { id: 'pollo', quantity: 1, unitPriceCents: 6000, status: 'served' },
      { id: 'chicha', quantity: 2, unitPriceCents: 1000, status: 'served' },
      { id: 'error', quantity: 1, unitPriceCents: 900, status: 'voided' },
    ];
    const pricing = priceOrder(items, [
      { itemId: 'chicha', kind: 'percent', value: 50 },
      { itemId: null, kind: 'amount', value: 700 },
    ]);
    expect(pricing).toEqual({
      subtotalCents: 8000,
      discountCents: 1700,
      totalCents: 6300,
      lines: [
        {
          itemId: 'pollo',
          quantity: 1,
          grossCents: 6000,
          itemDiscountCents: 0,
          orderDiscountCents: 600,
          netCents: 5400,
        },
        {
          itemId: 'chicha',
          quantity: 2,
          grossCents: 2000,
          itemDiscountCents: 1000,
          orderDiscountCents: 100,
          netCents: 900,
        },
      ],
    });
  });

  it('never discounts more than there is', () => {
    const items: PricedItem[] = [{ id: 'gaseosa', quantity: 1, unitPriceCents: 500, status: 'pending' }];
    expect(priceOrder(items, [{ itemId: 'gaseosa', kind: 'amount', value: 900 }]).totalCents).toBe(0);
    expect(priceOrder(items, [{ itemId: null, kind: 'percent', value: 100 }]).totalCents).toBe(0);
  });

  it('allocates by largest remainder, ties to the earlier share', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
  });
});
