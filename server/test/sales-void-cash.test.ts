import { CashReportView, SaleView, type CashSessionView, type CheckoutView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, buildBranch, expectStatus } from './actors.ts';
import { buildRegister, cashReport, openRegister } from './cash-fixtures.ts';
import {
  balanceCharge,
  buildStaffedFloor,
  charge,
  countRows,
  dinnerAt,
  readCheckout,
  type ChargeBody,
  type StaffedFloor,
} from './checkout-factories.ts';
import { refusal } from './order-factories.ts';
import { lockWaiters, withTenantSql } from './tenant-sql.ts';
import { startTestServer, type ApiClient, type ApiResponse, type TestServer } from './test-server.ts';

/**
 * The cash of a voided sale goes back to the customer out of a drawer, and that drawer's close
 * knows it. While the sale's session is open, the sale just leaves its expected cash. Once that
 * session closed — its drawer was counted with the sale's cash — the cash goes out of the drawer
 * open now, by a movement out of the open session of the sale's own register, made by whoever
 * voids it; with that register closed, the void is refused and nothing is written. Card, Yape,
 * Plin and transfers move no drawer cash.
 */
describe('sales: the cash a void gives back', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  interface Till extends StaffedFloor {
    registerId: string;
  }

  /** A floor with a register, "Caja barra", and a cashier; no session open yet. */
  async function buildTill(): Promise<Till> {
    const staffed = await buildStaffedFloor(server);
    const registerId = await buildRegister(staffed.floor.owner, staffed.floor.branchId, 'Caja barra');
    return { ...staffed, registerId };
  }

  /** The checkout of table `table` with two chickens and a chicha: S/ 44.00, as the cashier reads it. */
  async function checkoutAt(till: Till, table: number): Promise<CheckoutView> {
    return readCheckout(till.cashier, (await dinnerAt(till, table)).id);
  }

  /** Charges all of `checkout` in `session`, paid as `payments` say (S/ 44.00 cash unless told). */
  async function chargeAll(
    till: Till,
    checkout: CheckoutView,
    session: CashSessionView,
    overrides: Partial<ChargeBody> = {},
  ): Promise<SaleView> {
    const body = balanceCharge(
      checkout,
      { sessionId: session.id, registerId: session.registerId },
      overrides,
    );
    return expectStatus(await charge(till.cashier, checkout.order.id, body), 201);
  }

  const voidSale = (client: ApiClient, saleId: string, reason = 'Quería factura') =>
    client.post<SaleView>(`/api/tenant/sales/${saleId}/void`, { reason });

  const close = async (client: ApiClient, sessionId: string, countedCents: number): Promise<CashReportView> =>
    CashReportView.parse(
      expectStatus(
        await client.post<CashReportView>(`/api/tenant/cash-sessions/${sessionId}/close`, { countedCents }),
        200,
      ),
    );

  const readSale = async (client: ApiClient, saleId: string): Promise<SaleView> =>
    SaleView.parse(expectStatus(await client.get<SaleView>(`/api/tenant/sales/${saleId}`), 200));

  it("gives a closed session's cash back out of today's drawer, by a movement the X and Z reports show, and today's close squares", async () => {
    const till = await buildTill();
    const yesterday = await openRegister(till.cashier, till.registerId, 10_000);
    // S/ 44.00 and S/ 2.00 of tip: S/ 26.00 in cash out of S/ 50.00 (S/ 24.00 change) and S/ 20.00 by Yape.
    const sale = await chargeAll(till, await checkoutAt(till, 1), yesterday, {
      tipCents: 200,
      payments: [
        { method: 'cash', amountCents: 2_600, receivedCents: 5_000 },
        { method: 'yape', amountCents: 2_000, reference: '0042' },
      ],
    });
    expect(sale.cashBackCents).toBe(0);
    const closedYesterday = await close(till.cashier, yesterday.id, 12_600);
    expect(closedYesterday).toMatchObject({
      cashSalesCents: 2_600,
      expectedCents: 12_600,
      differenceCents: 0,
    });

    const today = await openRegister(till.cashier, till.registerId, 10_000);
    // The receipt says, before the void, what it will take out of the drawer.
    expect(await readSale(till.owner, sale.id)).toMatchObject({ status: 'completed', cashBackCents: 2_600 });

    const voided = SaleView.parse(expectStatus(await voidSale(till.owner, sale.id), 200));
    expect(voided).toMatchObject({ status: 'voided', cashBackCents: 2_600, orderBalanceCents: 4_400 });
    expect(Date.parse(voided.voidedAt!)).toBeGreaterThan(Date.parse(closedYesterday.session.closedAt!));

    // Today's running report (X): the cash went out, by whom and why.
    const running = await cashReport(till.cashier, today.id);
    expect(running.movements).toEqual([
      {
        id: expect.any(String),
        sessionId: today.id,
        kind: 'out',
        amountCents: 2_600,
        reason: 'Devolución por anulación B001-00000001',
        byName: voided.voidedByName,
        createdAt: expect.any(String),
      },
    ]);
    expect(running).toMatchObject({
      salesCount: 0,
      cashSalesCents: 0,
      movementsOutCents: 2_600,
      expectedCents: 7_400,
      voided: { count: 0 },
    });
    // Yesterday's closing report (Z) reads as it closed: the sale counted, its cash in that drawer.
    expect(await cashReport(till.owner, yesterday.id)).toEqual(closedYesterday);

    // The cashier handed the S/ 26.00 back: the drawer holds S/ 74.00, and today's close squares.
    const closedToday = await close(till.cashier, today.id, 7_400);
    expect(closedToday).toMatchObject({ movementsOutCents: 2_600, expectedCents: 7_400, differenceCents: 0 });
    expect(closedToday.movements.map((movement) => movement.reason)).toEqual([
      'Devolución por anulación B001-00000001',
    ]);

    const [entry] = await auditLog(server, till.floor.owner.tenantId, 'sales.voided');
    expect(entry?.after).toEqual({
      status: 'voided',
      reason: 'Quería factura',
      cashBackCents: 2_600,
      cashSessionId: today.id,
    });
  });

  it("refuses the void while the sale's register is closed, saying which till to open and for how much, with nothing written", async () => {
    const till = await buildTill();
    const yesterday = await openRegister(till.cashier, till.registerId, 10_000);
    const checkout = await checkoutAt(till, 1);
    const sale = await chargeAll(till, checkout, yesterday, {
      payments: [{ method: 'cash', amountCents: 4_400, receivedCents: 5_000 }],
    });
    await close(till.cashier, yesterday.id, 14_400);
    // Another register of the branch is open: the cash went into "Caja barra", it comes out of it.
    const other = await buildRegister(till.floor.owner, till.floor.branchId, 'Caja terraza');
    const elsewhere = await openRegister(till.cashier, other, 5_000);

    const before = await readCheckout(till.cashier, checkout.order.id);
    const refused = refusal(await voidSale(till.owner, sale.id), 409);
    expect(refused).toMatchObject({
      code: 'CASH_SESSION_CLOSED',
      message: 'Open the cash register Caja barra to give back S/ 44.00 in cash',
      details: {
        saleId: sale.id,
        registerId: till.registerId,
        registerName: 'Caja barra',
        cashBackCents: 4_400,
      },
    });
    expect(await readSale(till.owner, sale.id)).toMatchObject({ status: 'completed', voidedAt: null });
    // The order was not paid back: not its paid amount, nor its money version.
    expect(await readCheckout(till.cashier, checkout.order.id)).toEqual(before);
    expect(await countRows(server, till.floor, 'cash_movements')).toBe(0);
    expect(await auditLog(server, till.floor.owner.tenantId, 'sales.voided')).toEqual([]);
    expect((await cashReport(till.cashier, elsewhere.id)).movements).toEqual([]);

    // Once "Caja barra" is open, the void goes through, and its cash leaves that drawer.
    const today = await openRegister(till.cashier, till.registerId, 10_000);
    expectStatus(await voidSale(till.owner, sale.id), 200);
    expect(await cashReport(till.cashier, today.id)).toMatchObject({
      movementsOutCents: 4_400,
      expectedCents: 5_600,
    });
    expect(await cashReport(till.cashier, elsewhere.id)).toMatchObject({
      movementsOutCents: 0,
      expectedCents: 5_000,
    });
  });

  it('moves no drawer cash for a sale paid by card, Yape or transfer, whether its session is closed or not', async () => {
    const till = await buildTill();
    const yesterday = await openRegister(till.cashier, till.registerId, 10_000);
    const sale = await chargeAll(till, await checkoutAt(till, 1), yesterday, {
      payments: [
        { method: 'card', amountCents: 2_400, reference: 'VISA 1234' },
        { method: 'yape', amountCents: 1_000 },
        { method: 'transfer', amountCents: 1_000 },
      ],
    });
    await close(till.cashier, yesterday.id, 10_000);
    expect(await readSale(till.owner, sale.id)).toMatchObject({ cashBackCents: 0 });
    // No register open: nothing to take out of one, so nothing stops the void.
    const voided = expectStatus(await voidSale(till.owner, sale.id), 200);
    expect(voided).toMatchObject({ status: 'voided', cashBackCents: 0 });
    expect(await countRows(server, till.floor, 'cash_movements')).toBe(0);
  });

  it('lets a void inside the open session just leave its cash out of the expected, with no movement', async () => {
    const till = await buildTill();
    const session = await openRegister(till.cashier, till.registerId, 10_000);
    const sale = await chargeAll(till, await checkoutAt(till, 1), session);
    expect(await cashReport(till.cashier, session.id)).toMatchObject({ expectedCents: 14_400 });
    const voided = expectStatus(await voidSale(till.owner, sale.id), 200);
    expect(voided.cashBackCents).toBe(0);
    expect(await cashReport(till.cashier, session.id)).toMatchObject({
      cashSalesCents: 0,
      movements: [],
      expectedCents: 10_000,
      voided: { count: 1, amountCents: 4_400 },
    });
    // Once that session closed, the voided sale still gave nothing back from another drawer.
    await close(till.cashier, session.id, 10_000);
    expect(await readSale(till.owner, sale.id)).toMatchObject({ status: 'voided', cashBackCents: 0 });
  });

  it("charges a canje across sessions in cash and keeps today's expected cash right: the old cash out, the new cash in", async () => {
    const till = await buildTill();
    const yesterday = await openRegister(till.cashier, till.registerId, 10_000);
    const checkout = await checkoutAt(till, 2);
    const boleta = await chargeAll(till, checkout, yesterday);
    await close(till.cashier, yesterday.id, 14_400);

    const today = await openRegister(till.cashier, till.registerId, 10_000);
    expectStatus(await voidSale(till.owner, boleta.id, 'Cobrado con el comprobante equivocado'), 200);
    const owing = await readCheckout(till.cashier, checkout.order.id);
    expect(owing).toMatchObject({ balanceCents: 4_400, order: { status: 'closed' } });
    const again = await chargeAll(till, owing, today, {
      receipt: { type: 'nota_venta', customerId: null },
      payments: [{ method: 'cash', amountCents: 4_400, receivedCents: 10_000 }],
    });
    expect(again).toMatchObject({ sessionId: today.id, totalCents: 4_400, cashBackCents: 0 });

    // The customer got S/ 44.00 back and paid S/ 44.00 again: the drawer holds its float.
    const running = await cashReport(till.cashier, today.id);
    expect(running).toMatchObject({
      salesCount: 1,
      cashSalesCents: 4_400,
      movementsOutCents: 4_400,
      expectedCents: 10_000,
    });
    expect((await close(till.cashier, today.id, 10_000)).differenceCents).toBe(0);
  });

  it("waits for a close of today's session that holds it, then refuses the void with nothing written", async () => {
    const till = await buildTill();
    const yesterday = await openRegister(till.cashier, till.registerId, 0);
    const sale = await chargeAll(till, await checkoutAt(till, 1), yesterday);
    await close(till.cashier, yesterday.id, 4_400);
    const today = await openRegister(till.cashier, till.registerId, 1_000);

    await withTenantSql(server, till.floor.owner.tenantId, async (sql) => {
      await sql.query('begin');
      // What a close does first: lock the session FOR UPDATE.
      await sql.query(`select status from cash_sessions where id = $1 for update`, [today.id]);
      const voiding = voidSale(till.owner, sale.id);
      await lockWaiters(sql, 1);
      await sql.query(
        `update cash_sessions set status = 'closed', closed_at = now(), closed_by_name = 'Dueña',
                counted_cents = 1000, expected_cents = 1000, difference_cents = 0
          where id = $1`,
        [today.id],
      );
      await sql.query('commit');
      expect(refusal(await voiding, 409)).toMatchObject({
        code: 'CASH_SESSION_CLOSED',
        details: { registerName: 'Caja barra', cashBackCents: 4_400 },
      });
    });
    expect(await countRows(server, till.floor, 'cash_movements')).toBe(0);
    expect(await readSale(till.owner, sale.id)).toMatchObject({ status: 'completed' });
  });

  it("queues a void and today's close: the close counts the cash given back, or the void finds the till closed", async () => {
    const till = await buildTill();
    const yesterday = await openRegister(till.cashier, till.registerId, 0);
    const sale = await chargeAll(till, await checkoutAt(till, 1), yesterday);
    await close(till.cashier, yesterday.id, 4_400);
    const today = await openRegister(till.cashier, till.registerId, 5_000);

    const [voiding, closing] = await Promise.all([
      voidSale(till.owner, sale.id),
      till.cashier.post<CashReportView>(`/api/tenant/cash-sessions/${today.id}/close`, { countedCents: 600 }),
    ]);
    const closed = CashReportView.parse(expectStatus(closing, 200));
    if (voiding.status === 200) {
      expect(closed).toMatchObject({ movementsOutCents: 4_400, expectedCents: 600, differenceCents: 0 });
      expect(await countRows(server, till.floor, 'cash_movements')).toBe(1);
    } else {
      expect(refusal(voiding, 409).code).toBe('CASH_SESSION_CLOSED');
      expect(closed).toMatchObject({ movementsOutCents: 0, expectedCents: 5_000 });
      expect(await countRows(server, till.floor, 'cash_movements')).toBe(0);
    }
    // Read later, the closed report is the one it closed with.
    expect(await cashReport(till.owner, today.id)).toEqual(closed);
  });

  it("settles under the session's lock whether a void came before its close, whatever the two clocks read", async () => {
    const till = await buildTill();
    const session = await openRegister(till.cashier, till.registerId, 10_000);
    const sale = await chargeAll(till, await checkoutAt(till, 1), session);

    let closing: Promise<ApiResponse<CashReportView>> | undefined;
    await withTenantSql(server, till.floor.owner.tenantId, async (sql) => {
      await sql.query('begin');
      // A charge of this session in flight holds it FOR SHARE: the close, its clock already read,
      // waits for its FOR UPDATE.
      await sql.query(`select status from cash_sessions where id = $1 for share`, [session.id]);
      closing = till.cashier.post<CashReportView>(`/api/tenant/cash-sessions/${session.id}/close`, {
        countedCents: 10_000,
      });
      await lockWaiters(sql, 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      // The void's clock reads later, but its FOR SHARE passes the waiting close: it commits
      // first, with the till still open, and leaves the sale's cash out of this drawer.
      const voided = expectStatus(await voidSale(till.owner, sale.id), 200);
      expect(voided).toMatchObject({ status: 'voided', cashBackCents: 0 });
      await sql.query('commit');
    });
    const closed = CashReportView.parse(expectStatus(await closing!, 200));
    expect(closed).toMatchObject({
      salesCount: 0,
      cashSalesCents: 0,
      expectedCents: 10_000,
      differenceCents: 0,
      voided: { count: 1, amountCents: 4_400 },
    });
    // Its close was stamped before the void's time, yet the Z reads later as it closed, and the
    // sale gave nothing back from another drawer: no movement was made for it.
    expect(Date.parse(closed.session.closedAt!)).toBeLessThan(
      Date.parse((await readSale(till.owner, sale.id)).voidedAt!),
    );
    expect(await cashReport(till.owner, session.id)).toEqual(closed);
    expect(await readSale(till.owner, sale.id)).toMatchObject({ status: 'voided', cashBackCents: 0 });
    expect(await countRows(server, till.floor, 'cash_movements')).toBe(0);
  });

  it('gives the cash back from the open till the void names, for a sale of a register retired since', async () => {
    const till = await buildTill();
    const yesterday = await openRegister(till.cashier, till.registerId, 10_000);
    const sale = await chargeAll(till, await checkoutAt(till, 1), yesterday);
    await close(till.cashier, yesterday.id, 14_400);
    // "Caja barra" is retired: it can never open again, so its own drawer cannot give the cash.
    expectStatus(
      await till.owner.patch(`/api/tenant/cash-registers/${till.registerId}`, { active: false }),
      200,
    );
    const terrace = await buildRegister(till.floor.owner, till.floor.branchId, 'Caja terraza');
    const today = await openRegister(till.cashier, terrace, 5_000);

    // Without saying which till, the cash would come out of the sale's own: refused as before.
    expect(refusal(await voidSale(till.owner, sale.id), 409)).toMatchObject({
      code: 'CASH_SESSION_CLOSED',
      details: { registerName: 'Caja barra', cashBackCents: 4_400 },
    });

    const voided = expectStatus(
      await till.owner.post<SaleView>(`/api/tenant/sales/${sale.id}/void`, {
        reason: 'Quería factura',
        cashSessionId: today.id,
      }),
      200,
    );
    expect(voided).toMatchObject({ status: 'voided', cashBackCents: 4_400 });
    expect(await cashReport(till.cashier, today.id)).toMatchObject({
      movementsOutCents: 4_400,
      expectedCents: 600,
      movements: [expect.objectContaining({ reason: 'Devolución por anulación B001-00000001' })],
    });
    const [entry] = await auditLog(server, till.floor.owner.tenantId, 'sales.voided');
    expect(entry?.after).toMatchObject({ cashBackCents: 4_400, cashSessionId: today.id });
  });

  it('refuses a named till that is closed, of another branch or unknown, naming cashSessionId, with nothing written', async () => {
    const till = await buildTill();
    const yesterday = await openRegister(till.cashier, till.registerId, 10_000);
    const sale = await chargeAll(till, await checkoutAt(till, 1), yesterday);
    await close(till.cashier, yesterday.id, 14_400);
    const voidFrom = (cashSessionId: string) =>
      till.owner.post<SaleView>(`/api/tenant/sales/${sale.id}/void`, {
        reason: 'Quería factura',
        cashSessionId,
      });

    // A closed session: its drawer was counted, nothing more leaves it.
    const closedOne = refusal(await voidFrom(yesterday.id), 409);
    expect(closedOne).toMatchObject({ code: 'CASH_SESSION_CLOSED' });
    expect(closedOne.fields?.cashSessionId?.code).toBe('unavailable');

    // Another branch's open till: that drawer never held this branch's cash.
    const northId = await buildBranch(server, till.floor.owner, 'Local Norte');
    const northRegister = await buildRegister(till.floor.owner, northId, 'Caja norte');
    const north = await openRegister(till.owner, northRegister, 5_000);
    expect(refusal(await voidFrom(north.id), 422).fields?.cashSessionId?.code).toBe('unknown_reference');

    // Another business's session is no session at all here.
    const other = await buildTill();
    const theirs = await openRegister(other.cashier, other.registerId, 5_000);
    expect(refusal(await voidFrom(theirs.id), 422).fields?.cashSessionId?.code).toBe('unknown_reference');

    expect(await readSale(till.owner, sale.id)).toMatchObject({ status: 'completed', voidedAt: null });
    expect(await countRows(server, till.floor, 'cash_movements')).toBe(0);
    expect((await cashReport(till.owner, north.id)).movements).toEqual([]);
  });
});
