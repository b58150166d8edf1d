import {
  igvBreakdown,
  type CashMovementView,
  type CashReportView,
  type CashSessionView,
  type RegisterStateView,
} from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, buildAdmin, expectStatus, mintSignedInStaff } from './actors.ts';
import {
  buildRegister,
  buildTill,
  openRegister,
  voidSaleInDb,
  writeSale,
  type SaleFixture,
} from './cash-fixtures.ts';
import { buildTenant } from './factories.ts';
import { balanceCharge, charge, readCheckout } from './checkout-factories.ts';
import { buildFloor, buildWaiter, chickenItem, openTable, refusal, sendRound } from './order-factories.ts';
import { lockWaiters, withTenantSql } from './tenant-sql.ts';
import type { ApiClient, ApiResponse, TestServer } from './test-server.ts';
import { startTestServer } from './test-server.ts';

/**
 * Cash register sessions: open a register with a float (once per register, whoever races),
 * move cash in and out, close it with the cash counted — the figures are the float plus the cash
 * the session's completed sales took plus the movements, to the céntimo — and read the closing
 * report again later. Only the roles that work the till; another business or another branch
 * never sees a session.
 */
describe('cash register sessions', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const open = (client: ApiClient, body: unknown) =>
    client.post<CashSessionView>('/api/tenant/cash-sessions', body);
  const move = (client: ApiClient, sessionId: string, body: unknown) =>
    client.post<CashMovementView>(`/api/tenant/cash-sessions/${sessionId}/movements`, body);
  const close = (client: ApiClient, sessionId: string, body: unknown) =>
    client.post<CashReportView>(`/api/tenant/cash-sessions/${sessionId}/close`, body);
  const report = (client: ApiClient, sessionId: string) =>
    client.get<CashReportView>(`/api/tenant/cash-sessions/${sessionId}/report`);
  const current = (client: ApiClient, branchId: string) =>
    client.get<RegisterStateView[]>(`/api/tenant/branches/${branchId}/cash-registers/current`);

  const movement = (kind: 'in' | 'out', amountCents: number, reason: string) => ({
    id: crypto.randomUUID(),
    kind,
    amountCents,
    reason,
  });

  describe('opening', () => {
    it('opens a register with its float once: the same id again is the same session, another open is refused naming it', async () => {
      const till = await buildTill(server);
      const id = crypto.randomUUID();
      const body = { id, registerId: till.registerId, openingFloatCents: 15_000 };

      const opened = expectStatus(await open(till.cashier.client, body), 201);
      expect(opened).toMatchObject({
        id,
        branchId: till.branchId,
        registerId: till.registerId,
        registerName: 'Caja 1',
        status: 'open',
        openingFloatCents: 15_000,
        expectedCents: 15_000,
        closedByName: null,
        closedAt: null,
        countedCents: null,
        differenceCents: null,
      });
      expect(opened.openedByName).toMatch(/^cashier /);

      expect(expectStatus(await open(till.cashier.client, body), 200)).toEqual(opened);
      const otherRegister = await buildRegister(till.owner, till.branchId, 'Caja 2');
      expect(refusal(await open(till.cashier.client, { ...body, registerId: otherRegister }), 409).code).toBe(
        'CONFLICT',
      );

      const again = refusal(await open(till.owner.client, { ...body, id: crypto.randomUUID() }), 409);
      expect(again.code).toBe('CASH_SESSION_OPEN');
      expect(again.details).toMatchObject({
        sessionId: id,
        registerId: till.registerId,
        openedByName: opened.openedByName,
        openedAt: opened.openedAt,
      });

      const states = expectStatus(await current(till.cashier.client, till.branchId), 200);
      expect(states.map((state) => [state.register.name, state.session?.id ?? null])).toEqual([
        ['Caja 1', id],
        ['Caja 2', null],
      ]);
      expect(expectStatus(await till.cashier.client.get(`/api/tenant/cash-sessions/${id}`), 200)).toEqual(
        opened,
      );
    });

    it('lets one of five cashiers opening one register at the same moment through, and tells the others who did', async () => {
      const till = await buildTill(server);
      const clients = [till.cashier.client, till.owner.client];
      for (let extra = 0; extra < 3; extra += 1) {
        clients.push((await mintSignedInStaff(server, till.owner.tenantId, till.branchId, 'cashier')).client);
      }
      const answers = await Promise.all(
        clients.map((client) =>
          open(client, { id: crypto.randomUUID(), registerId: till.registerId, openingFloatCents: 5_000 }),
        ),
      );
      const winners = answers.filter((answer) => answer.status === 201);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.body;
      const losers = answers.filter((answer) => answer.status !== 201);
      expect(losers.map((answer) => answer.status)).toEqual([409, 409, 409, 409]);
      for (const loser of losers) {
        expect(refusal(loser, 409)).toMatchObject({
          code: 'CASH_SESSION_OPEN',
          details: { sessionId: winner.id, openedByName: winner.openedByName },
        });
      }
      const rows = await withTenantSql(server, till.owner.tenantId, (sql) =>
        sql.query('select id from cash_sessions where register_id = $1', [till.registerId]),
      );
      expect(rows.rows).toEqual([{ id: winner.id }]);
    });

    it('opens once when copies of one open race each other', async () => {
      const till = await buildTill(server);
      const body = { id: crypto.randomUUID(), registerId: till.registerId, openingFloatCents: 5_000 };
      const answers = await Promise.all([1, 2, 3, 4].map(() => open(till.cashier.client, body)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((answer) => answer.body.id))).toEqual(new Set([body.id]));
    });

    it('refuses a register that is unknown, retired or of a branch the cashier does not work at, naming registerId', async () => {
      const till = await buildTill(server);
      const elsewhere = await buildTill(server, till.owner);
      const body = (registerId: string) => ({ id: crypto.randomUUID(), registerId, openingFloatCents: 0 });

      const unknown = refusal(await open(till.cashier.client, body(crypto.randomUUID())), 422);
      expect(unknown.fields).toEqual({ registerId: expect.objectContaining({ code: 'unknown_reference' }) });
      const foreign = refusal(await open(till.cashier.client, body(elsewhere.registerId)), 422);
      expect(foreign.fields).toEqual({ registerId: expect.objectContaining({ code: 'unknown_reference' }) });

      expectStatus(
        await till.owner.client.patch(`/api/tenant/cash-registers/${till.registerId}`, { active: false }),
        200,
      );
      const retired = refusal(await open(till.cashier.client, body(till.registerId)), 422);
      expect(retired.fields).toEqual({ registerId: expect.objectContaining({ code: 'unavailable' }) });
      expect(expectStatus(await current(till.cashier.client, till.branchId), 200)).toEqual([]);

      // The owner reaches every branch: the other branch's register opens for them.
      expectStatus(await open(till.owner.client, body(elsewhere.registerId)), 201);
    });

    it('will not retire a register while it is open, so no drawer is left without its close', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId);
      const path = `/api/tenant/cash-registers/${till.registerId}`;

      const retire = refusal(await till.owner.client.patch(path, { active: false }), 409);
      expect(retire).toMatchObject({ code: 'CASH_SESSION_OPEN', details: { sessionId: session.id } });
      expect(expectStatus(await current(till.cashier.client, till.branchId), 200)).toHaveLength(1);

      expectStatus(await close(till.cashier.client, session.id, { countedCents: 10_000 }), 200);
      expectStatus(await till.owner.client.patch(path, { active: false }), 200);
    });
  });

  describe('movements', () => {
    it('records cash in and out of an open session once per id, and none once it is closed', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId, 10_000);
      const coal = movement('out', 2_550, 'Compra de carbón');

      const recorded = expectStatus(await move(till.cashier.client, session.id, coal), 201);
      expect(recorded).toMatchObject({
        id: coal.id,
        sessionId: session.id,
        kind: 'out',
        amountCents: 2_550,
        reason: 'Compra de carbón',
      });
      expect(recorded.byName).toMatch(/^cashier /);
      expect(expectStatus(await move(till.cashier.client, session.id, coal), 200)).toEqual(recorded);
      expect(
        refusal(await move(till.cashier.client, session.id, { ...coal, amountCents: 2_000 }), 409).code,
      ).toBe('CONFLICT');

      const copies = movement('in', 5_000, 'Sencillo del banco');
      const raced = await Promise.all([1, 2, 3].map(() => move(till.cashier.client, session.id, copies)));
      expect(raced.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);

      const live = expectStatus(
        await till.cashier.client.get<CashSessionView>(`/api/tenant/cash-sessions/${session.id}`),
        200,
      );
      expect(live.expectedCents).toBe(10_000 - 2_550 + 5_000);

      expectStatus(await close(till.cashier.client, session.id, { countedCents: 12_450 }), 200);
      const late = refusal(await move(till.cashier.client, session.id, movement('out', 100, 'Propina')), 409);
      expect(late).toMatchObject({ code: 'CASH_SESSION_CLOSED', details: { sessionId: session.id } });
      // A retry of a movement recorded before the close is still that movement.
      expect(expectStatus(await move(till.cashier.client, session.id, coal), 200)).toEqual(recorded);
    });

    it('names the field at fault, and never a 500, for bodies that are not a movement', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId);
      const cases: [unknown, string][] = [
        [{ ...movement('in', 0, 'Sencillo') }, 'amountCents'],
        [{ ...movement('in', 1.5, 'Sencillo') }, 'amountCents'],
        [{ ...movement('in', 100, 'ab') }, 'reason'],
        [{ ...movement('in', 100, 'Sencillo'), kind: 'sideways' }, 'kind'],
        [{ ...movement('in', 100, 'Sencillo'), id: 'not-a-uuid' }, 'id'],
        [{ ...movement('in', 100, 'Sencillo'), sessionId: session.id }, 'sessionId'],
        [{ ...movement('in', 100, 'Sencillo'), amountCents: '100' }, 'amountCents'],
      ];
      for (const [body, field] of cases) {
        const answer = refusal(await move(till.cashier.client, session.id, body), 422);
        expect(Object.keys(answer.fields ?? {}), JSON.stringify(body)).toContain(field);
      }
      for (const raw of ['not json', '[]', 'null', '{"id":']) {
        const answer = await till.cashier.client.request(
          'POST',
          `/api/tenant/cash-sessions/${session.id}/movements`,
          raw,
          { 'content-type': 'application/json' },
        );
        expect([400, 422], raw).toContain(answer.status);
      }
    });
  });

  describe('closing', () => {
    /** Ticket by ticket, the night of a register: tenders, change and tips as the charge writes them. */
    const NIGHT: SaleFixture[] = [
      // Cash, S/ 50 handed over for S/ 45: S/ 5 of change leave the drawer with the customer.
      { totalCents: 4_500, payments: [{ method: 'cash', amountCents: 4_500, receivedCents: 5_000 }] },
      // Part cash, part Yape, S/ 5 tip on the Yape.
      {
        totalCents: 6_750,
        tipCents: 500,
        payments: [
          { method: 'cash', amountCents: 3_000, receivedCents: 3_000 },
          { method: 'yape', amountCents: 4_250 },
        ],
      },
      // Card with the tip on it.
      { totalCents: 3_800, tipCents: 200, payments: [{ method: 'card', amountCents: 4_000 }] },
      // Cash with the tip in cash: S/ 23 kept out of S/ 50.
      {
        totalCents: 2_000,
        tipCents: 300,
        payments: [{ method: 'cash', amountCents: 2_300, receivedCents: 5_000 }],
      },
      // Plin after a S/ 10 discount.
      { totalCents: 9_000, discountCents: 1_000, payments: [{ method: 'plin', amountCents: 9_000 }] },
      // Voided: its cash went back to the customer.
      {
        totalCents: 5_000,
        payments: [{ method: 'cash', amountCents: 5_000, receivedCents: 5_000 }],
        voided: { reason: 'Cobrado a la mesa equivocada', byName: 'Dueño' },
      },
    ];
    const completed = NIGHT.filter((sale) => !sale.voided);

    it('closes with the float plus cash sales plus movements expected, to the céntimo, and keeps the report', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId, 10_000);
      for (const sale of NIGHT) {
        await writeSale(server, till.owner.tenantId, session, sale);
      }
      for (const body of [
        movement('in', 2_000, 'Sencillo del banco'),
        movement('out', 1_500, 'Compra de carbón'),
        movement('out', 800, 'Hielo'),
      ]) {
        expectStatus(await move(till.cashier.client, session.id, body), 201);
      }
      // 100.00 float + (45.00 + 30.00 + 23.00) cash + 20.00 in − 15.00 − 8.00 out.
      const expected = 10_000 + 4_500 + 3_000 + 2_300 + 2_000 - 1_500 - 800;
      expect(expected).toBe(19_500);
      const live = await till.cashier.client.get<CashSessionView>(`/api/tenant/cash-sessions/${session.id}`);
      expect(expectStatus(live, 200).expectedCents).toBe(expected);

      const denominations = [
        { valueCents: 10_000, count: 1 },
        { valueCents: 2_000, count: 4 },
        { valueCents: 1_000, count: 1 },
        { valueCents: 200, count: 2 },
      ];
      const closed = expectStatus(
        await close(till.cashier.client, session.id, {
          countedCents: 19_400,
          denominations,
          note: 'Faltó un sol',
        }),
        200,
      );

      const igv = completed.map((sale) => igvBreakdown(sale.totalCents));
      expect(closed).toMatchObject({
        salesCount: 5,
        salesCents: 4_500 + 6_750 + 3_800 + 2_000 + 9_000,
        taxableCents: igv.reduce((sum, part) => sum + part.taxableCents, 0),
        igvCents: igv.reduce((sum, part) => sum + part.igvCents, 0),
        discountCents: 1_000,
        tipCents: 1_000,
        byMethod: [
          { method: 'cash', amountCents: 9_800, count: 3 },
          { method: 'card', amountCents: 4_000, count: 1 },
          { method: 'yape', amountCents: 4_250, count: 1 },
          { method: 'plin', amountCents: 9_000, count: 1 },
          { method: 'transfer', amountCents: 0, count: 0 },
        ],
        movementsInCents: 2_000,
        movementsOutCents: 2_300,
        cashSalesCents: 9_800,
        expectedCents: 19_500,
        countedCents: 19_400,
        differenceCents: -100,
        denominations,
        note: 'Faltó un sol',
      });
      expect(closed.taxableCents + closed.igvCents).toBe(closed.salesCents);
      expect(closed.voided).toMatchObject({
        count: 1,
        amountCents: 5_000,
        sales: [
          {
            receipt: 'B001-00000006',
            totalCents: 5_000,
            reason: 'Cobrado a la mesa equivocada',
            voidedByName: 'Dueño',
          },
        ],
      });
      expect(closed.movements.map((entry) => [entry.kind, entry.amountCents, entry.reason])).toEqual([
        ['in', 2_000, 'Sencillo del banco'],
        ['out', 1_500, 'Compra de carbón'],
        ['out', 800, 'Hielo'],
      ]);
      expect(closed.session).toMatchObject({
        status: 'closed',
        closedByName: session.openedByName,
        expectedCents: 19_500,
        countedCents: 19_400,
        differenceCents: -100,
      });

      const [entry] = await auditLog(server, till.owner.tenantId, 'cash.closed');
      expect(entry).toMatchObject({
        actor_kind: 'staff',
        branch_id: till.branchId,
        entity_type: 'cash_session',
        entity_id: session.id,
        entity_label: 'Caja 1',
        after: expect.objectContaining({
          expectedCents: 19_500,
          countedCents: 19_400,
          differenceCents: -100,
        }),
      });

      // Viewable later, by the cashier and by the owner, exactly as it closed.
      expect(expectStatus(await report(till.cashier.client, session.id), 200)).toEqual(closed);
      expect(expectStatus(await report(till.owner.client, session.id), 200)).toEqual(closed);

      const twice = refusal(await close(till.owner.client, session.id, { countedCents: 19_500 }), 409);
      expect(twice).toMatchObject({ code: 'CASH_SESSION_CLOSED', details: { sessionId: session.id } });
      expect(expectStatus(await report(till.owner.client, session.id), 200)).toEqual(closed);

      // The register opens again for the next shift, from a new float.
      const next = await openRegister(till.cashier.client, till.registerId, 10_000);
      expect(next.expectedCents).toBe(10_000);
    });

    it('closes on the figures of sales charged and voided through the till itself', async () => {
      const floor = await buildFloor(server);
      const waiter = (await buildWaiter(server, floor)).client;
      const cashier = (await buildWaiter(server, floor, 'cashier')).client;
      const registerId = await buildRegister(floor.owner, floor.branchId);
      const session = await openRegister(cashier, registerId, 5_000);
      const till = { sessionId: session.id, registerId };
      /** Table `table`: a chicken (Pierna, S/ 19.00) and a chicha (S/ 6.00), S/ 25.00. */
      const dinnerAt = async (table: number) => {
        const order = await openTable(waiter, floor, table);
        await sendRound(waiter, order.id, [chickenItem(floor), { productId: floor.menu.chicha.id }]);
        return readCheckout(cashier, order.id);
      };

      // S/ 20.00 cash out of S/ 50.00, S/ 10.00 by Yape, S/ 5.00 of it a tip.
      const first = await dinnerAt(1);
      const kept = balanceCharge(first, till, {
        tipCents: 500,
        payments: [
          { method: 'cash', amountCents: 2_000, receivedCents: 5_000 },
          { method: 'yape', amountCents: 1_000 },
        ],
      });
      expectStatus(await charge(cashier, first.order.id, kept), 201);
      const second = await dinnerAt(2);
      const voided = balanceCharge(second, till, { payments: [{ method: 'cash', amountCents: 2_500 }] });
      const sale = expectStatus(await charge(cashier, second.order.id, voided), 201);
      expectStatus(
        await floor.owner.client.post(`/api/tenant/sales/${voided.id}/void`, { reason: 'Mesa equivocada' }),
        200,
      );
      expectStatus(await move(cashier, session.id, movement('out', 300, 'Bolsas')), 201);

      const closed = expectStatus(await close(cashier, session.id, { countedCents: 6_700 }), 200);
      expect(closed).toMatchObject({
        salesCount: 1,
        salesCents: 2_500,
        tipCents: 500,
        cashSalesCents: 2_000,
        movementsOutCents: 300,
        expectedCents: 5_000 + 2_000 - 300,
        differenceCents: 0,
        voided: {
          count: 1,
          amountCents: 2_500,
          sales: [{ id: voided.id, receipt: sale.receipt, reason: 'Mesa equivocada' }],
        },
      });
      expect(closed.byMethod.filter((method) => method.count > 0)).toEqual([
        { method: 'cash', amountCents: 2_000, count: 1 },
        { method: 'yape', amountCents: 1_000, count: 1 },
      ]);
      // A closed till charges no more.
      const third = await dinnerAt(3);
      const late = await charge(cashier, third.order.id, balanceCharge(third, till));
      expect(refusal(late, 409).code).toBe('CASH_SESSION_CLOSED');
    });

    it('keeps a closed report as it closed when one of its sales is voided afterwards', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId, 0);
      const saleId = await writeSale(server, till.owner.tenantId, session, {
        totalCents: 3_000,
        payments: [{ method: 'cash', amountCents: 3_000, receivedCents: 5_000 }],
      });
      const closed = expectStatus(await close(till.cashier.client, session.id, { countedCents: 3_000 }), 200);
      expect(closed).toMatchObject({
        salesCount: 1,
        cashSalesCents: 3_000,
        expectedCents: 3_000,
        differenceCents: 0,
      });

      await voidSaleInDb(
        server,
        till.owner.tenantId,
        saleId,
        'Anulada al día siguiente',
        new Date(Date.now() + 60_000),
      );
      expect(expectStatus(await report(till.owner.client, session.id), 200)).toEqual(closed);
    });

    it('runs the open report (X) with the figures so far', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId, 5_000);
      await writeSale(server, till.owner.tenantId, session, {
        totalCents: 1_990,
        payments: [{ method: 'cash', amountCents: 1_990, receivedCents: 2_000 }],
      });
      const running = expectStatus(await report(till.cashier.client, session.id), 200);
      expect(running).toMatchObject({
        session: { status: 'open', expectedCents: 6_990 },
        salesCount: 1,
        cashSalesCents: 1_990,
        expectedCents: 6_990,
        countedCents: null,
        differenceCents: null,
        denominations: null,
        voided: { count: 0, amountCents: 0, sales: [] },
      });
    });

    it('checks the counted cash against its bills and coins, and refuses bodies that are not a count', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId);
      const mismatch = refusal(
        await close(till.cashier.client, session.id, {
          countedCents: 10_000,
          denominations: [{ valueCents: 5_000, count: 1 }],
        }),
        422,
      );
      expect(mismatch.fields).toEqual({
        countedCents: expect.objectContaining({ code: 'denominations_mismatch' }),
      });
      const cases: [unknown, string][] = [
        [{ countedCents: -1 }, 'countedCents'],
        [{}, 'countedCents'],
        [{ countedCents: 100, denominations: [{ valueCents: 300, count: 1 }] }, 'denominations.0.valueCents'],
        [
          {
            countedCents: 200,
            denominations: [
              { valueCents: 100, count: 1 },
              { valueCents: 100, count: 1 },
            ],
          },
          'denominations',
        ],
        [{ countedCents: 100, note: 'x'.repeat(201) }, 'note'],
        [{ countedCents: 100, expectedCents: 100 }, 'expectedCents'],
      ];
      for (const [body, field] of cases) {
        const answer = refusal(await close(till.cashier.client, session.id, body), 422);
        expect(Object.keys(answer.fields ?? {}), JSON.stringify(body)).toContain(field);
      }
      for (const raw of ['not json', '[1]', 'null']) {
        const answer = await till.cashier.client.request(
          'POST',
          `/api/tenant/cash-sessions/${session.id}/close`,
          raw,
          {
            'content-type': 'application/json',
          },
        );
        expect([400, 422], raw).toContain(answer.status);
      }
      // Nothing was half-written: the session is still open.
      const still = await till.cashier.client.get<CashSessionView>(`/api/tenant/cash-sessions/${session.id}`);
      expect(expectStatus(still, 200).status).toBe('open');
    });

    it('counts a write that held the session when the close came, after waiting for it to commit', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId, 1_000);
      await withTenantSql(server, till.owner.tenantId, async (sql) => {
        await sql.query('begin');
        // What a charge or a movement does first: read the session FOR SHARE.
        await sql.query(`select status from cash_sessions where id = $1 for share`, [session.id]);
        await sql.query(
          `insert into cash_movements (id, session_id, kind, amount_cents, reason, by_kind, by_id, by_name, created_at)
             values ($1, $2, 'in', 700, 'Sencillo', 'user', 'x', 'Dueño', now())`,
          [crypto.randomUUID(), session.id],
        );
        const closing = close(till.cashier.client, session.id, { countedCents: 1_700 });
        await lockWaiters(sql, 1);
        await sql.query('commit');
        const closed = expectStatus(await closing, 200);
        expect(closed).toMatchObject({ movementsInCents: 700, expectedCents: 1_700, differenceCents: 0 });
      });
    });

    it('refuses a write that reaches the session while a close holds it, once the close committed', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId, 1_000);
      await withTenantSql(server, till.owner.tenantId, async (sql) => {
        await sql.query('begin');
        // What a close does first: lock the session FOR UPDATE.
        await sql.query(`select status from cash_sessions where id = $1 for update`, [session.id]);
        const moving = move(till.cashier.client, session.id, movement('out', 500, 'Gas'));
        await lockWaiters(sql, 1);
        await sql.query(
          `update cash_sessions set status = 'closed', closed_at = now(), closed_by_name = 'Dueño',
                  counted_cents = 1000, expected_cents = 1000, difference_cents = 0
            where id = $1`,
          [session.id],
        );
        await sql.query('commit');
        expect(refusal(await moving, 409).code).toBe('CASH_SESSION_CLOSED');
      });
    });
  });

  it('closes a shift whose figures pass what a 32-bit column holds, to the céntimo', async () => {
    const till = await buildTill(server);
    const session = expectStatus(
      await open(till.cashier.client, {
        id: crypto.randomUUID(),
        registerId: till.registerId,
        openingFloatCents: 0,
      }),
      201,
    );
    // 22 × S/ 999,999.99 in: past 2^31 − 1 céntimos, the most an int column holds.
    const most = 99_999_999;
    for (let index = 0; index < 22; index += 1) {
      expectStatus(
        await move(till.cashier.client, session.id, movement('in', most, 'Depósito del día')),
        201,
      );
    }
    const expected = 22 * most;
    expect(expected).toBeGreaterThan(2 ** 31 - 1);

    const closed = expectStatus(await close(till.cashier.client, session.id, { countedCents: 0 }), 200);
    expect(closed.session).toMatchObject({
      expectedCents: expected,
      countedCents: 0,
      differenceCents: -expected,
    });
    expect(expectStatus(await report(till.cashier.client, session.id), 200).session).toEqual(closed.session);
  });

  describe('lists', () => {
    it("lists a branch's sessions newest first, by status, and refuses a bad query", async () => {
      const till = await buildTill(server);
      const first = await openRegister(till.cashier.client, till.registerId, 1_000);
      expectStatus(await close(till.cashier.client, first.id, { countedCents: 1_000 }), 200);
      const second = await openRegister(till.cashier.client, till.registerId, 2_000);
      expectStatus(await close(till.cashier.client, second.id, { countedCents: 1_900 }), 200);
      const third = await openRegister(till.cashier.client, till.registerId, 3_000);

      const list = (query: string) =>
        till.owner.client.get<CashSessionView[]>(
          `/api/tenant/branches/${till.branchId}/cash-sessions${query}`,
        );
      expect(expectStatus(await list(''), 200).map((session) => session.id)).toEqual([
        third.id,
        second.id,
        first.id,
      ]);
      const closed = expectStatus(await list('?status=closed&limit=1'), 200);
      expect(closed).toEqual([
        expect.objectContaining({
          id: second.id,
          status: 'closed',
          expectedCents: 2_000,
          differenceCents: -100,
        }),
      ]);
      expect(expectStatus(await list('?status=open'), 200).map((session) => session.id)).toEqual([third.id]);
      for (const query of ['?limit=51', '?limit=0', '?status=nope', '?branch=x']) {
        expect(refusal(await list(query), 422).code, query).toBe('VALIDATION_FAILED');
      }
      // The cashier who closes reads the list too (cash.close).
      expectStatus(
        await till.cashier.client.get(`/api/tenant/branches/${till.branchId}/cash-sessions?status=closed`),
        200,
      );
    });
  });

  describe('who may', () => {
    it('lets the till roles work it, and refuses waiters and the kitchen', async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId);
      const admin = await buildAdmin(server, till.owner);
      const waiter = (await mintSignedInStaff(server, till.owner.tenantId, till.branchId, 'waiter')).client;
      const kitchen = (await mintSignedInStaff(server, till.owner.tenantId, till.branchId, 'kitchen')).client;

      const attempts = (client: ApiClient): Promise<ApiResponse[]> =>
        Promise.all([
          current(client, till.branchId),
          client.get(`/api/tenant/cash-sessions/${session.id}`),
          move(client, session.id, movement('in', 100, 'Sencillo')),
          report(client, session.id),
          client.get(`/api/tenant/branches/${till.branchId}/cash-sessions`),
          open(client, { id: crypto.randomUUID(), registerId: till.registerId, openingFloatCents: 0 }),
        ]);
      for (const client of [waiter, kitchen]) {
        const answers = await attempts(client);
        expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403, 403]);
        expect(refusal(await close(client, session.id, { countedCents: 0 }), 403).code).toBe('FORBIDDEN');
      }
      for (const client of [till.cashier.client, admin]) {
        const answers = await attempts(client);
        // The register is open already: its open answers 409, everything else goes through.
        expect(answers.map((answer) => answer.status)).toEqual([200, 200, 201, 200, 200, 409]);
      }
      expectStatus(await close(admin, session.id, { countedCents: 10_200 }), 200);
    });

    it("hides a business's sessions from another business, and a branch's from the cashier of another", async () => {
      const till = await buildTill(server);
      const session = await openRegister(till.cashier.client, till.registerId);
      const otherBranch = await buildTill(server, till.owner);
      const stranger = await buildTill(server, await buildTenant(server));

      for (const client of [stranger.owner.client, stranger.cashier.client, otherBranch.cashier.client]) {
        const answers = [
          await client.get(`/api/tenant/cash-sessions/${session.id}`),
          await report(client, session.id),
          await move(client, session.id, movement('in', 100, 'Sencillo')),
          await close(client, session.id, { countedCents: 10_000 }),
          await current(client, till.branchId),
          await client.get(`/api/tenant/branches/${till.branchId}/cash-sessions`),
        ];
        for (const answer of answers) {
          expect(refusal(answer, 404).code).toBe('NOT_FOUND');
        }
      }
      const foreign = refusal(
        await open(otherBranch.cashier.client, {
          id: crypto.randomUUID(),
          registerId: till.registerId,
          openingFloatCents: 0,
        }),
        422,
      );
      expect(foreign.fields).toEqual({ registerId: expect.objectContaining({ code: 'unknown_reference' }) });
      // Reusing the session's id from another branch names no session of theirs.
      const reused = await open(otherBranch.cashier.client, {
        id: session.id,
        registerId: otherBranch.registerId,
        openingFloatCents: 0,
      });
      expect(refusal(reused, 409).details).toEqual({ id: session.id });

      // Nothing moved: the session is as it was.
      const after = await till.cashier.client.get<CashSessionView>(`/api/tenant/cash-sessions/${session.id}`);
      expect(expectStatus(after, 200)).toEqual(session);
    });
  });
});
