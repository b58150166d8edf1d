import {
  BRANCH_EVENT_TYPES,
  CheckoutView,
  SaleView,
  type BranchEvent,
  type FloorSnapshotView,
  type OrderView,
} from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBranch, expectStatus, openSocket, socketOutcome, type DeviceClient } from './actors.ts';
import {
  balanceCharge,
  buildChargingTill,
  buildCustomer,
  charge,
  closeCashSession,
  countRows,
  openCashSession,
  readCheckout,
  setFiscalProfile,
  type ChargeBody,
  type ChargingTill,
} from './checkout-factories.ts';
import {
  buildWaiter,
  chickenItem,
  floorEvents,
  floorEventTypes,
  furnishBranch,
  openTable,
  openTakeaway,
  refusal,
  sendRound,
  type Floor,
} from './order-factories.ts';
import { withTenantSql } from './tenant-sql.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * Charging an order at the till: the whole bill or a part of it (by items, in equal parts), in
 * one or several tenders, on a boleta, factura or nota de venta whose correlatives stay gapless
 * under concurrent charges; a retry charges once; a changed order or a closed till is refused
 * with nothing written; a paid order frees its table on every screen.
 */
describe('checkout: charging an order', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  interface Till extends ChargingTill {
    waiter: DeviceClient;
  }

  /** A business ready to charge, with a waiter on its floor too. */
  async function buildTill(): Promise<Till> {
    const till = await buildChargingTill(server);
    return { ...till, waiter: (await buildWaiter(server, till.floor)).client };
  }

  /** Table `table` opened by the waiter with a chicken (Pierna, S/ 19.00) and a chicha (S/ 6.00): S/ 25.00. */
  async function dinnerAt(till: Till, table = 1): Promise<OrderView> {
    const order = await openTable(till.waiter, till.floor, table);
    return sendRound(till.waiter, order.id, [
      chickenItem(till.floor),
      { productId: till.floor.menu.chicha.id },
    ]);
  }

  async function seqOf(floor: Floor): Promise<number> {
    return (await floorEvents(floor.owner.client, floor.branchId)).latestSeq;
  }

  it('charges the whole bill in cash with change, prints a boleta B001-00000001, and frees the table on every screen', async () => {
    const till = await buildTill();
    const order = await dinnerAt(till, 2);
    const checkout = CheckoutView.parse(await readCheckout(till.cashier, order.id));
    expect(checkout).toMatchObject({
      subtotalCents: 2500,
      discountCents: 0,
      totalCents: 2500,
      paidCents: 0,
      balanceCents: 2500,
      split: null,
      sales: [],
    });
    expect(
      checkout.lines.map((line) => [line.name, line.quantity, line.netCents, line.paidQuantity]),
    ).toEqual([
      ['1/4 Pollo a la brasa (Pierna)', 1, 1900, 0],
      ['Chicha morada', 1, 600, 0],
    ]);

    const seq = await seqOf(till.floor);
    const body = balanceCharge(checkout, till.session, {
      payments: [{ method: 'cash', amountCents: 2500, receivedCents: 5000 }],
    });
    const sale = SaleView.parse(expectStatus(await charge(till.cashier, order.id, body), 201));
    expect(sale).toMatchObject({
      id: body.id,
      orderId: order.id,
      orderLabel: 'Mesa 2',
      sessionId: till.session.sessionId,
      receiptType: 'boleta',
      series: 'B001',
      number: 1,
      receipt: 'B001-00000001',
      customer: null,
      part: { kind: 'balance', index: null, count: null },
      subtotalCents: 2500,
      discountCents: 0,
      totalCents: 2500,
      // 2500 / 1.18 = 2118.64… → 2119; the IGV is what is left.
      taxableCents: 2119,
      igvCents: 381,
      tipCents: 0,
      changeCents: 2500,
      status: 'completed',
      payments: [
        { method: 'cash', amountCents: 2500, receivedCents: 5000, changeCents: 2500, reference: null },
      ],
      header: { businessName: expect.any(String), ruc: null, branchName: expect.any(String) },
    });
    expect(sale.lines).toEqual([
      {
        orderItemId: order.items[0]!.id,
        description: '1/4 Pollo a la brasa (Pierna)',
        quantity: 1,
        unitPriceCents: 1900,
        discountCents: 0,
        amountCents: 1900,
      },
      {
        orderItemId: order.items[1]!.id,
        description: 'Chicha morada',
        quantity: 1,
        unitPriceCents: 600,
        discountCents: 0,
        amountCents: 600,
      },
    ]);

    // The waiter's phone hears the table is free, and can open it again at once; every screen
    // showing the branch's sales hears they changed.
    const events = (await floorEvents(till.waiter, till.floor.branchId, seq)).events;
    expect(events.map((event) => event.type)).toEqual(['orders.closed', 'sales.changed']);
    expect(events[0]!.payload).toEqual({ orderId: order.id, status: 'closed', mergedIntoId: null });
    expect(events[1]!.payload).toEqual({ saleId: sale.id, orderId: order.id, status: 'completed' });
    const floor = expectStatus(
      await till.waiter.get<FloorSnapshotView>(`/api/tenant/branches/${till.floor.branchId}/floor`),
      200,
    );
    expect(floor.orders.map((live) => live.id)).not.toContain(order.id);
    await openTable(till.waiter, till.floor, 2);

    const after = await readCheckout(till.cashier, order.id);
    expect(after).toMatchObject({
      order: {
        status: 'closed',
        paidCents: 2500,
        closedAt: expect.any(String),
        tableIds: [till.floor.tables[1]!.id],
      },
      paidCents: 2500,
      balanceCents: 0,
    });
    expect(after.lines.map((line) => line.paidQuantity)).toEqual([1, 1]);
    expect(after.sales).toEqual([sale]);
    expect(expectStatus(await till.cashier.get(`/api/tenant/sales/${sale.id}`), 200)).toEqual(sale);

    // Charging a closed order again (with a new sale id) is refused.
    const again = await charge(till.cashier, order.id, { ...body, id: crypto.randomUUID() });
    expect(refusal(again, 409).code).toBe('ORDER_CLOSED');
  });

  it('charges once when the same charge is retried, or sent five times at once', async () => {
    const till = await buildTill();
    const order = await dinnerAt(till);
    const body = balanceCharge(await readCheckout(till.cashier, order.id), till.session);
    const first = expectStatus(await charge(till.cashier, order.id, body), 201);
    const seq = await seqOf(till.floor);
    // A retry answers the sale as it is, whatever the (valid) body now says, and logs nothing.
    const changedMind = { ...body, expectedVersion: 99, tipCents: 500 };
    changedMind.payments = [{ method: 'card', amountCents: 3000 }];
    const retried = expectStatus(await charge(till.cashier, order.id, changedMind), 200);
    expect(retried).toEqual(first);
    expect(await floorEventTypes(till.waiter, till.floor.branchId, seq)).toEqual([]);

    const racing = await dinnerAt(till, 3);
    const raceSeq = await seqOf(till.floor);
    const raceBody = balanceCharge(await readCheckout(till.cashier, racing.id), till.session);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => charge(till.cashier, racing.id, raceBody)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.body.number))).toEqual(new Set([2]));
    expect(await countRows(server, till.floor, 'sales')).toBe(2);
    // The five copies closed the order once and changed the sales once.
    expect(await floorEventTypes(till.waiter, till.floor.branchId, raceSeq)).toEqual([
      'orders.closed',
      'sales.changed',
    ]);

    // The same sale id for another order is another charge mixed up: refused.
    const other = await dinnerAt(till, 4);
    const otherBody = {
      ...balanceCharge(await readCheckout(till.cashier, other.id), till.session),
      id: body.id,
    };
    expect(refusal(await charge(till.cashier, other.id, otherBody), 409).code).toBe('CONFLICT');

    // One new sale id sent for two orders at the same moment: neither order's lock stops the
    // other, the sale's primary key does — one sale, and the other charge is told of the mix-up.
    const left = await dinnerAt(till, 5);
    const right = await dinnerAt(till, 6);
    const sharedId = crypto.randomUUID();
    const [leftAnswer, rightAnswer] = await Promise.all(
      [left, right].map(async (order) =>
        charge(till.cashier, order.id, {
          ...balanceCharge(await readCheckout(till.cashier, order.id), till.session),
          id: sharedId,
        }),
      ),
    );
    expect([leftAnswer!.status, rightAnswer!.status].sort()).toEqual([201, 409]);
    expect(await countRows(server, till.floor, 'sales')).toBe(3);
    // The refused charge gave its number back: the next one follows without a gap.
    const loser = leftAnswer!.status === 409 ? left : right;
    const next = expectStatus(
      await charge(
        till.cashier,
        loser.id,
        balanceCharge(await readCheckout(till.cashier, loser.id), till.session),
      ),
      201,
    );
    expect(next.number).toBe(4);
  });

  it('refuses to charge without an open session of the branch, with nothing written', async () => {
    const till = await buildTill();
    const order = await dinnerAt(till);
    const checkout = await readCheckout(till.cashier, order.id);
    const expectClosedTill = async (sessionId: string) => {
      const error = refusal(
        await charge(till.cashier, order.id, { ...balanceCharge(checkout, till.session), sessionId }),
        409,
      );
      expect(error.code).toBe('CASH_SESSION_CLOSED');
      expect(error.fields?.sessionId?.code).toBe('unavailable');
      expect(error.details).toMatchObject({ sessionId });
    };

    await expectClosedTill(crypto.randomUUID());
    // A session of another branch of the business does not take this branch's money.
    const elsewhere = await buildBranch(server, till.floor.owner, 'Local Surco');
    await expectClosedTill((await openCashSession(server, till.floor.owner.tenantId, elsewhere)).sessionId);
    await closeCashSession(server, till.floor.owner.tenantId, till.session.sessionId);
    await expectClosedTill(till.session.sessionId);

    expect(await countRows(server, till.floor, 'sales')).toBe(0);
    expect((await readCheckout(till.cashier, order.id)).order).toMatchObject({
      paidCents: 0,
      status: 'open',
    });
  });

  it('refuses a charge of an order that changed since the screen showed it, with nothing written', async () => {
    const till = await buildTill();
    const order = await dinnerAt(till);
    const seen = await readCheckout(till.cashier, order.id);
    expect(seen.order.version).toBe(2);
    // Another round reaches the table while the cashier takes the money.
    await sendRound(till.waiter, order.id, [{ productId: till.floor.menu.soda.id }]);
    const stale = await charge(till.cashier, order.id, balanceCharge(seen, till.session));
    const error = refusal(stale, 409);
    expect(error.code).toBe('ORDER_CHANGED');
    expect(error.details).toMatchObject({ version: 3, amountCents: 3000 });

    // Same version, another amount than the screen showed: refused too.
    const now = await readCheckout(till.cashier, order.id);
    const wrongAmount = balanceCharge(now, till.session, {
      expectedAmountCents: 2500,
      payments: [{ method: 'cash', amountCents: 2500 }],
    });
    expect(refusal(await charge(till.cashier, order.id, wrongAmount), 409).details).toMatchObject({
      version: 3,
      amountCents: 3000,
    });
    expect(await countRows(server, till.floor, 'sales')).toBe(0);

    // The refused charges took no number: the next one is B001-00000001.
    const sale = expectStatus(await charge(till.cashier, order.id, balanceCharge(now, till.session)), 201);
    expect(sale.receipt).toBe('B001-00000001');
    expect(sale.totalCents).toBe(3000);
  });

  it('closes a bill on the house (100 % off) with its receipt and no tender, and nothing else worth nothing', async () => {
    const till = await buildTill();
    const order = await dinnerAt(till);
    const discount = { kind: 'percent', value: 100, reason: 'Cortesía de la casa' };
    expectStatus(await till.cashier.put(`/api/tenant/orders/${order.id}/discount`, discount), 200);
    const free = await readCheckout(till.cashier, order.id);
    expect(free.balanceCents).toBe(0);

    const onTheHouse = balanceCharge(free, till.session, { expectedAmountCents: 0, payments: [] });
    const sale = expectStatus(await charge(till.cashier, order.id, onTheHouse), 201);
    expect(sale).toMatchObject({ totalCents: 0, taxableCents: 0, igvCents: 0, payments: [] });
    expect((await readCheckout(till.cashier, order.id)).order.status).toBe('closed');

    // A table where nothing was ordered is not a cortesía: it is cancelled, it takes no number.
    const empty = await readCheckout(till.cashier, (await openTable(till.waiter, till.floor, 3)).id);
    expect(empty).toMatchObject({ lines: [], totalCents: 0 });
    const nothing = balanceCharge(empty, till.session, { expectedAmountCents: 0, payments: [] });
    expect(refusal(await charge(till.cashier, empty.order.id, nothing), 409).details).toMatchObject({
      amountCents: 0,
    });
    expect(await countRows(server, till.floor, 'sales')).toBe(1);

    // An order with money owed still needs its tenders.
    const owed = await readCheckout(till.cashier, (await dinnerAt(till, 2)).id);
    const unpaid = balanceCharge(owed, till.session, { payments: [] });
    expect(refusal(await charge(till.cashier, owed.order.id, unpaid), 422).fields).toMatchObject({
      payments: { code: 'payments_mismatch' },
    });
  });

  it('splits a bill in three equal parts that add up to the total, the last taking the céntimos', async () => {
    const till = await buildTill();
    const order = await dinnerAt(till);
    const parts: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const checkout = await readCheckout(till.cashier, order.id);
      const paidParts = Array.from({ length: index }, (_, part) => part);
      expect(checkout.split).toEqual(index === 0 ? null : { parts: 3, paid: index, paidParts, next: index });
      const amount = index < 2 ? 833 : 834;
      const sale = expectStatus(
        await charge(
          till.cashier,
          order.id,
          balanceCharge(checkout, till.session, {
            part: { kind: 'equal', parts: 3 },
            expectedAmountCents: amount,
            payments: [{ method: index === 1 ? 'card' : 'cash', amountCents: amount }],
          }),
        ),
        201,
      );
      expect(sale.part).toEqual({ kind: 'equal', index, count: 3 });
      expect(sale.lines).toEqual([
        {
          orderItemId: null,
          description: `Por consumo (parte ${index + 1} de 3)`,
          quantity: 1,
          unitPriceCents: amount,
          discountCents: 0,
          amountCents: amount,
        },
      ]);
      parts.push(sale.totalCents);
      if (index === 0) {
        // Once split in three, a split in two or by items is refused.
        const other = await readCheckout(till.cashier, order.id);
        const inTwo = balanceCharge(other, till.session, {
          part: { kind: 'equal', parts: 2 },
          expectedAmountCents: 833,
          payments: [{ method: 'cash', amountCents: 833 }],
        });
        expect(refusal(await charge(till.cashier, order.id, inTwo), 409).details).toEqual({ splitParts: 3 });
        const byItems = balanceCharge(other, till.session, {
          part: { kind: 'items', items: [{ itemId: order.items[1]!.id, quantity: 1 }] },
          expectedAmountCents: 600,
          payments: [{ method: 'cash', amountCents: 600 }],
        });
        expect(refusal(await charge(till.cashier, order.id, byItems), 409).code).toBe('CONFLICT');
      }
    }
    expect(parts).toEqual([833, 833, 834]);
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(2500);
    const done = await readCheckout(till.cashier, order.id);
    expect(done).toMatchObject({ paidCents: 2500, balanceCents: 0, order: { status: 'closed' } });
  });

  it('splits a bill by items, unit by unit, refusing more units than are left', async () => {
    const till = await buildTill();
    const opened = await openTable(till.waiter, till.floor, 1);
    // Three chickens (S/ 57.00) and a chicha, with 10 % off the whole order: S/ 56.70.
    const order = await sendRound(till.waiter, opened.id, [
      chickenItem(till.floor, 'Pierna', 3),
      { productId: till.floor.menu.chicha.id },
    ]);
    const owner = till.floor.owner.client;
    expectStatus(
      await owner.put(`/api/tenant/orders/${order.id}/discount`, {
        kind: 'percent',
        value: 10,
        reason: 'Cliente frecuente',
      }),
      200,
    );
    const [chickens, chicha] = order.items;
    const checkout = await readCheckout(till.cashier, order.id);
    expect(checkout.totalCents).toBe(5670);
    expect(checkout.lines.map((line) => line.netCents)).toEqual([5130, 540]);

    const itemsCharge = (items: { itemId: string; quantity: number }[], amount: number) =>
      balanceCharge(checkout, till.session, {
        part: { kind: 'items', items },
        expectedAmountCents: amount,
        payments: [{ method: 'yape', amountCents: amount, reference: 'OP-123' }],
      });
    // One chicken: a third of its line's net.
    const first = expectStatus(
      await charge(till.cashier, order.id, itemsCharge([{ itemId: chickens!.id, quantity: 1 }], 1710)),
      201,
    );
    expect(first.lines).toEqual([
      expect.objectContaining({
        orderItemId: chickens!.id,
        quantity: 1,
        unitPriceCents: 1900,
        discountCents: 190,
        amountCents: 1710,
      }),
    ]);
    expect(first.discountCents).toBe(190);
    expect(first.payments[0]).toMatchObject({ method: 'yape', reference: 'OP-123', changeCents: 0 });

    const after = await readCheckout(till.cashier, order.id);
    expect(after.lines.map((line) => line.paidQuantity)).toEqual([1, 0]);
    expect(after.order.version).toBe(checkout.order.version + 1);
    const tooMany = balanceCharge(after, till.session, {
      part: {
        kind: 'items',
        items: [
          { itemId: chickens!.id, quantity: 3 },
          { itemId: crypto.randomUUID(), quantity: 1 },
        ],
      },
      expectedAmountCents: 100,
      payments: [{ method: 'cash', amountCents: 100 }],
    });
    const error = refusal(await charge(till.cashier, order.id, tooMany), 422);
    expect(error.fields?.['part.items.0.quantity']).toMatchObject({
      code: 'more_than_left',
      params: { left: 2 },
    });
    expect(error.fields?.['part.items.1.itemId']?.code).toBe('unknown_reference');

    // The other two chickens and the chicha, then nothing is left.
    const rest = expectStatus(
      await charge(
        till.cashier,
        order.id,
        balanceCharge(after, till.session, {
          part: {
            kind: 'items',
            items: [
              { itemId: chickens!.id, quantity: 2 },
              { itemId: chicha!.id, quantity: 1 },
            ],
          },
          expectedAmountCents: 3960,
          payments: [{ method: 'cash', amountCents: 3960 }],
        }),
      ),
      201,
    );
    expect(first.totalCents + rest.totalCents).toBe(5670);
    expect(first.discountCents + rest.discountCents).toBe(630);
    const done = await readCheckout(till.cashier, order.id);
    expect(done).toMatchObject({ balanceCents: 0, order: { status: 'closed' } });
    expect(done.lines.map((line) => line.paidQuantity)).toEqual([3, 1]);
  });

  it('takes cash and Yape on one part with a tip, the change from the cash only, and refuses tenders that do not add up', async () => {
    const till = await buildTill();
    const order = await dinnerAt(till);
    const checkout = await readCheckout(till.cashier, order.id);
    const mixed = (payments: ChargeBody['payments'], tipCents = 300) =>
      balanceCharge(checkout, till.session, { tipCents, payments });

    const short = refusal(
      await charge(
        till.cashier,
        order.id,
        mixed([
          { method: 'cash', amountCents: 1000 },
          { method: 'yape', amountCents: 1500 },
        ]),
      ),
      422,
    );
    expect(short.fields?.payments?.code).toBe('payments_mismatch');
    const lessThanPaid = refusal(
      await charge(
        till.cashier,
        order.id,
        mixed([
          { method: 'cash', amountCents: 1300, receivedCents: 1000 },
          { method: 'yape', amountCents: 1500 },
        ]),
      ),
      422,
    );
    expect(lessThanPaid.fields?.['payments.0.receivedCents']).toBeDefined();
    const cardChange = refusal(
      await charge(
        till.cashier,
        order.id,
        mixed([{ method: 'card', amountCents: 2800, receivedCents: 3000 }]),
      ),
      422,
    );
    expect(cardChange.fields?.['payments.0.receivedCents']).toBeDefined();
    expect(await countRows(server, till.floor, 'sales')).toBe(0);

    const sale = expectStatus(
      await charge(
        till.cashier,
        order.id,
        mixed([
          { method: 'cash', amountCents: 1300, receivedCents: 2000 },
          { method: 'yape', amountCents: 1500, reference: '009876' },
        ]),
      ),
      201,
    );
    expect(sale).toMatchObject({ totalCents: 2500, tipCents: 300, changeCents: 700 });
    expect(sale.payments).toEqual([
      { method: 'cash', amountCents: 1300, receivedCents: 2000, changeCents: 700, reference: null },
      { method: 'yape', amountCents: 1500, receivedCents: null, changeCents: 0, reference: '009876' },
    ]);
    // The tip is the staff's: the order was S/ 25.00 and is paid.
    expect((await readCheckout(till.cashier, order.id)).order).toMatchObject({
      status: 'closed',
      paidCents: 2500,
    });
  });

  it('issues a factura only for a business with a RUC and a customer with one, and keeps the customer as the receipt names them', async () => {
    const till = await buildTill();
    const tenantId = till.floor.owner.tenantId;
    const company = await buildCustomer(server, tenantId, {
      docType: 'ruc',
      name: 'Inversiones Brasa S.A.C.',
      address: 'Jr. Puno 456, Lima',
    });
    const person = await buildCustomer(server, tenantId, {
      docType: 'dni',
      docNumber: '45678912',
      name: 'Rosa Quispe',
    });
    const order = await dinnerAt(till);
    const checkout = await readCheckout(till.cashier, order.id);
    const withReceipt = (type: 'boleta' | 'factura' | 'nota_venta', customerId: string | null) =>
      balanceCharge(checkout, till.session, { receipt: { type, customerId } });

    // Before the business says how it sells, and with simple receipts: no facturas.
    const noRuc = refusal(await charge(till.cashier, order.id, withReceipt('factura', company)), 422);
    expect(noRuc.fields?.['receipt.type']?.code).toBe('factura_needs_ruc');
    await setFiscalProfile(till.floor.owner, 'simple_receipt');
    expect(
      refusal(await charge(till.cashier, order.id, withReceipt('factura', company)), 422).fields?.[
        'receipt.type'
      ]?.code,
    ).toBe('factura_needs_ruc');

    await setFiscalProfile(till.floor.owner, 'ruc');
    const forPerson = refusal(await charge(till.cashier, order.id, withReceipt('factura', person)), 422);
    expect(forPerson.fields?.['receipt.customerId']?.code).toBe('ruc_required');
    const forNobody = refusal(await charge(till.cashier, order.id, withReceipt('factura', null)), 422);
    expect(forNobody.fields?.['receipt.customerId']?.code).toBe('ruc_required');
    const unknown = refusal(
      await charge(till.cashier, order.id, withReceipt('boleta', crypto.randomUUID())),
      422,
    );
    expect(unknown.fields?.['receipt.customerId']?.code).toBe('unknown_reference');
    expect(await countRows(server, till.floor, 'sales')).toBe(0);

    const factura = expectStatus(await charge(till.cashier, order.id, withReceipt('factura', company)), 201);
    expect(factura).toMatchObject({
      receiptType: 'factura',
      receipt: 'F001-00000001',
      customer: { docType: 'ruc', name: 'Inversiones Brasa S.A.C.', address: 'Jr. Puno 456, Lima' },
      header: {
        legalName: 'Pollería El Buen Sabor S.A.C.',
        ruc: expect.stringMatching(/^20\d{9}$/),
        fiscalAddress: 'Av. Larco 123, Miraflores',
      },
    });

    // A boleta for a person by DNI, a nota de venta for nobody: each type its own series.
    const second = await dinnerAt(till, 2);
    const boleta = expectStatus(
      await charge(
        till.cashier,
        second.id,
        balanceCharge(await readCheckout(till.cashier, second.id), till.session, {
          receipt: { type: 'boleta', customerId: person },
        }),
      ),
      201,
    );
    expect(boleta).toMatchObject({
      receipt: 'B001-00000001',
      customer: { docType: 'dni', docNumber: '45678912', name: 'Rosa Quispe', address: null },
    });
    const third = await dinnerAt(till, 3);
    const note = expectStatus(
      await charge(
        till.cashier,
        third.id,
        balanceCharge(await readCheckout(till.cashier, third.id), till.session, {
          receipt: { type: 'nota_venta', customerId: null },
        }),
      ),
      201,
    );
    expect(note.receipt).toBe('NV01-00000001');
  });

  it('gives each branch its own series: the second branch to issue boletas numbers B002 from 1', async () => {
    const till = await buildTill();
    const first = await dinnerAt(till);
    const sale = expectStatus(
      await charge(
        till.cashier,
        first.id,
        balanceCharge(await readCheckout(till.cashier, first.id), till.session),
      ),
      201,
    );
    expect(sale.receipt).toBe('B001-00000001');

    const owner = till.floor.owner;
    const branchId = await buildBranch(server, owner, 'Local Surco');
    const furnished = await furnishBranch(owner.client, branchId, {
      menu: till.floor.menu,
      stations: till.floor.stations,
    });
    const surco: Floor = { owner, branchId, ...furnished };
    const session = await openCashSession(server, owner.tenantId, branchId);
    const order = await openTakeaway(owner.client, surco, 'Luis');
    await sendRound(owner.client, order.id, [chickenItem(surco)]);
    const checkout = await readCheckout(owner.client, order.id);
    const other = expectStatus(await charge(owner.client, order.id, balanceCharge(checkout, session)), 201);
    expect(other).toMatchObject({ receipt: 'B002-00000001', orderLabel: 'Llevar #1 · Luis', branchId });
  });

  it('numbers 50 charges at once on one series 1 to 50, without a gap or a repeat', async () => {
    const till = await buildTill();
    const owner = till.floor.owner.client;
    // Fifty takeaways of one soda each, opened ten at a time (the setup is not what is tested).
    const orders: OrderView[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      orders.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, async (_, index) => {
            const order = await openTakeaway(owner, till.floor, `Cliente ${batch * 10 + index + 1}`);
            return sendRound(owner, order.id, [{ productId: till.floor.menu.soda.id }]);
          }),
        )),
      );
    }
    const checkout = await readCheckout(owner, orders[0]!.id);
    // Every order is the same bill at the same version: one screen's body, a sale id each.
    const bodies = orders.map(() => balanceCharge(checkout, till.session));
    const answers = await Promise.all(
      orders.map((order, index) => charge(till.cashier, order.id, bodies[index]!)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(orders.map(() => 201));
    const numbers = answers.map((answer) => answer.body.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(new Set(answers.map((answer) => answer.body.series))).toEqual(new Set(['B001']));
    const next = await withTenantSql(server, till.floor.owner.tenantId, async (sql) =>
      sql.query<{ next_number: number }>(`select next_number from receipt_series`),
    );
    expect(next.rows).toEqual([{ next_number: 51 }]);
  }, 90_000);

  it('logs orders.updated for a part and orders.closed for the last, each with sales.changed, heard live by the waiter’s phone', async () => {
    const till = await buildTill();
    const order = await dinnerAt(till);
    const seq = await seqOf(till.floor);
    const socket = openSocket(server, till.waiter.cookieHeader());
    expect(await socketOutcome(socket)).toBe('connected');
    const heard: BranchEvent[] = [];
    for (const type of BRANCH_EVENT_TYPES) {
      socket.on(type, (event: BranchEvent) => heard.push(event));
    }
    const checkout = await readCheckout(till.cashier, order.id);
    const part = (amount: number, version: number) =>
      balanceCharge(checkout, till.session, {
        part: { kind: 'equal', parts: 2 },
        expectedVersion: version,
        expectedAmountCents: amount,
        payments: [{ method: 'plin', amountCents: amount }],
      });
    expectStatus(await charge(till.cashier, order.id, part(1250, checkout.order.version)), 201);
    const types = await floorEventTypes(till.waiter, till.floor.branchId, seq);
    expect(types).toEqual(['orders.updated', 'sales.changed']);
    const { events } = await floorEvents(till.waiter, till.floor.branchId, seq);
    expect(events[0]!.payload).toMatchObject({
      order: {
        id: order.id,
        paidCents: 1250,
        splitParts: 2,
        version: checkout.order.version + 1,
        status: 'open',
      },
    });
    expectStatus(await charge(till.cashier, order.id, part(1250, checkout.order.version + 1)), 201);
    expect(await floorEventTypes(till.waiter, till.floor.branchId, seq)).toEqual([
      'orders.updated',
      'sales.changed',
      'orders.closed',
      'sales.changed',
    ]);
    try {
      await vi.waitFor(() => expect(heard).toHaveLength(4));
      expect(heard).toEqual((await floorEvents(till.waiter, till.floor.branchId, seq)).events);
    } finally {
      socket.disconnect();
    }
  });

  it('answers bad bodies with 422 naming the field, and writes nothing', async () => {
    const till = await buildTill();
    const order = await dinnerAt(till);
    const good = balanceCharge(await readCheckout(till.cashier, order.id), till.session);
    const cases: [object, string][] = [
      [{ ...good, id: 'not-a-uuid' }, 'id'],
      [{ ...good, sessionId: undefined }, 'sessionId'],
      [{ ...good, part: { kind: 'half' } }, 'part.kind'],
      [{ ...good, part: { kind: 'equal', parts: 1 } }, 'part.parts'],
      [{ ...good, part: { kind: 'items', items: [] } }, 'part.items'],
      [
        { ...good, part: { kind: 'items', items: [{ itemId: order.items[0]!.id, quantity: 0 }] } },
        'part.items.0.quantity',
      ],
      [{ ...good, payments: [] }, 'payments'],
      [{ ...good, payments: [{ method: 'bitcoin', amountCents: 2500 }] }, 'payments.0.method'],
      [{ ...good, payments: [{ method: 'cash', amountCents: 25.5 }] }, 'payments.0.amountCents'],
      [{ ...good, tipCents: -1 }, 'tipCents'],
      [{ ...good, receipt: { type: 'ticket' } }, 'receipt.type'],
      [{ ...good, expectedVersion: 0 }, 'expectedVersion'],
      [{ ...good, surprise: true }, 'surprise'],
    ];
    for (const [body, field] of cases) {
      const error = refusal(await till.cashier.post(`/api/tenant/orders/${order.id}/charges`, body), 422);
      expect(error.fields, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect(await countRows(server, till.floor, 'sales')).toBe(0);
    expect((await readCheckout(till.cashier, order.id)).order.paidCents).toBe(0);
  });
});
