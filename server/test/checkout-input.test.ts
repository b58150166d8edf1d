import { SaleView, type CashReportView, type CustomerView, type OrderView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, expectStatus } from './actors.ts';
import {
  balanceCharge,
  buildCustomer,
  charge,
  closeCashSession,
  openCashSession,
  readCheckout,
  type OpenSession,
} from './checkout-factories.ts';
import {
  buildFloor,
  buildWaiter,
  chickenItem,
  openTable,
  refusal,
  sendRound,
  type Floor,
} from './order-factories.ts';
import { startTestServer, type ApiClient, type ApiResponse, type TestServer } from './test-server.ts';

/**
 * The checkout routes against what a flaky phone, a confused till or a curious user sends: ids
 * that are not ids, days that are not days, documents typed with spaces, a customer of another
 * business, the same item twice — each a 4xx naming what is wrong, never a 500, with nothing
 * written — and the double taps of a void or a discount, which do their work once.
 */
describe('checkout: input, reach and double taps', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  interface Table {
    floor: Floor;
    cashier: ApiClient;
    session: OpenSession;
    order: OrderView;
  }

  /** A table of two chickens (S/ 38.00) and a chicha (S/ 6.00), a cashier and an open till. */
  async function servedTable(): Promise<Table> {
    const floor = await buildFloor(server);
    const cashier = (await buildWaiter(server, floor, 'cashier')).client;
    const session = await openCashSession(server, floor.owner.tenantId, floor.branchId);
    const opened = await openTable(floor.owner.client, floor, 1);
    const order = await sendRound(floor.owner.client, opened.id, [
      chickenItem(floor, 'Pierna', 2),
      { productId: floor.menu.chicha.id },
    ]);
    return { floor, cashier, session, order };
  }

  const salesOf = async (client: ApiClient, branchId: string): Promise<SaleView[]> =>
    expectStatus(await client.get<SaleView[]>(`/api/tenant/branches/${branchId}/sales`), 200);

  it('answers a path id that is no uuid with 404 on every checkout route, never a 500', async () => {
    const { floor, session, order } = await servedTable();
    const owner = floor.owner.client;
    const chargeBody = balanceCharge(await readCheckout(owner, order.id), session);
    const routes: [string, (id: string) => Promise<ApiResponse<unknown>>][] = [
      ['registers', (id) => owner.get(`/api/tenant/branches/${id}/cash-registers/current`)],
      ['sessions', (id) => owner.get(`/api/tenant/branches/${id}/cash-sessions`)],
      ['session', (id) => owner.get(`/api/tenant/cash-sessions/${id}`)],
      [
        'movement',
        (id) =>
          owner.post(`/api/tenant/cash-sessions/${id}/movements`, {
            id: crypto.randomUUID(),
            kind: 'in',
            amountCents: 500,
            reason: 'Sencillo del banco',
          }),
      ],
      ['close', (id) => owner.post(`/api/tenant/cash-sessions/${id}/close`, { countedCents: 0 })],
      ['report', (id) => owner.get(`/api/tenant/cash-sessions/${id}/report`)],
      ['customer', (id) => owner.patch(`/api/tenant/customers/${id}`, { name: 'Rosa Quispe' })],
      ['checkout', (id) => owner.get(`/api/tenant/orders/${id}/checkout`)],
      ['charge', (id) => charge(owner, id, { ...chargeBody, id: crypto.randomUUID() })],
      ['sale', (id) => owner.get(`/api/tenant/sales/${id}`)],
      ['void', (id) => owner.post(`/api/tenant/sales/${id}/void`, { reason: 'Cobrado dos veces' })],
      ['day', (id) => owner.get(`/api/tenant/branches/${id}/sales`)],
      [
        'discount',
        (id) =>
          owner.put(`/api/tenant/orders/${id}/discount`, { kind: 'amount', value: 100, reason: 'Cliente' }),
      ],
      ['undiscount', (id) => owner.request('DELETE', `/api/tenant/orders/${id}/discount`, undefined, {})],
    ];
    const badIds = [
      'not-a-uuid',
      `${order.id}x`,
      order.id.replaceAll('-', ''),
      encodeURIComponent("' or '1'='1"),
      '00000000-0000-0000-0000-000000000000',
    ];
    for (const [name, call] of routes) {
      for (const id of badIds) {
        expect(refusal(await call(id), 404).code, `${name} ${id}`).toBe('NOT_FOUND');
      }
    }
    expect(await salesOf(owner, floor.branchId)).toEqual([]);
    expect((await readCheckout(owner, order.id)).order).toMatchObject({ paidCents: 0, discounts: [] });
  });

  it('refuses a ?day= that is not a day of the calendar, naming day; a far day is just empty', async () => {
    const { floor } = await servedTable();
    const path = `/api/tenant/branches/${floor.branchId}/sales`;
    for (const query of [
      'day=2025-02-29',
      'day=2025-13-01',
      'day=2025-04-31',
      'day=2025-4-5',
      'day=05-04-2025',
      'day=2025-04-05T00:00:00Z',
      'day=%202025-04-05',
      'day=',
      'day=2025-04-05&day=2025-04-06',
      'day=hoy',
      'from=2025-04-05',
    ]) {
      const error = refusal(await floor.owner.client.get(`${path}?${query}`), 422);
      expect(error.code, query).toBe('VALIDATION_FAILED');
      expect(Object.keys(error.fields ?? {}), query).toEqual([query.startsWith('from') ? 'from' : 'day']);
    }
    for (const day of ['2024-02-29', '1999-12-31', '2999-12-31']) {
      expect(expectStatus(await floor.owner.client.get(`${path}?day=${day}`), 200), day).toEqual([]);
    }
  });

  it('refuses year 0000, which ISO 8601 writes but PostgreSQL has no day of, with 422 naming the field, not a 500', async () => {
    const { floor } = await servedTable();
    const client = floor.owner.client;
    for (const day of ['0000-01-01', '0000-12-31']) {
      const sales = refusal(await client.get(`/api/tenant/branches/${floor.branchId}/sales?day=${day}`), 422);
      expect(sales.fields?.day?.code, day).toBe('invalid_value');
      // The activity log reads Lima days the same way.
      const audit = refusal(await client.get(`/api/tenant/audit?from=${day}&to=2025-01-01`), 422);
      expect(audit.fields?.from?.code, day).toBe('invalid_value');
    }
  });

  it('refuses a document typed with spaces, dots or dashes, or sent as a number, naming docNumber; registers nobody', async () => {
    const { cashier } = await servedTable();
    const create = (body: object) => cashier.post<CustomerView>('/api/tenant/customers', body);
    const cases: [object, string, string][] = [
      [{ docType: 'dni', docNumber: '4500 9912', name: 'Rosa Quispe' }, 'docNumber', 'dni_invalid'],
      [{ docType: 'dni', docNumber: '45.009.912', name: 'Rosa Quispe' }, 'docNumber', 'dni_invalid'],
      [{ docType: 'dni', docNumber: '４５００９９１２', name: 'Rosa Quispe' }, 'docNumber', 'dni_invalid'],
      [{ docType: 'ruc', docNumber: '20-13131295-5', name: 'El Carbón S.A.C.' }, 'docNumber', 'ruc_length'],
      [{ docType: 'ruc', docNumber: '2013131 2955', name: 'El Carbón S.A.C.' }, 'docNumber', 'ruc_length'],
      [{ docType: 'dni', docNumber: 45009912, name: 'Rosa Quispe' }, 'docNumber', 'invalid_type'],
      [{ docType: 'dni', docNumber: '45009912', name: '  R  ' }, 'name', 'too_short'],
      [{ name: 'Rosa Quispe', address: 'x'.repeat(201) }, 'address', 'too_long'],
    ];
    for (const [body, field, code] of cases) {
      const error = refusal(await create(body), 422);
      expect(error.fields?.[field]?.code, JSON.stringify(body)).toBe(code);
    }
    expect(expectStatus(await cashier.get('/api/tenant/customers?q=Rosa'), 200)).toEqual([]);
    expect(expectStatus(await cashier.get('/api/tenant/customers?q=4500'), 200)).toEqual([]);

    // The same rules on a correction, which leaves the customer as they were.
    const rosa = expectStatus(await create({ docType: 'dni', docNumber: ' 45009912 ', name: 'Rosa' }), 201);
    expect(rosa.docNumber).toBe('45009912');
    const patch = (body: object) => cashier.patch(`/api/tenant/customers/${rosa.id}`, body);
    expect(
      refusal(await patch({ docType: 'dni', docNumber: '4500 9913' }), 422).fields?.docNumber?.code,
    ).toBe('dni_invalid');
    expect(
      refusal(await patch({ docType: 'ruc', docNumber: 20131312955 }), 422).fields?.docNumber?.code,
    ).toBe('invalid_type');
    expect(refusal(await patch({ id: crypto.randomUUID() }), 422).fields?.id?.code).toBe('unknown_field');
    const [found] = expectStatus(await cashier.get<CustomerView[]>('/api/tenant/customers?q=4500'), 200);
    expect(found).toEqual(rosa);
  });

  it("refuses a charge naming another business's customer, the same item twice or another order's item, writing nothing", async () => {
    const { floor, cashier, session, order } = await servedTable();
    const checkout = await readCheckout(cashier, order.id);
    const stranger = await buildFloor(server);
    const theirs = await buildCustomer(server, stranger.owner.tenantId, {
      docType: 'dni',
      name: 'Pepe Ajeno',
    });
    const elsewhere = await openTable(floor.owner.client, floor, 2);
    const otherOrder = await sendRound(floor.owner.client, elsewhere.id, [
      { productId: floor.menu.chicha.id },
    ]);
    const chicken = order.items[0]!;

    const foreign = refusal(
      await charge(
        cashier,
        order.id,
        balanceCharge(checkout, session, { receipt: { type: 'boleta', customerId: theirs } }),
      ),
      422,
    );
    expect(foreign.fields?.['receipt.customerId']?.code).toBe('unknown_reference');

    const byItems = (items: { itemId: string; quantity: number }[], cents: number) =>
      balanceCharge(checkout, session, {
        part: { kind: 'items', items },
        expectedAmountCents: cents,
        payments: [{ method: 'cash', amountCents: cents }],
      });
    const twice = refusal(
      await charge(
        cashier,
        order.id,
        byItems(
          [
            { itemId: chicken.id, quantity: 1 },
            { itemId: chicken.id, quantity: 1 },
          ],
          3800,
        ),
      ),
      422,
    );
    expect(twice.fields?.['part.items.1.itemId']?.code).toBe('duplicate');
    const stolen = refusal(
      await charge(cashier, order.id, byItems([{ itemId: otherOrder.items[0]!.id, quantity: 1 }], 600)),
      422,
    );
    expect(stolen.fields?.['part.items.0.itemId']?.code).toBe('unknown_reference');

    const shapes: [object, string, string][] = [
      [{ expectedAmountCents: '4400' }, 'expectedAmountCents', 'invalid_type'],
      [{ expectedAmountCents: 1e12 }, 'expectedAmountCents', 'too_long'],
      [{ tipCents: 1e21 }, 'tipCents', 'too_long'],
      [{ sessionId: null }, 'sessionId', 'required'],
      [{ receipt: { type: 'boleta', customerId: 'rosa' } }, 'receipt.customerId', 'invalid_value'],
      [{ receipt: { type: 'boleta', tenantId: floor.owner.tenantId } }, 'receipt.tenantId', 'unknown_field'],
      [
        { payments: [{ method: 'card', amountCents: 4400, receivedCents: 5000 }] },
        'payments.0.receivedCents',
        'invalid_value',
      ],
      [
        { payments: [{ method: 'cash', amountCents: 4400, reference: 'x'.repeat(41) }] },
        'payments.0.reference',
        'too_long',
      ],
    ];
    for (const [override, field, code] of shapes) {
      const body = { ...balanceCharge(checkout, session), ...override };
      const error = refusal(await cashier.post(`/api/tenant/orders/${order.id}/charges`, body), 422);
      expect(error.fields?.[field]?.code, JSON.stringify(override)).toBe(code);
    }
    expect(await salesOf(floor.owner.client, floor.branchId)).toEqual([]);
    const after = await readCheckout(cashier, order.id);
    expect(after).toMatchObject({ paidCents: 0, balanceCents: 4400 });
    expect(after.order.version).toBe(checkout.order.version);
  });

  it('voids once when the void is tapped twice at once: one answer voids, the other says when, one cash refund', async () => {
    const { floor, cashier, session, order } = await servedTable();
    const sale = SaleView.parse(
      expectStatus(
        await charge(cashier, order.id, balanceCharge(await readCheckout(cashier, order.id), session)),
        201,
      ),
    );
    // Its drawer closed: the void hands the cash back from the till open now.
    await closeCashSession(server, floor.owner.tenantId, session.sessionId);
    const today = await openCashSession(server, floor.owner.tenantId, floor.branchId);
    const body = { reason: 'Cobrado dos veces', cashSessionId: today.sessionId };

    const answers = await Promise.all(
      [1, 2, 3].map(() => floor.owner.client.post<SaleView>(`/api/tenant/sales/${sale.id}/void`, body)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    for (const answer of answers.filter((each) => each.status === 409)) {
      const error = refusal(answer, 409);
      expect(error.code).toBe('CONFLICT');
      expect(typeof error.details?.voidedAt).toBe('string');
    }
    const report = expectStatus(
      await floor.owner.client.get<CashReportView>(`/api/tenant/cash-sessions/${today.sessionId}/report`),
      200,
    );
    expect(report.movements.map((movement) => [movement.kind, movement.amountCents])).toEqual([
      ['out', 4400],
    ]);
    expect(await auditLog(server, floor.owner.tenantId, 'sales.voided')).toHaveLength(1);
  });

  it('gives or takes back a discount once when it is tapped several times at once', async () => {
    const { floor, cashier, order } = await servedTable();
    const path = `/api/tenant/orders/${order.id}/discount`;
    const half = { kind: 'percent', value: 50, reason: 'Cliente frecuente' };

    const given = await Promise.all([1, 2, 3].map(() => cashier.put<OrderView>(path, half)));
    const views = given.map((answer) => expectStatus(answer, 200));
    for (const view of views) {
      expect(view).toMatchObject({ discountCents: 2200, totalCents: 2200 });
      expect(view.discounts).toHaveLength(1);
    }
    expect(new Set(views.map((view) => view.version)).size).toBe(1);
    expect(views[0]!.version).toBe(order.version + 1);

    const taken = await Promise.all(
      [1, 2, 3].map(() => cashier.request<OrderView>('DELETE', path, undefined, {})),
    );
    for (const answer of taken) {
      expect(expectStatus(answer, 200)).toMatchObject({ discountCents: 0, totalCents: 4400, discounts: [] });
    }
    const audited = await auditLog(server, floor.owner.tenantId, 'orders.discounted');
    expect(audited.map((row) => (row.after as { discount: unknown }).discount)).toEqual([
      { kind: 'percent', value: 50, reason: 'Cliente frecuente' },
      null,
    ]);
    expect((await readCheckout(cashier, order.id)).order.version).toBe(order.version + 2);
  });

  it('never lets a discount take the bill below zero, whatever its amount', async () => {
    const { cashier, order } = await servedTable();
    const path = `/api/tenant/orders/${order.id}/discount`;
    const chicken = order.items[0]!;
    const onItem = expectStatus(
      await cashier.put<OrderView>(path, {
        itemId: chicken.id,
        kind: 'amount',
        value: 9_999_999,
        reason: 'Se quemó',
      }),
      200,
    );
    expect(onItem).toMatchObject({ discountCents: 3800, totalCents: 600 });
    const onOrder = expectStatus(
      await cashier.put<OrderView>(path, { kind: 'amount', value: 9_999_999, reason: 'Cortesía de la casa' }),
      200,
    );
    expect(onOrder).toMatchObject({ discountCents: 4400, totalCents: 0 });
    const checkout = await readCheckout(cashier, order.id);
    expect(checkout).toMatchObject({ totalCents: 0, balanceCents: 0, discountCents: 4400 });
    expect(checkout.lines.every((line) => line.netCents >= 0)).toBe(true);
  });
});
