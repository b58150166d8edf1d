import type { OrderView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, expectStatus } from './actors.ts';
import { balanceCharge, charge, openCashSession, readCheckout } from './checkout-factories.ts';
import {
  buildFloor,
  buildWaiter,
  chickenItem,
  floorEvents,
  floorEventTypes,
  openTable,
  refusal,
  roundBody,
  sendRound,
  setItemStatus,
  type Floor,
} from './order-factories.ts';
import { startTestServer, type ApiClient, type ApiResponse, type TestServer } from './test-server.ts';

/**
 * What an order costs, and when it may no longer change: discounts on an item or on the whole
 * order (with permission and a reason, audited), the money version every change to the bill
 * raises, and the freeze once part of the bill is paid.
 */
describe('orders: discounts and the money freeze', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const putDiscount = (client: ApiClient, orderId: string, body: object) =>
    client.put<OrderView>(`/api/tenant/orders/${orderId}/discount`, body);
  const deleteDiscount = (client: ApiClient, orderId: string, query = '') =>
    client.request<OrderView>('DELETE', `/api/tenant/orders/${orderId}/discount${query}`, undefined, {});

  async function seqOf(floor: Floor): Promise<number> {
    return (await floorEvents(floor.owner.client, floor.branchId)).latestSeq;
  }

  it('lets a cashier, not a waiter, discount an item or the whole order with a reason, audited and heard by the floor', async () => {
    const floor = await buildFloor(server);
    const waiter = (await buildWaiter(server, floor)).client;
    const cashier = (await buildWaiter(server, floor, 'cashier')).client;
    const opened = await openTable(waiter, floor, 4);
    // Two chickens (S/ 38.00) and a chicha (S/ 6.00).
    const order = await sendRound(waiter, opened.id, [
      chickenItem(floor, 'Pierna', 2),
      { productId: floor.menu.chicha.id },
    ]);
    const [chickens, chicha] = order.items;
    const half = { itemId: chicha!.id, kind: 'percent', value: 50, reason: 'Chicha aguada' };

    expect(refusal(await putDiscount(waiter, order.id, half), 403).code).toBe('FORBIDDEN');
    expect(refusal(await deleteDiscount(waiter, order.id), 403).code).toBe('FORBIDDEN');

    const seq = await seqOf(floor);
    const discounted = expectStatus(await putDiscount(cashier, order.id, half), 200);
    expect(discounted).toMatchObject({
      subtotalCents: 4400,
      discountCents: 300,
      totalCents: 4100,
      version: order.version + 1,
      discounts: [
        {
          itemId: chicha!.id,
          kind: 'percent',
          value: 50,
          reason: 'Chicha aguada',
          byName: expect.stringMatching(/^cashier /),
          createdAt: expect.any(String),
        },
      ],
    });
    const events = (await floorEvents(waiter, floor.branchId, seq)).events;
    expect(events.map((event) => event.type)).toEqual(['orders.updated']);
    expect(events[0]!.payload).toEqual({ order: discounted });

    // The same discount again changes nothing; another one for the order adds to it.
    const same = expectStatus(await putDiscount(cashier, order.id, half), 200);
    expect(same.version).toBe(discounted.version);
    const whole = expectStatus(
      await putDiscount(cashier, order.id, { kind: 'amount', value: 1000, reason: 'Cumpleaños' }),
      200,
    );
    expect(whole).toMatchObject({ discountCents: 1300, totalCents: 3100, version: discounted.version + 1 });
    // Setting the order's discount again replaces it.
    const replaced = expectStatus(
      await putDiscount(cashier, order.id, {
        itemId: null,
        kind: 'percent',
        value: 10,
        reason: 'Cumpleaños',
      }),
      200,
    );
    // 10 % of S/ 41.00 (after the chicha's half) is S/ 4.10.
    expect(replaced).toMatchObject({ discountCents: 710, totalCents: 3690 });
    expect(replaced.discounts).toHaveLength(2);

    // Taking the chicha's back; taking back one that is not there changes nothing.
    const back = expectStatus(await deleteDiscount(cashier, order.id, `?itemId=${chicha!.id}`), 200);
    expect(back).toMatchObject({ discountCents: 440, totalCents: 3960, version: replaced.version + 1 });
    const none = expectStatus(await deleteDiscount(cashier, order.id, `?itemId=${chickens!.id}`), 200);
    expect(none.version).toBe(back.version);
    expect(await floorEventTypes(waiter, floor.branchId, seq)).toEqual([
      'orders.updated',
      'orders.updated',
      'orders.updated',
      'orders.updated',
    ]);

    const entries = await auditLog(server, floor.owner.tenantId, 'orders.discounted');
    expect(entries.map((entry) => [entry.entity_label, entry.before, entry.after])).toEqual([
      [
        '1× Chicha morada · Mesa 4',
        { itemId: chicha!.id, discount: null, totalCents: 4400 },
        {
          itemId: chicha!.id,
          discount: { kind: 'percent', value: 50, reason: 'Chicha aguada' },
          totalCents: 4100,
        },
      ],
      [
        'Mesa 4',
        { itemId: null, discount: null, totalCents: 4100 },
        { itemId: null, discount: { kind: 'amount', value: 1000, reason: 'Cumpleaños' }, totalCents: 3100 },
      ],
      [
        'Mesa 4',
        {
          itemId: null,
          discount: { kind: 'amount', value: 1000, reason: 'Cumpleaños' },
          totalCents: 3100,
        },
        { itemId: null, discount: { kind: 'percent', value: 10, reason: 'Cumpleaños' }, totalCents: 3690 },
      ],
      [
        '1× Chicha morada · Mesa 4',
        {
          itemId: chicha!.id,
          discount: { kind: 'percent', value: 50, reason: 'Chicha aguada' },
          totalCents: 3690,
        },
        { itemId: chicha!.id, discount: null, totalCents: 3960 },
      ],
    ]);
    expect(entries.every((entry) => entry.actor_kind === 'staff' && entry.branch_id === floor.branchId)).toBe(
      true,
    );
  });

  it('refuses a discount naming something not on the bill, or without a reason, writing nothing', async () => {
    const floor = await buildFloor(server);
    const owner = floor.owner.client;
    const opened = await openTable(owner, floor, 1);
    const order = await sendRound(owner, opened.id, [chickenItem(floor), { productId: floor.menu.soda.id }]);
    const soda = order.items[1]!;
    expectStatus(
      await owner.post(`/api/tenant/orders/${order.id}/items/${soda.id}/void`, { reason: 'Se acabó' }),
      200,
    );
    const cases: [object, string, string | null][] = [
      [
        { itemId: crypto.randomUUID(), kind: 'amount', value: 100, reason: 'Error' },
        'itemId',
        'unknown_reference',
      ],
      [{ itemId: soda.id, kind: 'amount', value: 100, reason: 'Error' }, 'itemId', 'unavailable'],
      [{ kind: 'percent', value: 150, reason: 'Regalo' }, 'value', 'too_long'],
      [{ kind: 'percent', value: 0, reason: 'Regalo' }, 'value', 'too_short'],
      // Named whatever validate() calls a value of the wrong type.
      [{ kind: 'amount', value: 12.5, reason: 'Regalo' }, 'value', null],
      [{ kind: 'gift', value: 10, reason: 'Regalo' }, 'kind', 'invalid_value'],
      [{ kind: 'amount', value: 100 }, 'reason', 'required'],
      [{ kind: 'amount', value: 100, reason: 'ok', extra: 1 }, 'extra', 'unknown_field'],
    ];
    for (const [body, field, code] of cases) {
      const error = refusal(await putDiscount(owner, order.id, body), 422);
      const issue = error.fields?.[field];
      expect(issue, JSON.stringify(body)).toBeDefined();
      if (code) {
        expect(issue?.code, JSON.stringify(body)).toBe(code);
      }
    }
    expect(refusal(await deleteDiscount(owner, order.id, '?itemId=sopa'), 422).fields?.itemId).toBeDefined();
    expect(
      refusal(
        await putDiscount(owner, crypto.randomUUID(), { kind: 'amount', value: 1, reason: 'Nada' }),
        404,
      ).code,
    ).toBe('NOT_FOUND');
    const after = await readCheckout(owner, order.id);
    expect(after.order.discounts).toEqual([]);
    expect(await auditLog(server, floor.owner.tenantId, 'orders.discounted')).toEqual([]);
  });

  it('raises the money version with rounds, voids, discounts and merges, and not with serving, the bill or a move', async () => {
    const floor = await buildFloor(server);
    const owner = floor.owner.client;
    const opened = await openTable(owner, floor, 1);
    expect(opened.version).toBe(1);
    const sent = await sendRound(owner, opened.id, [chickenItem(floor), { productId: floor.menu.soda.id }]);
    expect(sent.version).toBe(2);
    const [chicken, soda] = sent.items;
    await setItemStatus(server, floor.owner.tenantId, [chicken!.id], 'ready');
    const post = (path: string, body: object = {}) =>
      owner.post<OrderView>(`/api/tenant/orders/${sent.id}/${path}`, body);
    expect(expectStatus(await post('served', { itemIds: [chicken!.id] }), 200).version).toBe(2);
    expect(expectStatus(await post('request-bill'), 200).version).toBe(2);
    expect(expectStatus(await post('move', { tableId: floor.tables[1]!.id }), 200).version).toBe(2);
    expect(expectStatus(await post(`items/${soda!.id}/void`, { reason: 'Se acabó' }), 200).version).toBe(3);
    expect(expectStatus(await post('tables', { tableId: floor.tables[2]!.id }), 200).version).toBe(3);

    const neighbour = await openTable(owner, floor, 4);
    await sendRound(owner, neighbour.id, [{ productId: floor.menu.chicha.id }]);
    const merged = expectStatus(await post('tables', { tableId: floor.tables[3]!.id }), 200);
    expect(merged).toMatchObject({ version: 4, totalCents: 1900 + 600 });
  });

  it('freezes the bill once part of it is paid: no rounds, voids, discounts, moves, joins or cancelling; serving and the bill still go', async () => {
    const floor = await buildFloor(server);
    const owner = floor.owner.client;
    const cashier = (await buildWaiter(server, floor, 'cashier')).client;
    const session = await openCashSession(server, floor.owner.tenantId, floor.branchId);
    const opened = await openTable(owner, floor, 1);
    const order = await sendRound(owner, opened.id, [chickenItem(floor), { productId: floor.menu.soda.id }]);
    const [chicken, soda] = order.items;
    const neighbour = await openTable(owner, floor, 2);
    await sendRound(owner, neighbour.id, [{ productId: floor.menu.chicha.id }]);

    // The soda is paid on its own.
    const checkout = await readCheckout(cashier, order.id);
    expectStatus(
      await charge(
        cashier,
        order.id,
        balanceCharge(checkout, session, {
          part: { kind: 'items', items: [{ itemId: soda!.id, quantity: 1 }] },
          expectedAmountCents: 500,
          payments: [{ method: 'cash', amountCents: 500 }],
        }),
      ),
      201,
    );
    const paying = (response: ApiResponse<unknown>) => {
      const error = refusal(response, 409);
      expect(error.code).toBe('ORDER_PAYING');
      expect(error.details).toMatchObject({ orderId: order.id, paidCents: 500 });
    };
    const post = (path: string, body: object = {}) =>
      owner.post<OrderView>(`/api/tenant/orders/${order.id}/${path}`, body);
    paying(await post('rounds', roundBody([{ productId: floor.menu.chicha.id }])));
    paying(await post(`items/${chicken!.id}/void`, { reason: 'Se equivocó' }));
    paying(await putDiscount(owner, order.id, { kind: 'percent', value: 10, reason: 'Amigo' }));
    paying(await post('move', { tableId: floor.tables[4]!.id }));
    paying(await post('tables', { tableId: floor.tables[5]!.id }));
    paying(await post('tables', { tableId: floor.tables[1]!.id }));
    paying(await post('cancel'));
    // Nor may the neighbour's table bring this one in.
    const absorbed = refusal(
      await owner.post(`/api/tenant/orders/${neighbour.id}/tables`, { tableId: floor.tables[0]!.id }),
      409,
    );
    expect(absorbed).toMatchObject({ code: 'ORDER_PAYING', details: { orderId: order.id } });

    await setItemStatus(server, floor.owner.tenantId, [chicken!.id], 'ready');
    expectStatus(await post('served', { itemIds: [chicken!.id] }), 200);
    const billed = expectStatus(await post('request-bill'), 200);
    expect(billed).toMatchObject({ status: 'bill_requested', paidCents: 500, totalCents: 2400 });
    expect(billed.version).toBe(checkout.order.version + 1);
  });
});
