import { ChargeInput, isOnTheHouse, type CheckoutLineView } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { uuid } from '#lib/testing/fixtures.ts';
import {
  chargePart,
  equalPartsList,
  initialChoice,
  partAmount,
  paysOff,
  percentTip,
  splitModes,
  type SplitChoice,
} from './split.ts';

function line(overrides: Partial<CheckoutLineView> = {}): CheckoutLineView {
  const quantity = overrides.quantity ?? 1;
  const unitPriceCents = overrides.unitPriceCents ?? 2200;
  const gross = quantity * unitPriceCents;
  return {
    itemId: uuid(),
    name: '1/4 de pollo',
    quantity,
    unitPriceCents,
    grossCents: gross,
    itemDiscountCents: 0,
    orderDiscountCents: 0,
    netCents: gross,
    paidQuantity: 0,
    paidCents: 0,
    ...overrides,
  };
}

/** A split as the server reports it: `paidParts` paid, the first other part next. */
function splitOf(parts: number, paidParts: number[]) {
  const next = Array.from({ length: parts }, (_, index) => index).find((index) => !paidParts.includes(index));
  return { parts, paid: paidParts.length, paidParts, next: next ?? null };
}

function bill(lines: CheckoutLineView[], paid = 0, split: ReturnType<typeof splitOf> | null = null) {
  const totalCents = lines.reduce((sum, each) => sum + each.netCents, 0);
  return { lines, totalCents, paidCents: paid, balanceCents: totalCents - paid, split };
}

const choice = (overrides: Partial<SplitChoice>): SplitChoice => ({
  mode: 'balance',
  units: {},
  parts: 2,
  ...overrides,
});

describe('a bill on the house', () => {
  const free = (lines: CheckoutLineView[]) =>
    bill(lines.map((each) => ({ ...each, orderDiscountCents: each.grossCents, netCents: 0 })));

  it('is closed whole by a charge of nothing', () => {
    const order = free([line(), line({ quantity: 2, unitPriceCents: 750 })]);
    expect(isOnTheHouse(order)).toBe(true);
    expect(splitModes(order)).toEqual({ balance: true, items: false, equal: false });
    expect(partAmount(order, choice({}))).toBe(0);
    expect(chargePart(order, choice({}))).toEqual({ kind: 'balance' });
  });

  it('is not a table where nothing was ordered, nor a bill paid off', () => {
    const empty = bill([]);
    expect(isOnTheHouse(empty)).toBe(false);
    expect(chargePart(empty, choice({}))).toBeNull();
    const paidOff = bill([line()], 2200);
    expect(isOnTheHouse(paidOff)).toBe(false);
    expect(chargePart(paidOff, choice({}))).toBeNull();
  });
});

