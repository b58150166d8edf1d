import type { TableView } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import { BRANCH, orderView, uuid } from '#lib/testing/fixtures.ts';
import { differenceWords, ordersToCharge, owedCents } from './cash-view.ts';

function table(number: number): TableView {
  return {
    id: uuid(),
    branchId: BRANCH,
    zoneId: uuid(),
    number,
    name: `Mesa ${number}`,
    seats: 4,
    active: true,
  };
}

describe('differenceWords', () => {
  it('says what is missing, what is over, or that it is exact', () => {
    expect(differenceWords(-350)).toEqual({ tone: 'short', text: 'Falta S/ 3.50' });
    expect(differenceWords(200)).toEqual({ tone: 'over', text: 'Sobra S/ 2.00' });
    expect(differenceWords(0)).toEqual({ tone: 'even', text: 'Cuadra exacto' });
  });
});

describe('ordersToCharge', () => {
  it('puts asked bills first, then tables by number, then takeaway and delivery', () => {
    const [t2, t10, t4] = [table(2), table(10), table(4)];
    const tables = new Map([t2, t10, t4].map((each) => [each.id, each]));
    const customer = { name: 'Rosa', phone: null, address: null };
    const mesa10 = orderView({ tableIds: [t10.id] });
    const mesa2 = orderView({ tableIds: [t2.id] });
    const llevar7 = orderView({ type: 'takeaway', tableIds: [], number: 7, customer });
    const delivery3 = orderView({ type: 'delivery', tableIds: [], number: 3, customer });
    const askedLate = orderView({
      tableIds: [t4.id],
      status: 'bill_requested',
      billRequestedAt: '2026-03-06T21:10:00.000Z',
    });
    const askedEarly = orderView({
      type: 'takeaway',
      tableIds: [],
      customer,
      status: 'bill_requested',
      billRequestedAt: '2026-03-06T21:00:00.000Z',
    });
    const closed = orderView({ status: 'closed' });
    const sorted = ordersToCharge([llevar7, mesa10, closed, askedLate, delivery3, mesa2, askedEarly], tables);
    expect(sorted).toEqual([askedEarly, askedLate, mesa2, mesa10, delivery3, llevar7]);
  });

  it('owes the total less what was paid', () => {
    expect(owedCents({ totalCents: 5000, paidCents: 2500 })).toBe(2500);
    expect(owedCents({ totalCents: 0, paidCents: 0 })).toBe(0);
  });
});
