import { priceOrder, type CheckoutLineView } from '@smartket/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import type { Customer } from '../customers/customer.entity.ts';
import {
  assertChargeable,
  assertReceiptAllowed,
  balanceOf,
  cashBackCents,
  cashTakenCents,
  chargePart,
  nextEqualPartIndex,
  receiptNumber,
  seriesPrefix,
  tendersFor,
  type ChargedPart,
  type CheckoutState,
} from './sales.policy.ts';

/** A bill priced by `priceOrder`, nothing paid yet. */
function stateOf(
  items: { id: string; quantity: number; unitPriceCents: number }[],
  orderDiscount?: { kind: 'amount' | 'percent'; value: number },
): CheckoutState {
  const pricing = priceOrder(
    items.map((item) => ({ ...item, status: 'pending' })),
    orderDiscount ? [{ itemId: null, ...orderDiscount }] : [],
  );
  return {
    lines: pricing.lines.map((line): CheckoutLineView => ({
      ...line,
      name: line.itemId,
      unitPriceCents: items.find((item) => item.id === line.itemId)!.unitPriceCents,
      paidQuantity: 0,
      paidCents: 0,
    })),
    subtotalCents: pricing.subtotalCents,
    discountCents: pricing.discountCents,
    totalCents: pricing.totalCents,
    paidCents: 0,
    splitParts: null,
    paidEqualParts: [],
    discountChargedCents: 0,
    writtenOffCents: 0,
  };
}

/**
 * `state` after `part` was charged (`sign` 1) or its sale voided (`sign` -1), as the database
 * would then read it: what completed sales paid, unit by unit and part by part.
 */
function afterCharge(state: CheckoutState, part: ChargedPart, sign: 1 | -1 = 1): CheckoutState {
  const units = new Map(part.lines.map((line) => [line.orderItemId, line.quantity]));
  const amounts = new Map(part.lines.map((line) => [line.orderItemId, line.amountCents]));
  const equal = part.kind === 'equal' ? part.index! : null;
  return {
    ...state,
    lines: state.lines.map((line) => ({
      ...line,
      paidQuantity: line.paidQuantity + sign * (units.get(line.itemId) ?? 0),
      paidCents: line.paidCents + sign * (amounts.get(line.itemId) ?? 0),
    })),
    paidCents: state.paidCents + sign * part.amountCents,
    splitParts: part.kind === 'equal' ? part.count : state.splitParts,
    paidEqualParts:
      equal === null
        ? state.paidEqualParts
        : sign === 1
          ? [...state.paidEqualParts, equal].sort((a, b) => a - b)
          : state.paidEqualParts.filter((index) => index !== equal),
    discountChargedCents: state.discountChargedCents + sign * part.discountCents,
  };
}

/** `state` after the sale of `part` was voided: it owes that part again. */
function afterVoid(state: CheckoutState, part: ChargedPart): CheckoutState {
  return afterCharge(state, part, -1);
}

/** The units a pick asks for, never more than a line has left: [line index, units] pairs. */
function unitsWanted(
  state: CheckoutState,
  pick: readonly (readonly [number, number])[],
): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const [index, units] of pick) {
    const line = state.lines[index]!;
    const left = line.quantity - line.paidQuantity - (wanted.get(line.itemId) ?? 0);
    if (left > 0) {
      wanted.set(line.itemId, (wanted.get(line.itemId) ?? 0) + Math.min(units, left));
    }
  }
  return wanted;
}

/**
 * A part charged by items takes no line below nothing or beyond what is left of it, nor more
 * than is owed, and its lines' prices and discounts agree.
 */
function expectFairUnits(state: CheckoutState, part: ChargedPart): void {
  expect(part.amountCents).toBeLessThanOrEqual(balanceOf(state));
  for (const charged of part.lines) {
    const line = state.lines.find((each) => each.itemId === charged.orderItemId)!;
    const leftCents = line.netCents - line.paidCents;
    expect(charged.amountCents).toBeGreaterThanOrEqual(0);
    expect(charged.amountCents).toBeLessThanOrEqual(leftCents);
    expect(charged.unitPriceCents * charged.quantity - charged.discountCents).toBe(charged.amountCents);
  }
}