describe('what the part on screen costs', () => {
  it('charges everything still owed by default', () => {
    const order = bill([line(), line({ quantity: 2, unitPriceCents: 750 })], 0);
    expect(initialChoice(order)).toEqual(choice({}));
    expect(partAmount(order, choice({}))).toBe(3700);
    expect(chargePart(order, choice({}))).toEqual({ kind: 'balance' });
    expect(paysOff(order, choice({}))).toBe(true);
  });

  it('prices picked units as the server does: a line’s units always add up to its net', () => {
    // S/ 10.00 of chicha for three glasses: 3.33, 3.33, 3.34.
    const chicha = line({
      name: 'Chicha',
      quantity: 3,
      unitPriceCents: 400,
      grossCents: 1200,
      netCents: 1000,
      itemDiscountCents: 200,
    });
    const pollo = line();
    const order = bill([pollo, chicha]);
    const first = choice({ mode: 'items', units: { [chicha.itemId]: 1 } });
    expect(partAmount(order, first)).toBe(333);
    expect(chargePart(order, first)).toEqual({
      kind: 'items',
      items: [{ itemId: chicha.itemId, quantity: 1 }],
    });
    expect(paysOff(order, first)).toBe(false);

    const later = bill([pollo, { ...chicha, paidQuantity: 1, paidCents: 333 }], 333);
    const rest = choice({ mode: 'items', units: { [chicha.itemId]: 2, [pollo.itemId]: 1 } });
    expect(partAmount(later, rest)).toBe(667 + 2200);
    expect(paysOff(later, rest)).toBe(true);
  });

  it('charges the last units of a line after a void for what is left of it, as the server does', () => {
    // S/ 56.00 of chicken for three: 18.66, 18.67, 18.67 by place. The three were charged one by
    // one and the first boleta voided: two paid for 37.34, one left owing 18.66.
    const pollo = line({
      quantity: 3,
      unitPriceCents: 1900,
      grossCents: 5700,
      orderDiscountCents: 100,
      netCents: 5600,
      paidQuantity: 2,
      paidCents: 3734,
    });
    const order = bill([pollo], 3734);
    const last = choice({ mode: 'items', units: { [pollo.itemId]: 1 } });
    expect(partAmount(order, last)).toBe(1866);
    expect(paysOff(order, last)).toBe(true);
    expect(partAmount(order, choice({}))).toBe(1866);
  });

  it('never picks more units than a line has left, and nothing picked is nothing to charge', () => {
    const pollo = line({ quantity: 2, paidQuantity: 1, paidCents: 2200 });
    const order = bill([pollo], 2200);
    const greedy = choice({ mode: 'items', units: { [pollo.itemId]: 5, [uuid()]: 1 } });
    expect(chargePart(order, greedy)).toEqual({
      kind: 'items',
      items: [{ itemId: pollo.itemId, quantity: 1 }],
    });
    expect(chargePart(order, choice({ mode: 'items' }))).toBeNull();
    expect(partAmount(order, choice({ mode: 'items' }))).toBe(0);
  });

  it('splits in equal parts with the céntimos on the last, from the parts already paid', () => {
    const order = bill([line({ unitPriceCents: 10000, grossCents: 10000, netCents: 10000 })]);
    const three = choice({ mode: 'equal', parts: 3 });
    expect(partAmount(order, three)).toBe(3333);
    expect(equalPartsList(order, three).map((part) => [part.amountCents, part.state])).toEqual([
      [3333, 'now'],
      [3333, 'later'],
      [3334, 'later'],
    ]);

    // Two paid: the split is fixed at three whatever the stepper says, the last takes 33.34.
    const started = bill(order.lines, 6666, splitOf(3, [0, 1]));
    expect(initialChoice(started)).toEqual(choice({ mode: 'equal', parts: 3 }));
    const stale = choice({ mode: 'equal', parts: 5 });
    expect(partAmount(started, stale)).toBe(3334);
    expect(chargePart(started, stale)).toEqual({ kind: 'equal', parts: 3 });
    expect(paysOff(started, stale)).toBe(true);
  });

  it('charges a voided part again for what it was, wherever it sat in the split', () => {
    const order = bill([line({ unitPriceCents: 10000, grossCents: 10000, netCents: 10000 })]);
    // The first two parts were voided (the customer wanted a factura); the last, 33.34, stands.
    const voided = bill(order.lines, 3334, splitOf(3, [2]));
    const stale = choice({ mode: 'equal', parts: 3 });
    expect(partAmount(voided, stale)).toBe(3333);
    expect(chargePart(voided, stale)).toEqual({ kind: 'equal', parts: 3 });
    expect(paysOff(voided, stale)).toBe(false);
    expect(equalPartsList(voided, stale).map((part) => [part.amountCents, part.state])).toEqual([
      [3333, 'now'],
      [3333, 'later'],
      [3334, 'paid'],
    ]);
    const last = bill(order.lines, 6667, splitOf(3, [0, 2]));
    expect(partAmount(last, stale)).toBe(3333);
    expect(paysOff(last, stale)).toBe(true);
    const settled = bill(order.lines, 10000, splitOf(3, [0, 1, 2]));
    expect(partAmount(settled, stale)).toBe(0);
    expect(chargePart(settled, stale)).toBeNull();
  });

  it('opens each way of splitting only when the server would take it', () => {
    const order = bill([line()]);
    expect(splitModes(order)).toEqual({ balance: true, items: true, equal: true });
    expect(splitModes(bill([line({ quantity: 2, paidQuantity: 1, paidCents: 2200 })], 2200))).toEqual({
      balance: true,
      items: true,
      equal: false,
    });
    expect(splitModes(bill([line()], 1100, splitOf(2, [0])))).toEqual({
      balance: true,
      items: false,
      equal: true,
    });
  });

  it('builds parts the shared charge schema accepts', () => {
    const pollo = line();
    const order = bill([pollo]);
    for (const each of [
      choice({}),
      choice({ mode: 'items', units: { [pollo.itemId]: 1 } }),
      choice({ mode: 'equal', parts: 20 }),
    ]) {
      const part = chargePart(order, each);
      const amount = partAmount(order, each);
      const parsed = ChargeInput.safeParse({
        id: uuid(),
        sessionId: uuid(),
        expectedVersion: 1,
        expectedAmountCents: amount,
        part,
        receipt: { type: 'boleta' },
        payments: [{ method: 'card', amountCents: amount }],
      });
      expect(parsed.success).toBe(true);
    }
  });
});

describe('tips', () => {
  it('rounds a percent tip half up to the céntimo', () => {
    expect(percentTip(4750, 10)).toBe(475);
    expect(percentTip(3333, 5)).toBe(167);
    expect(percentTip(3330, 5)).toBe(167);
    expect(percentTip(0, 10)).toBe(0);
  });
});
