import { SaleView } from '@smartket/shared';
import { describe, expect, it } from 'vitest';
import {
  BRANCH,
  orderClosed,
  orderOpened,
  orderUpdated,
  orderView,
  salesChanged,
  ticketCreated,
  ticketView,
  timingChanged,
  uuid,
} from '#lib/testing/fixtures.ts';
import { changesSalesList, chargeAgainIds, daySummary, methodsOf, shownDay } from './sales-day.ts';

/** A sale as the server answers it (parsed, so a fixture that drifts from the schema fails here). */
function sale(overrides: Partial<SaleView> = {}): SaleView {
  return SaleView.parse({
    id: uuid(),
    branchId: BRANCH,
    orderId: uuid(),
    orderLabel: 'Mesa 4',
    sessionId: uuid(),
    receiptType: 'boleta',
    series: 'B001',
    number: 1,
    receipt: 'B001-00000001',
    customer: null,
    part: { kind: 'balance', index: null, count: null },
    lines: [],
    subtotalCents: 4400,
    discountCents: 0,
    totalCents: 4400,
    taxableCents: 3729,
    igvCents: 671,
    tipCents: 0,
    changeCents: 0,
    payments: [{ method: 'cash', amountCents: 4400, receivedCents: null, changeCents: 0, reference: null }],
    status: 'completed',
    voidReason: null,
    voidedAt: null,
    voidedByName: null,
    chargedByName: 'Ana',
    createdAt: '2026-11-21T01:30:00.000Z',
    header: {
      businessName: 'Pollería El Buen Sabor',
      legalName: null,
      ruc: null,
      fiscalAddress: null,
      branchName: 'Local principal',
      branchAddress: null,
    },
    orderBalanceCents: 0,
    cashBackCents: 0,
    refunded: false,
    ...overrides,
  });
}

function voided(orderId: string, voidedAt: string, orderBalanceCents = 4400): SaleView {
  return sale({
    orderId,
    status: 'voided',
    voidReason: 'Quería factura',
    voidedAt,
    voidedByName: 'Rosa',
    orderBalanceCents,
  });
}

describe('the day the sales screen shows', () => {
  it('takes a day from the URL only when it is a real day not after today', () => {
    expect(shownDay('2026-11-19', '2026-11-21')).toBe('2026-11-19');
    expect(shownDay('2026-11-22', '2026-11-21')).toBe('2026-11-21');
    expect(shownDay('2026-13-01', '2026-11-21')).toBe('2026-11-21');
    expect(shownDay(null, '2026-11-21')).toBe('2026-11-21');
  });
});

describe("the day's figures", () => {
  it('adds the completed sales and their tips, and only counts the voided ones', () => {
    const order = uuid();
    const sales = [
      voided(order, '2026-11-21T02:00:00.000Z', 0),
      sale({ orderId: order, totalCents: 4400, tipCents: 300 }),
      sale({ totalCents: 1250 }),
    ];
    expect(daySummary(sales)).toEqual({ count: 2, totalCents: 5650, tipCents: 300, voided: 1 });
    expect(daySummary([])).toEqual({ count: 0, totalCents: 0, tipCents: 0, voided: 0 });
  });

  it('names each way a sale was paid once, in the order it was given', () => {
    const mixed = sale({
      payments: [
        { method: 'yape', amountCents: 2000, receivedCents: null, changeCents: 0, reference: '12' },
        { method: 'cash', amountCents: 1400, receivedCents: 2000, changeCents: 600, reference: null },
        { method: 'yape', amountCents: 1000, receivedCents: null, changeCents: 0, reference: '13' },
      ],
    });
    expect(methodsOf(mixed)).toEqual(['yape', 'cash']);
    expect(methodsOf(sale({ payments: [] }))).toEqual([]);
  });

  it('offers to charge again the last voided sale of each order that still owes', () => {
    const twice = uuid();
    const first = voided(twice, '2026-11-21T02:00:00.000Z');
    const second = voided(twice, '2026-11-21T03:00:00.000Z');
    const settled = voided(uuid(), '2026-11-21T02:30:00.000Z', 0);
    const other = voided(uuid(), '2026-11-21T02:45:00.000Z', 2200);
    expect(chargeAgainIds([second, first, settled, other, sale()])).toEqual(new Set([second.id, other.id]));
  });

  it('never offers to charge again a refund: its money went back for good', () => {
    const both = uuid();
    // A canje voided first, then another part of the same order given back to the customer:
    // the order still owes the canje's part, and that receipt is where to charge it.
    const canje = voided(both, '2026-11-21T02:00:00.000Z', 2200);
    const refund = { ...voided(both, '2026-11-21T03:00:00.000Z', 2200), refunded: true };
    const alone = { ...voided(uuid(), '2026-11-21T02:30:00.000Z', 0), refunded: true };
    expect(chargeAgainIds([canje, refund, alone])).toEqual(new Set([canje.id]));
  });

  it('reads the list again for any sale charged or voided, and for changes of its own orders only', () => {
    const listed = sale();
    const listedOrder = orderView({ id: listed.orderId });
    const otherOrder = orderView();
    const day = [listed];

    // A void or a canje of any order — listed or not, closed long ago — changes the day.
    expect(changesSalesList(salesChanged(1, listed.orderId, 'voided'), day)).toBe(true);
    expect(changesSalesList(salesChanged(2, otherOrder.id, 'completed'), [])).toBe(true);
    // A listed order that owes again changes what "Cobrar de nuevo" says.
    expect(changesSalesList(orderUpdated(3, listedOrder), day)).toBe(true);
    expect(changesSalesList(orderClosed(4, listedOrder.id), day)).toBe(true);
    // The rest of the floor leaves the list as it is.
    expect(changesSalesList(orderOpened(5, otherOrder), day)).toBe(false);
    expect(changesSalesList(orderUpdated(6, otherOrder), day)).toBe(false);
    expect(changesSalesList(orderClosed(7, otherOrder.id), day)).toBe(false);
    expect(changesSalesList(ticketCreated(8, 1, ticketView({ orderId: listed.orderId })), day)).toBe(false);
    expect(changesSalesList(timingChanged(9, 2, { warnMinutes: 8, lateMinutes: 15 }), day)).toBe(false);
  });
});