function refusalOf(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

const bill = fc
  .uniqueArray(
    fc.record({
      id: fc.uuid(),
      quantity: fc.integer({ min: 1, max: 6 }),
      unitPriceCents: fc.integer({ min: 0, max: 9_999 }),
    }),
    { minLength: 1, maxLength: 8, selector: (item) => item.id },
  )
  .chain((items) =>
    fc.record({
      items: fc.constant(items),
      discount: fc.option(
        fc.oneof(
          fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 1, max: 5_000 }) }),
          fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 100 }) }),
        ),
        { nil: undefined },
      ),
      // Which units each item-part takes: [line index, units wanted] pairs.
      picks: fc.array(
        fc.array(fc.tuple(fc.nat({ max: items.length - 1 }), fc.integer({ min: 1, max: 6 })), {
          minLength: 1,
          maxLength: 4,
        }),
        { maxLength: 5 },
      ),
    }),
  );

describe('charging a part of the bill', () => {
  it('adds up to the total and its discount, however the bill is paid by items before the balance', () => {
    fc.assert(
      fc.property(bill, ({ items, discount, picks }) => {
        let state = stateOf(items, discount);
        const parts: ChargedPart[] = [];
        for (const pick of picks) {
          const wanted = unitsWanted(state, pick);
          if (wanted.size === 0) {
            continue;
          }
          const part = chargePart(state, {
            kind: 'items',
            items: [...wanted].map(([itemId, quantity]) => ({ itemId, quantity })),
          });
          parts.push(part);
          state = afterCharge(state, part);
        }
        const rest = chargePart(state, { kind: 'balance' });
        parts.push(rest);
        state = afterCharge(state, rest);
        expect(parts.reduce((sum, part) => sum + part.amountCents, 0)).toBe(state.totalCents);
        expect(parts.reduce((sum, part) => sum + part.discountCents, 0)).toBe(state.discountCents);
        expect(state.lines.every((line) => line.paidQuantity === line.quantity)).toBe(true);
        for (const part of parts) {
          expect(part.subtotalCents - part.discountCents).toBe(part.amountCents);
          for (const line of part.lines) {
            expect(line.discountCents).toBeGreaterThanOrEqual(0);
            expect(line.unitPriceCents * line.quantity - line.discountCents).toBe(line.amountCents);
          }
        }
        expect(chargePart(state, { kind: 'balance' }).amountCents).toBe(0);
      }),
    );
  });

  it('splits in equal parts that add up to the total and the discount, the last part taking the céntimos', () => {
    fc.assert(
      fc.property(bill, fc.integer({ min: 2, max: 20 }), ({ items, discount }, parts) => {
        let state = stateOf(items, discount);
        const charged: ChargedPart[] = [];
        for (let index = 0; index < parts; index += 1) {
          const part = chargePart(state, { kind: 'equal', parts });
          expect(part).toMatchObject({ kind: 'equal', index, count: parts });
          charged.push(part);
          state = afterCharge(state, part);
        }
        expect(charged.reduce((sum, part) => sum + part.amountCents, 0)).toBe(state.totalCents);
        expect(charged.reduce((sum, part) => sum + part.discountCents, 0)).toBe(state.discountCents);
        expect(state.paidCents).toBe(state.totalCents);
      }),
    );
  });

  it('lets the balance close an equal split with what is left of the bill and of its discount', () => {
    let state = stateOf([{ id: 'pollo', quantity: 1, unitPriceCents: 10_000 }], {
      kind: 'amount',
      value: 1_000,
    });
    const first = chargePart(state, { kind: 'equal', parts: 4 });
    expect(first).toMatchObject({ amountCents: 2250, discountCents: 250, subtotalCents: 2500 });
    state = afterCharge(state, first);
    const rest = chargePart(state, { kind: 'balance' });
    expect(rest).toMatchObject({
      kind: 'balance',
      amountCents: 6750,
      discountCents: 750,
      subtotalCents: 7500,
    });
    expect(rest.lines).toEqual([
      {
        orderItemId: null,
        description: 'Por consumo',
        quantity: 1,
        unitPriceCents: 7500,
        discountCents: 750,
        amountCents: 6750,
      },
    ]);
  });

  it('refuses an equal split once items are paid, another number of parts, and items once split', () => {
    const fresh = stateOf([{ id: 'pollo', quantity: 2, unitPriceCents: 1900 }]);
    const byItem = afterCharge(
      fresh,
      chargePart(fresh, { kind: 'items', items: [{ itemId: 'pollo', quantity: 1 }] }),
    );
    expect(refusalOf(() => chargePart(byItem, { kind: 'equal', parts: 2 })).code).toBe('CONFLICT');
    const split = afterCharge(fresh, chargePart(fresh, { kind: 'equal', parts: 3 }));
    expect(refusalOf(() => chargePart(split, { kind: 'equal', parts: 2 })).details).toEqual({
      splitParts: 3,
    });
    expect(
      refusalOf(() => chargePart(split, { kind: 'items', items: [{ itemId: 'pollo', quantity: 1 }] })).code,
    ).toBe('CONFLICT');
  });

  it('charges exactly what a voided part left owing, whichever part of a bill paid by items was voided', () => {
    fc.assert(
      fc.property(bill, fc.nat(), ({ items, discount, picks }, voidAt) => {
        let state = stateOf(items, discount);
        const parts: ChargedPart[] = [];
        for (const pick of picks) {
          const wanted = unitsWanted(state, pick);
          if (wanted.size > 0) {
            const part = chargePart(state, {
              kind: 'items',
              items: [...wanted].map(([itemId, quantity]) => ({ itemId, quantity })),
            });
            parts.push(part);
            state = afterCharge(state, part);
          }
        }
        const last = chargePart(state, { kind: 'balance' });
        parts.push(last);
        state = afterCharge(state, last);
        // Any one of the receipts is voided (the customer wanted a factura): the rest of the bill
        // is exactly what that receipt charged, line by line, and charging it settles the bill.
        const voided = parts[voidAt % parts.length]!;
        state = afterVoid(state, voided);
        expect(balanceOf(state)).toBe(voided.amountCents);
        const again = chargePart(state, { kind: 'balance' });
        expect(again.amountCents).toBe(voided.amountCents);
        expect(again.discountCents).toBe(voided.discountCents);
        for (const line of again.lines) {
          expect(line.discountCents).toBeGreaterThanOrEqual(0);
          expect(line.unitPriceCents * line.quantity - line.discountCents).toBe(line.amountCents);
        }
        state = afterCharge(state, again);
        expect(state.paidCents).toBe(state.totalCents);
        expect(state.lines.every((line) => line.paidQuantity === line.quantity)).toBe(true);
      }),
    );
  });

  it('keeps every line adding up to its net when its units are charged, voided and charged again by items', () => {
    fc.assert(
      fc.property(
        bill,
        fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 12 }),
        ({ items, discount, picks }, steps) => {
          let state = stateOf(items, discount);
          const completed: ChargedPart[] = [];
          let nextPick = 0;
          // Each step charges the next pick of units, or voids one of the sales standing.
          for (const [voids, which] of steps) {
            if (voids && completed.length > 0) {
              const [voided] = completed.splice(which % completed.length, 1);
              state = afterVoid(state, voided!);
              continue;
            }
            const wanted = unitsWanted(state, picks[nextPick++ % Math.max(picks.length, 1)] ?? []);
            if (wanted.size === 0) {
              continue;
            }
            const part = chargePart(state, {
              kind: 'items',
              items: [...wanted].map(([itemId, quantity]) => ({ itemId, quantity })),
            });
            expectFairUnits(state, part);
            completed.push(part);
            state = afterCharge(state, part);
          }
          // The cashier picks every unit left, line by line, as "por ítems": exactly what is owed.
          const left = state.lines.filter((line) => line.quantity > line.paidQuantity);
          if (left.length === 0) {
            expect(balanceOf(state)).toBe(0);
            return;
          }
          const rest = chargePart(state, {
            kind: 'items',
            items: left.map((line) => ({ itemId: line.itemId, quantity: line.quantity - line.paidQuantity })),
          });
          expectFairUnits(state, rest);
          expect(rest.amountCents).toBe(balanceOf(state));
          completed.push(rest);
          state = afterCharge(state, rest);
          for (const line of state.lines) {
            const paid = completed
              .flatMap((part) => part.lines)
              .filter((charged) => charged.orderItemId === line.itemId)
              .reduce((sum, charged) => sum + charged.amountCents, 0);
            expect(paid).toBe(line.netCents);
          }
          expect(state.paidCents).toBe(state.totalCents);
        },
      ),
    );
  });

  it('charges the last unit of a line after a void for what is left of it, not its place’s price', () => {
    // S/ 56.00 of chicken for three: 18.66, 18.67, 18.67 by place.
    let state = stateOf([{ id: 'pollo', quantity: 3, unitPriceCents: 1900 }], { kind: 'amount', value: 100 });
    const one = { kind: 'items' as const, items: [{ itemId: 'pollo', quantity: 1 }] };
    const parts: ChargedPart[] = [];
    for (let unit = 0; unit < 3; unit += 1) {
      const part = chargePart(state, one);
      parts.push(part);
      state = afterCharge(state, part);
    }
    expect(parts.map((part) => part.amountCents)).toEqual([1866, 1867, 1867]);
    // The first unit's boleta is voided: 18.66 is owed, and the unit left costs exactly that.
    state = afterVoid(state, parts[0]!);
    expect(balanceOf(state)).toBe(1866);
    const again = chargePart(state, one);
    expect(again.amountCents).toBe(1866);
    expect(again.lines).toEqual([
      {
        orderItemId: 'pollo',
        description: 'pollo',
        quantity: 1,
        unitPriceCents: 1900,
        discountCents: 34,
        amountCents: 1866,
      },
    ]);
    expect(chargePart(state, { kind: 'balance' }).amountCents).toBe(1866);
  });

  it('charges a voided equal part again for exactly what it was, whatever its place in the split', () => {
    fc.assert(
      fc.property(
        bill,
        fc.integer({ min: 2, max: 20 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        ({ items, discount }, parts, voids) => {
          let state = stateOf(items, discount);
          const charged = new Map<number, ChargedPart>();
          for (let index = 0; index < parts; index += 1) {
            const part = chargePart(state, { kind: 'equal', parts });
            charged.set(part.index!, part);
            state = afterCharge(state, part);
          }
          const voided = [...new Set(voids.map((pick) => pick % parts))];
          for (const index of voided) {
            state = afterVoid(state, charged.get(index)!);
          }
          expect(nextEqualPartIndex(parts, state.paidEqualParts)).toBe(Math.min(...voided));
          for (const index of voided.sort((a, b) => a - b)) {
            const again = chargePart(state, { kind: 'equal', parts });
            expect(again).toEqual(charged.get(index));
            state = afterCharge(state, again);
          }
          expect(state.paidCents).toBe(state.totalCents);
          expect(state.discountChargedCents).toBe(state.discountCents);
          expect(nextEqualPartIndex(parts, state.paidEqualParts)).toBeNull();
        },
      ),
    );
  });

  it('takes a charge of an order on the floor, or of a closed one owing again after a void — nothing else', () => {
    const order = (status: 'open' | 'bill_requested' | 'closed' | 'cancelled' | 'merged') => ({
      id: 'o1',
      status,
      mergedIntoId: null,
    });
    expect(() => assertChargeable(order('open'), 0)).not.toThrow();
    expect(() => assertChargeable(order('bill_requested'), 2500)).not.toThrow();
    expect(() => assertChargeable(order('closed'), 1200)).not.toThrow();
    const paidOff = refusalOf(() => assertChargeable(order('closed'), 0));
    expect(paidOff).toMatchObject({ code: 'ORDER_CLOSED', status: 409 });
    expect(paidOff.details).toEqual({ orderId: 'o1', status: 'closed', mergedIntoId: null, balanceCents: 0 });
    expect(refusalOf(() => assertChargeable(order('cancelled'), 2500)).code).toBe('ORDER_CLOSED');
    expect(refusalOf(() => assertChargeable(order('merged'), 2500)).code).toBe('ORDER_CLOSED');
  });

  it('names every item asked for that the bill cannot give', () => {
    const state = stateOf([
      { id: 'pollo', quantity: 2, unitPriceCents: 1900 },
      { id: 'chicha', quantity: 1, unitPriceCents: 600 },
    ]);
    const error = refusalOf(() =>
      chargePart(state, {
        kind: 'items',
        items: [
          { itemId: 'pollo', quantity: 3 },
          { itemId: 'gaseosa', quantity: 1 },
          { itemId: 'chicha', quantity: 1 },
          { itemId: 'chicha', quantity: 1 },
        ],
      }),
    );
    expect(error.status).toBe(422);
    expect(error.fields).toEqual({
      'part.items.0.quantity': { code: 'more_than_left', message: 'Only 2 left to pay', params: { left: 2 } },
      'part.items.1.itemId': { code: 'unknown_reference', message: 'No such item on this bill' },
      'part.items.3.itemId': { code: 'duplicate', message: 'This item is named twice' },
    });
  });
});

