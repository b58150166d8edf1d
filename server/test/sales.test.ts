import { SaleView, type CheckoutView, type OrderView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, buildAdmin, buildBranch, expectStatus, mintSignedInStaff } from './actors.ts';
import { buildTenant } from './factories.ts';
import {
  balanceCharge,
  buildChargingTill,
  charge,
  dinnerAt,
  openCashSession,
  readCheckout,
  type ChargingTill,
} from './checkout-factories.ts';
import {
  buildFloor,
  buildWaiter,
  chickenItem,
  floorEvents,
  openTable,
  refusal,
  sendRound,
} from './order-factories.ts';
import { startTestServer, type ApiClient, type ApiResponse, type TestServer } from './test-server.ts';

/**
 * Sales after the charge: reading one to print, voiding one (with permission and a reason,
 * audited; a live order owes that part again, a closed one stays closed), a branch's sales of a
 * day, and every checkout route kept to its own business and branch.
 */
describe('sales: receipts, voids and the day', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  interface Charged extends ChargingTill {
    order: OrderView;
    sale: SaleView;
  }

  /** A table of two chickens (S/ 38.00) and a chicha (S/ 6.00), and a first charge of it. */
  async function chargedTable(part: 'balance' | 'chicha' = 'balance'): Promise<Charged> {
    const till = await buildChargingTill(server);
    const order = await dinnerAt(till);
    const checkout = await readCheckout(till.cashier, order.id);
    const body =
      part === 'balance'
        ? balanceCharge(checkout, till.session)
        : balanceCharge(checkout, till.session, {
            part: { kind: 'items', items: [{ itemId: order.items[1]!.id, quantity: 1 }] },
            expectedAmountCents: 600,
            payments: [{ method: 'cash', amountCents: 600 }],
          });
    const sale = SaleView.parse(expectStatus(await charge(till.cashier, order.id, body), 201));
    return { ...till, order, sale };
  }

  const voidSale = (client: ApiClient, saleId: string, body: object = { reason: 'Cobrado dos veces' }) =>
    client.post<SaleView>(`/api/tenant/sales/${saleId}/void`, body);

  it('voids a sale only with sales.void and a reason, audited, keeping it marked and the closed order closed', async () => {
    const { floor, cashier, order, sale } = await chargedTable();
    expect(refusal(await voidSale(cashier, sale.id), 403).code).toBe('FORBIDDEN');
    const owner = floor.owner.client;
    expect(refusal(await voidSale(owner, sale.id, {}), 422).fields?.reason?.code).toBe('required');
    expect(refusal(await voidSale(owner, crypto.randomUUID()), 404).code).toBe('NOT_FOUND');

    const seq = (await floorEvents(owner, floor.branchId)).latestSeq;
    const voided = expectStatus(await voidSale(owner, sale.id), 200);
    expect(sale.orderBalanceCents).toBe(0);
    expect(voided).toEqual({
      ...sale,
      // The consumption is owed again: it waits to be charged on another receipt.
      orderBalanceCents: 4400,
      status: 'voided',
      voidReason: 'Cobrado dos veces',
      voidedAt: expect.any(String),
      // Who voided it, as the business names them.
      voidedByName: floor.owner.displayName,
    });
    expect(expectStatus(await cashier.get(`/api/tenant/sales/${sale.id}`), 200)).toEqual(voided);
    // The order left the floor paid; it stays closed, and the floor hears nothing of it — only
    // that the branch's sales changed, once, for the screens that show them.
    const checkout = await readCheckout(cashier, order.id);
    expect(checkout.order).toMatchObject({ status: 'closed', paidCents: 0 });
    expect(checkout.sales.map((known) => known.status)).toEqual(['voided']);
    const { events } = await floorEvents(owner, floor.branchId, seq);
    expect(events.map((event) => [event.type, event.seq, event.kitchenSeq, event.payload])).toEqual([
      ['sales.changed', seq + 1, null, { saleId: sale.id, orderId: order.id, status: 'voided' }],
    ]);

    const again = refusal(await voidSale(owner, sale.id, { reason: 'Otra vez' }), 409);
    expect(again).toMatchObject({ code: 'CONFLICT', details: { saleId: sale.id } });
    expect((await floorEvents(owner, floor.branchId, seq)).latestSeq).toBe(seq + 1);

    const entries = await auditLog(server, floor.owner.tenantId, 'sales.voided');
    expect(entries).toEqual([
      expect.objectContaining({
        actor_kind: 'user',
        branch_id: floor.branchId,
        entity_type: 'sale',
        entity_id: sale.id,
        entity_label: 'B001-00000001 · Mesa 1',
        before: { status: 'completed', receipt: 'B001-00000001', totalCents: 4400 },
        after: { status: 'voided', reason: 'Cobrado dos veces' },
      }),
    ]);
  });

  it("writes a closed order's consumption off when its void is a refund: nothing is owed again, nor charged", async () => {
    const { floor, cashier, session, order, sale } = await chargedTable();
    const owner = floor.owner.client;
    const body = { reason: 'Devolución al cliente', chargeAgain: false };
    expect(
      refusal(await voidSale(owner, sale.id, { ...body, chargeAgain: 'no' }), 422).fields?.chargeAgain,
    ).toBeDefined();

    const voided = expectStatus(await voidSale(owner, sale.id, body), 200);
    expect(voided).toMatchObject({ status: 'voided', refunded: true, orderBalanceCents: 0 });
    // The money went back: the order was paid nothing, and owes nothing either.
    const checkout = await readCheckout(cashier, order.id);
    expect(checkout).toMatchObject({ paidCents: 0, balanceCents: 0, order: { status: 'closed' } });
    expect(checkout.sales).toEqual([voided]);
    const again = balanceCharge(checkout, session, {
      expectedAmountCents: 4400,
      payments: [{ method: 'cash', amountCents: 4400 }],
    });
    expect(refusal(await charge(cashier, order.id, again), 409)).toMatchObject({
      code: 'ORDER_CLOSED',
      details: { balanceCents: 0 },
    });
    const [entry] = await auditLog(server, floor.owner.tenantId, 'sales.voided');
    expect(entry?.after).toEqual({ status: 'voided', reason: 'Devolución al cliente', chargeAgain: false });
  });

  it('gives a live order back the part a voided sale paid: its bill is open to changes again', async () => {
    const { floor, cashier, order, sale } = await chargedTable('chicha');
    const admin = await buildAdmin(server, floor.owner);
    const seq = (await floorEvents(admin, floor.branchId)).latestSeq;
    const before = await readCheckout(cashier, order.id);
    expect(before).toMatchObject({ paidCents: 600, balanceCents: 3800 });

    // Even said as a refund: the table is still being served, and pays its whole bill.
    const voided = expectStatus(
      await voidSale(admin, sale.id, { reason: 'La chicha era de la otra mesa', chargeAgain: false }),
      200,
    );
    expect(voided).toMatchObject({ refunded: false, orderBalanceCents: 4400 });
    const after = await readCheckout(cashier, order.id);
    expect(after).toMatchObject({ paidCents: 0, balanceCents: 4400 });
    expect(after.order).toMatchObject({ status: 'open', paidCents: 0, version: before.order.version + 1 });
    expect(after.lines.map((line) => line.paidQuantity)).toEqual([0, 0]);
    const { events } = await floorEvents(admin, floor.branchId, seq);
    expect(events.map((event) => event.type)).toEqual(['orders.updated', 'sales.changed']);
    expect(events[0]!.payload).toEqual({ order: after.order });
    expect(events[1]!.payload).toEqual({ saleId: sale.id, orderId: order.id, status: 'voided' });

    // Nothing is paid any more: a discount goes through.
    expectStatus(
      await cashier.put(`/api/tenant/orders/${order.id}/discount`, {
        kind: 'amount',
        value: 400,
        reason: 'Disculpas por la demora',
      }),
      200,
    );
  });

  it("lists a branch's sales of a day, voided ones too, for the cashier and for who reads reports", async () => {
    const { floor, cashier, session, sale } = await chargedTable();
    const owner = floor.owner.client;
    const second = await openTable(owner, floor, 2);
    await sendRound(owner, second.id, [{ productId: floor.menu.soda.id }]);
    const other = expectStatus(
      await charge(cashier, second.id, balanceCharge(await readCheckout(cashier, second.id), session)),
      201,
    );
    expectStatus(await voidSale(owner, sale.id), 200);

    const path = `/api/tenant/branches/${floor.branchId}/sales`;
    const today = expectStatus(await owner.get<SaleView[]>(path), 200);
    expect(today.map((known) => [known.receipt, known.status, known.totalCents])).toEqual([
      ['B001-00000001', 'voided', 4400],
      ['B001-00000002', 'completed', 500],
    ]);
    expect(today[1]).toEqual(other);
    const day = sale.createdAt.slice(0, 10);
    expect(expectStatus(await owner.get<SaleView[]>(`${path}?day=2020-01-01`), 200)).toEqual([]);
    // The suite runs in UTC and Lima is behind it: the sale's Lima day is its UTC day or the one before.
    const limaDay = expectStatus(await owner.get<SaleView[]>(`${path}?day=${day}`), 200);
    const dayBefore = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    const previous = expectStatus(await owner.get<SaleView[]>(`${path}?day=${dayBefore}`), 200);
    expect(limaDay.length + previous.length).toBe(2);
    expect(refusal(await owner.get(`${path}?day=ayer`), 422).fields?.day).toBeDefined();
    expect(refusal(await owner.get(`/api/tenant/branches/${crypto.randomUUID()}/sales`), 404).code).toBe(
      'NOT_FOUND',
    );

    // The cashier reads the day at the till ("Ventas del día"): the same sales, the voided one
    // with what its table owes again.
    const atTill = expectStatus(await cashier.get<SaleView[]>(path), 200);
    expect(atTill).toEqual(today);
    expect(atTill.map((known) => known.orderBalanceCents)).toEqual([4400, 0]);
    // A waiter does not; a cashier of another branch is told it does not exist.
    const waiter = (await buildWaiter(server, floor)).client;
    expect(refusal(await waiter.get(path), 403).code).toBe('FORBIDDEN');
    const surco = await buildBranch(server, floor.owner, 'Local Surco');
    const farCashier = (await mintSignedInStaff(server, floor.owner.tenantId, surco, 'cashier')).client;
    expect(refusal(await farCashier.get(path), 404).code).toBe('NOT_FOUND');
    expect(expectStatus(await farCashier.get(`/api/tenant/branches/${surco}/sales`), 200)).toEqual([]);
  });

  it('keeps every checkout route to its business and branch: 404 elsewhere, and nothing changes', async () => {
    const { floor, cashier, session, order: paid, sale } = await chargedTable('chicha');
    const owner = floor.owner.client;
    const open = await openTable(owner, floor, 3);
    const order = await sendRound(owner, open.id, [chickenItem(floor)]);
    const checkout = await readCheckout(owner, order.id);

    const outsider = (await buildTenant(server)).client;
    const surco = await buildBranch(server, floor.owner, 'Local Surco');
    const farCashier = (await mintSignedInStaff(server, floor.owner.tenantId, surco, 'cashier')).client;
    const farSession = await openCashSession(server, floor.owner.tenantId, surco);

    const attempts = (client: ApiClient, sessionId: string): Promise<ApiResponse<unknown>>[] => [
      client.get(`/api/tenant/orders/${order.id}/checkout`),
      client.get(`/api/tenant/orders/${paid.id}/checkout`),
      charge(client, order.id, balanceCharge(checkout, { ...session, sessionId })),
      client.get(`/api/tenant/sales/${sale.id}`),
      client.put(`/api/tenant/orders/${order.id}/discount`, {
        kind: 'amount',
        value: 100,
        reason: 'Por mi cuenta',
      }),
      client.request('DELETE', `/api/tenant/orders/${order.id}/discount`, undefined, {}),
    ];
    for (const response of await Promise.all(attempts(farCashier, farSession.sessionId))) {
      expect(refusal(response, 404).code).toBe('NOT_FOUND');
    }
    const outsiderOnly = [
      outsider.post(`/api/tenant/sales/${sale.id}/void`, { reason: 'Me equivoqué' }),
      outsider.get(`/api/tenant/branches/${floor.branchId}/sales`),
    ];
    for (const response of await Promise.all([...attempts(outsider, session.sessionId), ...outsiderOnly])) {
      expect(refusal(response, 404).code).toBe('NOT_FOUND');
    }

    // The owner's session of another business is no session here.
    const stranger = await buildFloor(server);
    const strangerSession = await openCashSession(server, stranger.owner.tenantId, stranger.branchId);
    const foreign = refusal(await charge(cashier, order.id, balanceCharge(checkout, strangerSession)), 409);
    expect(foreign.code).toBe('CASH_SESSION_CLOSED');

    const after: CheckoutView = await readCheckout(owner, order.id);
    expect(after).toMatchObject({
      paidCents: 0,
      sales: [],
      order: { version: checkout.order.version, discounts: [] },
    });
    expect(expectStatus(await owner.get<SaleView>(`/api/tenant/sales/${sale.id}`), 200).status).toBe(
      'completed',
    );
    // Owners and admins reach every branch: the owner reads Surco's (empty) day.
    expect(expectStatus(await owner.get(`/api/tenant/branches/${surco}/sales`), 200)).toEqual([]);
  });
});
