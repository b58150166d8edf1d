import { lineUnitsAmount, SaleView, type CheckoutView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from './actors.ts';
import { cashReport } from './cash-fixtures.ts';
import {
  balanceCharge,
  buildChargingTill,
  buildCustomer,
  charge,
  closeCashSession,
  countRows,
  dinnerAt,
  openCashSession,
  readCheckout,
  setFiscalProfile,
  type ChargeBody,
  type OpenSession,
} from './checkout-factories.ts';
import { chickenItem, floorEvents, openTable, refusal, sendRound } from './order-factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './test-server.ts';

/**
 * The canje: a sale of a closed order is voided (a boleta where the customer wanted a factura,
 * the wrong tender) and the same consumption is charged again, on the receipt chosen now, in the
 * session open now. The order stays closed, its tables stay as they are, the floor hears
 * nothing; the reports count the completed sales only; a retry charges once; nothing beyond what
 * is owed is charged.
 */
describe('sales: charging a consumption again after its sale was voided', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** The next equal part of the order, as the screen that read `checkout` sends it. */
  function equalPart(
    checkout: CheckoutView,
    session: OpenSession,
    parts: number,
    amountCents: number,
    overrides: Partial<ChargeBody> = {},
  ): ChargeBody {
    return balanceCharge(checkout, session, {
      part: { kind: 'equal', parts },
      expectedAmountCents: amountCents,
      payments: [{ method: 'cash', amountCents }],
      ...overrides,
    });
  }

  /** Voids a sale (the owner may) with a reason, and answers it. */
  async function voided(client: ApiClient, saleId: string, reason = 'Quería factura'): Promise<SaleView> {
    return expectStatus(await client.post<SaleView>(`/api/tenant/sales/${saleId}/void`, { reason }), 200);
  }

  it('charges a voided half of a split bill again as a factura: F001-00000001, the old boleta stays voided, the table and the floor untouched', async () => {
    const till = await buildChargingTill(server);
    await setFiscalProfile(till.floor.owner, 'ruc');
    const company = await buildCustomer(server, till.floor.owner.tenantId, {
      docType: 'ruc',
      name: 'Constructora Los Andes S.A.C.',
      address: 'Jr. Puno 456, Cercado de Lima',
    });
    const order = await dinnerAt(till);
    const first = expectStatus(
      await charge(
        till.cashier,
        order.id,
        equalPart(await readCheckout(till.cashier, order.id), till.session, 2, 2200),
      ),
      201,
    );
    const second = expectStatus(
      await charge(
        till.cashier,
        order.id,
        equalPart(await readCheckout(till.cashier, order.id), till.session, 2, 2200, {
          payments: [{ method: 'yape', amountCents: 2200, reference: '0042' }],
        }),
      ),
      201,
    );
    expect([first.receipt, second.receipt]).toEqual(['B001-00000001', 'B001-00000002']);
    const paid = await readCheckout(till.cashier, order.id);
    expect(paid.order.status).toBe('closed');

    // Table 1 is free: the next customers sit there.
    const next = await openTable(till.owner, till.floor, 1);
    const seq = (await floorEvents(till.owner, till.floor.branchId)).latestSeq;

    // The first half wanted a factura: its boleta is voided, and that half is owed again.
    const gone = await voided(till.owner, first.id);
    expect(gone).toMatchObject({ status: 'voided', voidReason: 'Quería factura', orderBalanceCents: 2200 });
    const owing = await readCheckout(till.cashier, order.id);
    expect(owing).toMatchObject({ totalCents: 4400, paidCents: 2200, balanceCents: 2200 });
    expect(owing.order).toMatchObject({
      status: 'closed',
      closedAt: paid.order.closedAt,
      version: paid.order.version + 1,
    });
    expect(owing.split).toEqual({ parts: 2, paid: 1, paidParts: [1], next: 0 });
    expect(owing.sales.map((sale) => [sale.receipt, sale.status, sale.orderBalanceCents])).toEqual([
      ['B001-00000001', 'voided', 2200],
      ['B001-00000002', 'completed', 2200],
    ]);

    // The bill stays frozen: no discount, no round on a closed order.
    const discount = await till.cashier.put(`/api/tenant/orders/${order.id}/discount`, {
      kind: 'amount',
      value: 200,
      reason: 'Por la espera',
    });
    expect(refusal(discount, 409).code).toBe('ORDER_CLOSED');

    // More than is owed — the whole bill, as if nothing were paid — is refused, nothing written.
    const whole = balanceCharge(owing, till.session, {
      expectedAmountCents: 4400,
      receipt: { type: 'factura', customerId: company },
      payments: [{ method: 'card', amountCents: 4400 }],
    });
    expect(refusal(await charge(till.cashier, order.id, whole), 409)).toMatchObject({
      code: 'ORDER_CHANGED',
      details: { amountCents: 2200, paidCents: 2200 },
    });

    // The next equal part is exactly the voided half, on a factura to the company, by card.
    const body = equalPart(owing, till.session, 2, 2200, {
      receipt: { type: 'factura', customerId: company },
      payments: [{ method: 'card', amountCents: 2200, reference: 'VISA 1234' }],
    });
    const again = SaleView.parse(expectStatus(await charge(till.cashier, order.id, body), 201));
    expect(again).toMatchObject({
      id: body.id,
      orderId: order.id,
      orderLabel: 'Mesa 1',
      sessionId: till.session.sessionId,
      receiptType: 'factura',
      receipt: 'F001-00000001',
      customer: { docType: 'ruc', name: 'Constructora Los Andes S.A.C.' },
      part: { kind: 'equal', index: 0, count: 2 },
      totalCents: 2200,
      taxableCents: 1864,
      igvCents: 336,
      status: 'completed',
      orderBalanceCents: 0,
      header: { ruc: expect.any(String) },
    });
    expect(again.lines).toEqual([
      {
        orderItemId: null,
        description: 'Por consumo (parte 1 de 2)',
        quantity: 1,
        unitPriceCents: 2200,
        discountCents: 0,
        amountCents: 2200,
      },
    ]);

    const settled = await readCheckout(till.cashier, order.id);
    expect(settled).toMatchObject({ paidCents: 4400, balanceCents: 0 });
    expect(settled.order).toMatchObject({ status: 'closed', closedAt: paid.order.closedAt });
    expect(settled.split).toEqual({ parts: 2, paid: 2, paidParts: [0, 1], next: null });
    expect(settled.sales.map((sale) => [sale.receipt, sale.status])).toEqual([
      ['B001-00000001', 'voided'],
      ['B001-00000002', 'completed'],
      ['F001-00000001', 'completed'],
    ]);
    expect(
      expectStatus(await till.cashier.get<SaleView>(`/api/tenant/sales/${first.id}`), 200),
    ).toMatchObject({
      status: 'voided',
      orderBalanceCents: 0,
    });

    // The new customers still hold table 1; the floor heard nothing of the order, only that the
    // branch's sales changed: once for the void, once for the charge again.
    const table = await readCheckout(till.cashier, next.id);
    expect(table.order).toMatchObject({ status: 'open', tableIds: [till.floor.tables[0]!.id] });
    const salesChanged = [
      ['sales.changed', seq + 1, { saleId: first.id, orderId: order.id, status: 'voided' }],
      ['sales.changed', seq + 2, { saleId: again.id, orderId: order.id, status: 'completed' }],
    ];
    const heard = async () =>
      (await floorEvents(till.owner, till.floor.branchId, seq)).events.map((event) => [
        event.type,
        event.seq,
        event.payload,
      ]);
    expect(await heard()).toEqual(salesChanged);

    // A retry of the charge again answers the same sale and logs nothing; another charge finds
    // nothing owed.
    expect(expectStatus(await charge(till.cashier, order.id, body), 200)).toEqual(again);
    const more = refusal(await charge(till.cashier, order.id, { ...body, id: crypto.randomUUID() }), 409);
    expect(more).toMatchObject({ code: 'ORDER_CLOSED', details: { status: 'closed', balanceCents: 0 } });
    expect(await countRows(server, till.floor, 'sales')).toBe(3);
    expect(await heard()).toEqual(salesChanged);

    // The till counts the completed sales only: the voided boleta's cash is not in the drawer.
    const figures = await cashReport(till.cashier, till.session.sessionId);
    expect(figures).toMatchObject({
      salesCount: 2,
      salesCents: 4400,
      cashSalesCents: 0,
      expectedCents: 10000,
      voided: { count: 1, amountCents: 2200 },
    });
    expect(figures.byMethod.map((method) => [method.method, method.amountCents])).toEqual(
      expect.arrayContaining([
        ['yape', 2200],
        ['card', 2200],
      ]),
    );
    expect(figures.byMethod.some((method) => method.method === 'cash' && method.amountCents > 0)).toBe(false);

    // The day lists the three, the voided one marked and owing nothing now.
    const day = expectStatus(
      await till.cashier.get<SaleView[]>(`/api/tenant/branches/${till.floor.branchId}/sales`),
      200,
    );
    expect(day.map((sale) => [sale.receipt, sale.status, sale.orderBalanceCents])).toEqual([
      ['B001-00000001', 'voided', 0],
      ['B001-00000002', 'completed', 0],
      ['F001-00000001', 'completed', 0],
    ]);
  });

  it('charges the first of three equal parts again for what it was, with the last, larger one paid', async () => {
    const till = await buildChargingTill(server);
    const order = await dinnerAt(till);
    // S/ 44.00 in three: 14.66, 14.66 and 14.68.
    const amounts = [1466, 1466, 1468];
    const sales: SaleView[] = [];
    for (const amount of amounts) {
      const checkout = await readCheckout(till.cashier, order.id);
      sales.push(
        expectStatus(await charge(till.cashier, order.id, equalPart(checkout, till.session, 3, amount)), 201),
      );
    }
    await voided(till.owner, sales[0]!.id, 'Era con tarjeta');
    await voided(till.owner, sales[1]!.id, 'Era con tarjeta');
    const owing = await readCheckout(till.cashier, order.id);
    expect(owing).toMatchObject({ paidCents: 1468, balanceCents: 2932 });
    expect(owing.split).toEqual({ parts: 3, paid: 1, paidParts: [2], next: 0 });

    // The last part's 14.68 would overcharge by two céntimos: refused, and told the amount now.
    const wrong = equalPart(owing, till.session, 3, 1468);
    expect(refusal(await charge(till.cashier, order.id, wrong), 409)).toMatchObject({
      code: 'ORDER_CHANGED',
      details: { amountCents: 1466 },
    });
    const card = { payments: [{ method: 'card', amountCents: 1466 }] };
    const one = expectStatus(
      await charge(till.cashier, order.id, equalPart(owing, till.session, 3, 1466, card)),
      201,
    );
    expect(one.part).toEqual({ kind: 'equal', index: 0, count: 3 });
    const checkout = await readCheckout(till.cashier, order.id);
    expect(checkout.split).toEqual({ parts: 3, paid: 2, paidParts: [0, 2], next: 1 });
    // "Todo" settles the rest: one line for what is left.
    const rest = expectStatus(
      await charge(
        till.cashier,
        order.id,
        balanceCharge(checkout, till.session, { payments: [{ method: 'card', amountCents: 1466 }] }),
      ),
      201,
    );
    expect(rest).toMatchObject({ totalCents: 1466, part: { kind: 'balance' }, orderBalanceCents: 0 });
    expect(await readCheckout(till.cashier, order.id)).toMatchObject({ paidCents: 4400, balanceCents: 0 });
  });

  it('charges again in the session open now, not the closed one the voided sale was in', async () => {
    const till = await buildChargingTill(server);
    const order = await dinnerAt(till);
    // Paid by card: its void hands no cash back, so it needs no till open (a cash one does:
    // sales-void-cash.test.ts).
    const sale = expectStatus(
      await charge(
        till.cashier,
        order.id,
        balanceCharge(await readCheckout(till.cashier, order.id), till.session, {
          payments: [{ method: 'card', amountCents: 4400, reference: 'VISA 0001' }],
        }),
      ),
      201,
    );
    await closeCashSession(server, till.floor.owner.tenantId, till.session.sessionId);
    const gone = await voided(till.owner, sale.id, 'Cobrado en la caja equivocada');
    expect(gone).toMatchObject({ status: 'voided', cashBackCents: 0 });

    const owing = await readCheckout(till.cashier, order.id);
    expect(owing).toMatchObject({ balanceCents: 4400, order: { status: 'closed' } });
    // By items, as the lines were first charged: the whole of each line is owed again.
    expect(owing.lines.map((line) => line.paidQuantity)).toEqual([0, 0]);
    const stale = balanceCharge(owing, till.session);
    expect(refusal(await charge(till.cashier, order.id, stale), 409).code).toBe('CASH_SESSION_CLOSED');

    const now = await openCashSession(server, till.floor.owner.tenantId, till.floor.branchId);
    const again = expectStatus(
      await charge(
        till.cashier,
        order.id,
        balanceCharge(owing, now, {
          receipt: { type: 'nota_venta', customerId: null },
          payments: [{ method: 'cash', amountCents: 4400, receivedCents: 5000 }],
        }),
      ),
      201,
    );
    expect(again).toMatchObject({
      sessionId: now.sessionId,
      receipt: 'NV01-00000001',
      totalCents: 4400,
      changeCents: 600,
      part: { kind: 'balance' },
    });
    expect(again.lines.map((line) => [line.description, line.quantity, line.amountCents])).toEqual([
      ['1/4 Pollo a la brasa (Pierna)', 2, 3800],
      ['Chicha morada', 1, 600],
    ]);
    // The new session has the sale and its cash; the closed one kept the figures it closed with.
    expect(await cashReport(till.cashier, now.sessionId)).toMatchObject({
      salesCount: 1,
      salesCents: 4400,
      cashSalesCents: 4400,
      voided: { count: 0 },
      movements: [],
      movementsOutCents: 0,
    });
    expect(await cashReport(till.owner, till.session.sessionId)).toMatchObject({
      salesCount: 1,
      salesCents: 4400,
    });
  });

  it('charges the last unit of a line by items after a void for what is left of it, so the line adds up to its net', async () => {
    const till = await buildChargingTill(server);
    const opened = await openTable(till.owner, till.floor, 1);
    const order = await sendRound(till.owner, opened.id, [chickenItem(till.floor, 'Pierna', 3)]);
    // S/ 57.00 less S/ 1.00 off: S/ 56.00 for three, 18.66, 18.67 and 18.67 by place.
    expectStatus(
      await till.cashier.put(`/api/tenant/orders/${order.id}/discount`, {
        kind: 'amount',
        value: 100,
        reason: 'Cliente frecuente',
      }),
      200,
    );
    const itemId = order.items[0]!.id;
    const oneUnit = async (overrides: Partial<ChargeBody> = {}): Promise<SaleView> => {
      const checkout = await readCheckout(till.cashier, order.id);
      const line = checkout.lines[0]!;
      // What the till's screen shows for one more unit: the shared rule, as the server charges it.
      const amountCents = lineUnitsAmount(line, 1);
      return SaleView.parse(
        expectStatus(
          await charge(
            till.cashier,
            order.id,
            balanceCharge(checkout, till.session, {
              part: { kind: 'items', items: [{ itemId, quantity: 1 }] },
              expectedAmountCents: amountCents,
              payments: [{ method: 'card', amountCents }],
              ...overrides,
            }),
          ),
          201,
        ),
      );
    };
    const units = [await oneUnit(), await oneUnit(), await oneUnit()];
    expect(units.map((sale) => sale.totalCents)).toEqual([1866, 1867, 1867]);

    // The first unit's boleta is voided: S/ 18.66 owed, and the unit left costs exactly that.
    await voided(till.owner, units[0]!.id, 'Quería factura');
    const owing = await readCheckout(till.cashier, order.id);
    expect(owing).toMatchObject({ balanceCents: 1866, order: { status: 'closed' } });
    expect(owing.lines[0]).toMatchObject({ quantity: 3, netCents: 5600, paidQuantity: 2, paidCents: 3734 });
    const last = await oneUnit();
    expect(last).toMatchObject({ totalCents: 1866, orderBalanceCents: 0 });
    expect(last.lines).toEqual([
      expect.objectContaining({ orderItemId: itemId, quantity: 1, unitPriceCents: 1900, discountCents: 34 }),
    ]);

    const settled = await readCheckout(till.cashier, order.id);
    expect(settled).toMatchObject({ paidCents: 5600, balanceCents: 0 });
    expect(settled.lines[0]).toMatchObject({ paidQuantity: 3, paidCents: 5600 });
    const standing = settled.sales.filter((sale) => sale.status === 'completed');
    expect(standing.flatMap((sale) => sale.lines).reduce((sum, line) => sum + line.amountCents, 0)).toBe(
      5600,
    );
  });

  it('makes one sale of two charges again racing for the one part owed, and queues them behind a void', async () => {
    const till = await buildChargingTill(server);
    const order = await dinnerAt(till);
    const sale = expectStatus(
      await charge(
        till.cashier,
        order.id,
        balanceCharge(await readCheckout(till.cashier, order.id), till.session),
      ),
      201,
    );
    await voided(till.owner, sale.id);
    const owing = await readCheckout(till.cashier, order.id);
    const answers = await Promise.all(
      [0, 1].map(() => charge(till.cashier, order.id, balanceCharge(owing, till.session))),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    // The second found the order paid again and its money version moved on.
    expect(['ORDER_CLOSED', 'ORDER_CHANGED']).toContain(refusal(refused, 409).code);
    expect(await countRows(server, till.floor, 'sales')).toBe(2);
    expect(await readCheckout(till.cashier, order.id)).toMatchObject({ paidCents: 4400, balanceCents: 0 });

    // A void and a charge again of one order, at once, the charge written for the bill as the
    // void leaves it: they queue on the order, and whichever goes first, what the order was paid
    // is what its completed sales say.
    const last = answers.find((answer) => answer.status === 201)!.body;
    const paidAgain = await readCheckout(till.cashier, order.id);
    const afterVoid = balanceCharge(paidAgain, till.session, {
      expectedVersion: paidAgain.order.version + 1,
      expectedAmountCents: 4400,
      payments: [{ method: 'card', amountCents: 4400 }],
    });
    const [voidAnswer, chargeAnswer] = await Promise.all([
      till.owner.post<SaleView>(`/api/tenant/sales/${last.id}/void`, { reason: 'Otra vez boleta' }),
      charge(till.cashier, order.id, afterVoid),
    ]);
    expect(voidAnswer.status).toBe(200);
    const after = await readCheckout(till.cashier, order.id);
    const completed = after.sales.filter((known) => known.status === 'completed');
    expect(after.paidCents).toBe(completed.reduce((sum, known) => sum + known.totalCents, 0));
    expect(after.paidCents + after.balanceCents).toBe(4400);
    if (chargeAnswer.status === 201) {
      expect(after).toMatchObject({ paidCents: 4400, balanceCents: 0 });
    } else {
      expect(refusal(chargeAnswer, 409).code).toBe('ORDER_CLOSED');
      expect(after).toMatchObject({ paidCents: 0, balanceCents: 4400 });
    }
  });

  it('refuses a closed order that owes nothing, and a cancelled one, whatever the body says', async () => {
    const till = await buildChargingTill(server);
    const order = await dinnerAt(till);
    const checkout = await readCheckout(till.cashier, order.id);
    expectStatus(await charge(till.cashier, order.id, balanceCharge(checkout, till.session)), 201);
    const paidOff = refusal(await charge(till.cashier, order.id, balanceCharge(checkout, till.session)), 409);
    expect(paidOff).toMatchObject({ code: 'ORDER_CLOSED', details: { status: 'closed', balanceCents: 0 } });

    const cancelled = await openTable(till.owner, till.floor, 2);
    expectStatus(await till.owner.post(`/api/tenant/orders/${cancelled.id}/cancel`, {}), 200);
    const gone = await readCheckout(till.cashier, cancelled.id);
    // Its table was opened and nothing ordered: a body that pays S/ 5.00 anyway finds no bill.
    const anyway = balanceCharge(gone, till.session, {
      expectedAmountCents: 500,
      payments: [{ method: 'cash', amountCents: 500 }],
    });
    const refused = refusal(await charge(till.cashier, cancelled.id, anyway), 409);
    expect(refused).toMatchObject({ code: 'ORDER_CLOSED', details: { status: 'cancelled' } });
    expect(await countRows(server, till.floor, 'sales')).toBe(1);
  });
});