describe('tenders', () => {
  it('must add up to the part and the tip; only cash gives change', () => {
    expect(
      tendersFor(
        [
          { method: 'cash', amountCents: 1300, receivedCents: 2000, reference: null },
          { method: 'yape', amountCents: 1500, receivedCents: null, reference: '123' },
          { method: 'cash', amountCents: 200, receivedCents: null, reference: null },
        ],
        2500,
        500,
      ).map((tender) => tender.changeCents),
    ).toEqual([700, 0, 0]);
    const error = refusalOf(() =>
      tendersFor([{ method: 'card', amountCents: 2500, receivedCents: null, reference: null }], 2500, 100),
    );
    expect(error.fields?.payments?.code).toBe('payments_mismatch');
  });
});

describe('cash given back by a void', () => {
  const tenders = [
    { method: 'cash' as const, amountCents: 2600 },
    { method: 'yape' as const, amountCents: 2000 },
    { method: 'cash' as const, amountCents: 400 },
  ];

  it('counts the cash tenders only, tip included', () => {
    expect(cashTakenCents(tenders)).toBe(3000);
    expect(cashTakenCents([{ method: 'card', amountCents: 4400 }])).toBe(0);
  });

  it('gives it back from another drawer only once the sale’s session closed with it', () => {
    const completed = { status: 'completed' as const, voidedAfterClose: false };
    expect(cashBackCents(completed, { status: 'open' }, tenders)).toBe(0);
    expect(cashBackCents(completed, { status: 'closed' }, tenders)).toBe(3000);
    expect(cashBackCents(completed, undefined, tenders)).toBe(0);
    // Voided once its session had closed (settled under that session's lock, kept on the sale).
    const after = { status: 'voided' as const, voidedAfterClose: true };
    expect(cashBackCents(after, { status: 'closed' }, tenders)).toBe(3000);
    // Voided while its session was open: its close left it out of that drawer.
    const before = { status: 'voided' as const, voidedAfterClose: false };
    expect(cashBackCents(before, { status: 'closed' }, tenders)).toBe(0);
    expect(cashBackCents(before, { status: 'open' }, tenders)).toBe(0);
  });
});

describe('receipts', () => {
  const customer = (docType: Customer['docType']) => ({ docType }) as Customer;
  const withRuc = {
    taxMode: 'ruc' as const,
    ruc: '20100123456',
    legalName: 'X S.A.C.',
    fiscalAddress: 'Lima',
  };
  const simple = { taxMode: 'simple_receipt' as const, ruc: null, legalName: null, fiscalAddress: null };

  it('issues a factura only from a business with a RUC to a customer with one', () => {
    expect(() => assertReceiptAllowed('factura', withRuc, customer('ruc'))).not.toThrow();
    const field = (work: () => void) => Object.entries(refusalOf(work).fields ?? {})[0];
    expect(field(() => assertReceiptAllowed('factura', simple, customer('ruc')))).toEqual([
      'receipt.type',
      expect.objectContaining({ code: 'factura_needs_ruc' }),
    ]);
    expect(field(() => assertReceiptAllowed('factura', null, customer('ruc')))?.[0]).toBe('receipt.type');
    expect(field(() => assertReceiptAllowed('factura', withRuc, customer('dni')))).toEqual([
      'receipt.customerId',
      expect.objectContaining({ code: 'ruc_required' }),
    ]);
    expect(field(() => assertReceiptAllowed('factura', withRuc, null))?.[0]).toBe('receipt.customerId');
    expect(() => assertReceiptAllowed('boleta', simple, null)).not.toThrow();
    expect(() => assertReceiptAllowed('nota_venta', null, customer('dni'))).not.toThrow();
  });

  it('names series B001, F001, NV01 and on, and prints correlatives with eight digits', () => {
    expect([seriesPrefix('boleta', 1), seriesPrefix('factura', 2), seriesPrefix('nota_venta', 1)]).toEqual([
      'B001',
      'F002',
      'NV01',
    ]);
    expect(seriesPrefix('nota_venta', 99)).toBe('NV99');
    expect(() => seriesPrefix('nota_venta', 100)).toThrow(RangeError);
    expect(() => seriesPrefix('boleta', 0)).toThrow(RangeError);
    expect(receiptNumber('B001', 42)).toBe('B001-00000042');
  });
});
