import { type CatchUpView, OrderView, type StationView, type TicketView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from './actors.ts';
import {
  buildFloor,
  buildWaiter,
  chickenItem,
  floorEventTypes,
  openTable,
  openTakeaway,
  optionOf,
  refusal,
  roundBody,
  sendRound,
  type Floor,
} from './order-factories.ts';
import { lockWaiters, withTenantSql } from './tenant-sql.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * "Enviar a cocina": rounds priced with the menu of the moment, options checked against each
 * group's limits, split into one kitchen ticket per station; sent once however often the phone
 * retries; and two waiters adding to one table at once both kept.
 */
describe('orders: rounds', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function orderOf(floor: Floor, orderId: string): Promise<OrderView> {
    const snapshot = expectStatus(
      await floor.owner.client.get<{ orders: OrderView[] }>(`/api/tenant/branches/${floor.branchId}/floor`),
      200,
    );
    const order = snapshot.orders.find((candidate) => candidate.id === orderId);
    if (!order) {
      throw new Error(`order ${orderId} is not on the floor`);
    }
    return order;
  }

  async function latestSeq(floor: Floor): Promise<number> {
    const { latestSeq: seq } = expectStatus(
      await floor.owner.client.get<CatchUpView>(
        `/api/tenant/branches/${floor.branchId}/floor/events?after=0`,
      ),
      200,
    );
    return seq;
  }

  it('prices the items with their options and sends one ticket to each station', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const order = await openTable(waiter.client, floor, 1);
    const seqBefore = await latestSeq(floor);
    const { chicken, soda, chicha, part, extras } = floor.menu;
    const body = roundBody([
      {
        productId: chicken.id,
        quantity: 2,
        optionIds: [optionOf(extras, 'Ensalada'), optionOf(part, 'Pecho'), optionOf(extras, 'Papas extra')],
      },
      { productId: soda.id, quantity: 3 },
      { productId: chicha.id },
      { ...chickenItem(floor, 'Pierna'), note: '  sin ají ' },
    ]);
    const sent = await waiter.client.post<OrderView>(`/api/tenant/orders/${order.id}/rounds`, body);
    expect(sent.status).toBe(201);
    const view = OrderView.parse(sent.body);
    expect(view.status).toBe('open');
    expect(view.rounds).toEqual([
      { id: body.id, number: 1, sentAt: expect.any(String), sentByName: expect.stringMatching(/^waiter /) },
    ]);
    expect(view.items.map((item) => [item.id, item.name, item.quantity, item.unitPriceCents])).toEqual([
      [body.items[0]!.id, '1/4 Pollo a la brasa', 2, 1900 + 150 + 400],
      [body.items[1]!.id, 'Inca Kola 500 ml', 3, 500],
      [body.items[2]!.id, 'Chicha morada', 1, 600],
      [body.items[3]!.id, '1/4 Pollo a la brasa', 1, 1900],
    ]);
    // Options in the order the product asks its groups, then each group's own order.
    expect(view.items[0]!.options).toEqual([
      { optionId: optionOf(part, 'Pecho'), groupName: 'Parte', name: 'Pecho', priceDeltaCents: 150 },
      {
        optionId: optionOf(extras, 'Papas extra'),
        groupName: 'Extras',
        name: 'Papas extra',
        priceDeltaCents: 400,
      },
      { optionId: optionOf(extras, 'Ensalada'), groupName: 'Extras', name: 'Ensalada', priceDeltaCents: 0 },
    ]);
    expect(view.items[3]).toMatchObject({ note: 'sin ají', status: 'pending', readyAt: null });
    expect(view.totalCents).toBe(2 * 2450 + 3 * 500 + 600 + 1900);
    const { brasa, bar } = floor.stations;
    expect(view.items.map((item) => item.stationId)).toEqual([brasa.id, bar.id, null, brasa.id]);
    expect(view.items[0]!.ticketId).toBe(view.items[3]!.ticketId);
    expect(new Set(view.items.map((item) => item.ticketId)).size).toBe(3);

    // The floor hears the order first, then each ticket; the kitchen hears the tickets alone.
    const { events } = expectStatus(
      await waiter.client.get<CatchUpView>(
        `/api/tenant/branches/${floor.branchId}/floor/events?after=${seqBefore}`,
      ),
      200,
    );
    expect(events.map((event) => [event.seq - seqBefore, event.type])).toEqual([
      [1, 'orders.updated'],
      [2, 'tickets.created'],
      [3, 'tickets.created'],
      [4, 'tickets.created'],
    ]);
    expect(events[0]!.payload).toEqual({ order: view });
    const tickets = events.flatMap((event) =>
      event.type === 'tickets.created' ? [event.payload.ticket] : [],
    );
    expect(tickets.map((ticket) => ticket.stationId)).toEqual([brasa.id, bar.id, null]);
    expect(tickets[0]).toEqual({
      id: view.items[0]!.ticketId,
      branchId: floor.branchId,
      orderId: order.id,
      orderType: 'dine_in',
      orderNumber: order.number,
      orderLabel: 'Mesa 1',
      waiterName: order.waiter.name,
      waiterId: order.waiter.id,
      roundNumber: 1,
      stationId: brasa.id,
      status: 'pending',
      createdAt: view.rounds[0]!.sentAt,
      startedAt: null,
      readyAt: null,
      recalledAt: null,
      items: [
        {
          id: body.items[0]!.id,
          name: '1/4 Pollo a la brasa',
          quantity: 2,
          options: ['Pecho', 'Papas extra', 'Ensalada'],
          note: null,
          status: 'pending',
        },
        {
          id: body.items[3]!.id,
          name: '1/4 Pollo a la brasa',
          quantity: 1,
          options: ['Pierna'],
          note: 'sin ají',
          status: 'pending',
        },
      ],
    } satisfies TicketView);
    const kitchenSeqs = events.slice(1).map((event) => event.kitchenSeq);
    expect(kitchenSeqs).toEqual([kitchenSeqs[0], kitchenSeqs[0]! + 1, kitchenSeqs[0]! + 2]);
  });

  it('sends a retried round once, and one of five copies racing each other', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const order = await openTable(waiter.client, floor, 2);
    const body = roundBody([chickenItem(floor)]);
    const path = `/api/tenant/orders/${order.id}/rounds`;
    const first = await waiter.client.post<OrderView>(path, body);
    expect(first.status).toBe(201);
    const again = await waiter.client.post<OrderView>(path, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const racing = roundBody([chickenItem(floor, 'Pecho'), { productId: floor.menu.soda.id }]);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => waiter.client.post<OrderView>(path, racing)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
    for (const answer of answers) {
      expect(answer.body).toEqual(answers[0]!.body);
    }
    const after = await orderOf(floor, order.id);
    expect(after.rounds.map((round) => [round.id, round.number])).toEqual([
      [body.id, 1],
      [racing.id, 2],
    ]);
    expect(after.items).toHaveLength(3);

    // The same round id with other dishes is not a retry: answering 200 would drop them unseen.
    const otherDish = roundBody([{ productId: floor.menu.soda.id }], body.id);
    expect(refusal(await waiter.client.post(path, otherDish), 409)).toMatchObject({
      code: 'CONFLICT',
      details: { roundId: body.id },
    });
    const morePieces = { ...body, items: [{ ...body.items[0]!, quantity: 2 }] };
    expect(refusal(await waiter.client.post(path, morePieces), 409).code).toBe('CONFLICT');
    const otherPart = {
      ...body,
      items: [{ ...body.items[0]!, optionIds: [optionOf(floor.menu.part, 'Pecho')] }],
    };
    expect(refusal(await waiter.client.post(path, otherPart), 409).code).toBe('CONFLICT');
    // The note is trimmed by the schema, as it was the first time: still the same round.
    const spaced = { ...body, items: [{ ...body.items[0]!, note: '  ' }] };
    expect((await waiter.client.post(path, spaced)).status).toBe(200);
    expect(await orderOf(floor, order.id)).toEqual(after);
  });

  it('refuses a round id or an item id that another order has, and an id twice in one round', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const first = await openTakeaway(waiter.client, floor, 'Lucía');
    const second = await openTakeaway(waiter.client, floor, 'Pedro');
    const body = roundBody([chickenItem(floor)]);
    expectStatus(await waiter.client.post(`/api/tenant/orders/${first.id}/rounds`, body), 201);

    const sameRound = await waiter.client.post(`/api/tenant/orders/${second.id}/rounds`, body);
    expect(refusal(sameRound, 409)).toMatchObject({ code: 'CONFLICT', details: { roundId: body.id } });

    const reusedItem = { id: crypto.randomUUID(), items: body.items };
    const sameItem = await waiter.client.post(`/api/tenant/orders/${second.id}/rounds`, reusedItem);
    expect(refusal(sameItem, 409)).toMatchObject({
      code: 'CONFLICT',
      details: { itemIds: [body.items[0]!.id] },
    });

    const twice = roundBody([chickenItem(floor), chickenItem(floor)]);
    twice.items[1]!.id = twice.items[0]!.id;
    const doubled = await waiter.client.post(`/api/tenant/orders/${second.id}/rounds`, twice);
    expect(refusal(doubled, 422).fields).toEqual({
      'items.1.id': { code: 'duplicate', message: expect.any(String) },
    });

    expect((await orderOf(floor, second.id)).items).toEqual([]);
  });

  it('keeps both rounds when two waiters send to one table at the same moment', async () => {
    const floor = await buildFloor(server);
    const [ana, beto] = [await buildWaiter(server, floor), await buildWaiter(server, floor)];
    const order = await openTable(ana.client, floor, 3);
    const rounds = [
      {
        client: ana.client,
        body: roundBody([chickenItem(floor, 'Pecho'), { productId: floor.menu.soda.id }]),
      },
      { client: beto.client, body: roundBody([{ productId: floor.menu.chicha.id, quantity: 2 }]) },
      { client: beto.client, body: roundBody([chickenItem(floor, 'Pierna', 3)]) },
    ];
    // Hold the order's row so that every round is waiting for it at once, then let them go.
    const answers = await withTenantSql(server, floor.owner.tenantId, async (sql) => {
      await sql.query('begin');
      await sql.query('select id from orders where id = $1 for update', [order.id]);
      const pending = Promise.all(
        rounds.map(({ client, body }) =>
          client.post<OrderView>(`/api/tenant/orders/${order.id}/rounds`, body),
        ),
      );
      await lockWaiters(sql, rounds.length);
      await sql.query('commit');
      return pending;
    });
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    const after = await orderOf(floor, order.id);
    expect(after.rounds.map((round) => round.number)).toEqual([1, 2, 3]);
    expect(new Set(after.rounds.map((round) => round.id))).toEqual(
      new Set(rounds.map(({ body }) => body.id)),
    );
    expect(after.items.map((item) => item.id).sort()).toEqual(
      rounds.flatMap(({ body }) => body.items.map((item) => item.id)).sort(),
    );
    const senders = new Set(after.rounds.map((round) => round.sentByName));
    expect(senders.size).toBe(2);
    expect(senders).toContain(order.waiter.name);
    const numbers = after.items.map(
      (item) => after.rounds.find((round) => round.id === item.roundId)!.number,
    );
    expect(numbers).toEqual([...numbers].sort());
  });

  it('checks each item’s options against its product’s groups, naming every faulty item', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const order = await openTakeaway(waiter.client, floor);
    const { chicken, soda, part, extras, size } = floor.menu;
    const send = (items: { productId: string; optionIds?: string[] }[]) =>
      waiter.client.post(`/api/tenant/orders/${order.id}/rounds`, roundBody(items));
    const invalidFields = async (items: { productId: string; optionIds?: string[] }[]) => {
      const error = refusal(await send(items), 422);
      expect(error.code).toBe('VALIDATION_FAILED');
      for (const issue of Object.values(error.fields ?? {})) {
        expect(issue.code).toBe('options_invalid');
      }
      return Object.keys(error.fields ?? {});
    };

    const pecho = optionOf(part, 'Pecho');
    // The part is required; one only; extras up to two; a group the chicken does not ask; an
    // inactive option; the same option twice; an option on a product without groups.
    expect(await invalidFields([{ productId: chicken.id }])).toEqual(['items.0.optionIds']);
    expect(
      await invalidFields([{ productId: chicken.id, optionIds: [pecho, optionOf(part, 'Pierna')] }]),
    ).toEqual(['items.0.optionIds']);
    expect(
      await invalidFields([{ productId: chicken.id, optionIds: [pecho, optionOf(size, 'Familiar')] }]),
    ).toEqual(['items.0.optionIds']);
    expect(
      await invalidFields([{ productId: chicken.id, optionIds: [pecho, optionOf(extras, 'Ají')] }]),
    ).toEqual(['items.0.optionIds']);
    expect(await invalidFields([{ productId: chicken.id, optionIds: [pecho, pecho] }])).toEqual([
      'items.0.optionIds',
    ]);
    expect(
      await invalidFields([
        { productId: soda.id, optionIds: [pecho] },
        chickenItem(floor),
        { productId: chicken.id, optionIds: [optionOf(extras, 'Ensalada')] },
      ]),
    ).toEqual(['items.0.optionIds', 'items.2.optionIds']);
    const groupLimits = refusal(await send([{ productId: chicken.id }]), 422).fields?.['items.0.optionIds'];
    expect(groupLimits?.params).toEqual({ group: 'Parte', min: 1, max: 1 });

    // Extras may be skipped, or chosen up to two.
    expectStatus(
      await send([
        chickenItem(floor),
        {
          productId: chicken.id,
          optionIds: [pecho, optionOf(extras, 'Ensalada'), optionOf(extras, 'Papas extra')],
        },
      ]),
      201,
    );
  });

  it('refuses products taken off the menu, naming each, and writes nothing', async () => {
    const own = await buildFloor(server);
    const waiter = await buildWaiter(server, own);
    const order = await openTable(waiter.client, own, 1);
    const typesBefore = await floorEventTypes(waiter.client, own.branchId);
    expectStatus(
      await own.owner.client.patch(`/api/tenant/menu/products/${own.menu.soda.id}`, { active: false }),
      200,
    );
    const round = roundBody([
      chickenItem(own),
      { productId: own.menu.soda.id },
      { productId: crypto.randomUUID() },
    ]);
    const refused = refusal(await waiter.client.post(`/api/tenant/orders/${order.id}/rounds`, round), 422);
    expect(refused).toMatchObject({
      code: 'PRODUCT_UNAVAILABLE',
      fields: {
        'items.1.productId': { code: 'unavailable' },
        'items.2.productId': { code: 'unavailable' },
      },
    });
    expect(Object.keys(refused.fields ?? {})).toHaveLength(2);

    // A whole category taken off: its products with it.
    const categoryOff = await own.owner.client.patch(`/api/tenant/menu/categories/${own.menu.category.id}`, {
      active: false,
    });
    expectStatus(categoryOff, 200);
    const chickenOff = refusal(
      await waiter.client.post(`/api/tenant/orders/${order.id}/rounds`, roundBody([chickenItem(own)])),
      422,
    );
    expect(chickenOff.fields).toEqual({
      'items.0.productId': { code: 'unavailable', message: expect.any(String) },
    });

    expect(await floorEventTypes(waiter.client, own.branchId)).toEqual(typesBefore);
    const snapshot = expectStatus(
      await waiter.client.get<{ orders: OrderView[] }>(`/api/tenant/branches/${own.branchId}/floor`),
      200,
    );
    expect(snapshot.orders[0]).toEqual(order);
  });

  it('refuses a round or a join that would take the bill past S/ 99,999.99, naming the field, and writes nothing', async () => {
    const own = await buildFloor(server);
    const waiter = await buildWaiter(server, own);
    // A banquet priced at S/ 60,000.00: one fits in a bill, two do not.
    expectStatus(
      await own.owner.client.patch(`/api/tenant/menu/products/${own.menu.chicha.id}`, {
        priceCents: 6_000_000,
      }),
      200,
    );
    const banquet = { productId: own.menu.chicha.id };
    const order = await openTable(waiter.client, own, 1);
    const first = await sendRound(waiter.client, order.id, [banquet]);
    const typesBefore = await floorEventTypes(waiter.client, own.branchId);

    const tooMuch = refusal(
      await waiter.client.post(
        `/api/tenant/orders/${order.id}/rounds`,
        roundBody([chickenItem(own), banquet]),
      ),
      422,
    );
    expect(tooMuch.fields).toEqual({
      items: { code: 'bill_too_large', message: expect.any(String), params: { max: 'S/ 99,999.99' } },
    });

    // Joining the table of another banquet would add it to this bill: refused the same way.
    const other = await openTable(waiter.client, own, 2);
    const otherFirst = await sendRound(waiter.client, other.id, [banquet]);
    const typesWithOther = await floorEventTypes(waiter.client, own.branchId);
    expect(typesWithOther.length).toBeGreaterThan(typesBefore.length);
    const joinRefused = refusal(
      await waiter.client.post(`/api/tenant/orders/${order.id}/tables`, { tableId: own.tables[1]!.id }),
      422,
    );
    expect(joinRefused.fields).toEqual({
      tableId: { code: 'bill_too_large', message: expect.any(String), params: { max: 'S/ 99,999.99' } },
    });

    expect(await floorEventTypes(waiter.client, own.branchId)).toEqual(typesWithOther);
    expect(await orderOf(own, order.id)).toEqual(first);
    expect(await orderOf(own, other.id)).toEqual(otherFirst);
  });

  it('prices each round with the menu of its moment, and sends a station the branch lacks to no station', async () => {
    const own = await buildFloor(server);
    const order = await openTable(own.owner.client, own, 2);
    const before = await sendRound(own.owner.client, order.id, [{ productId: own.menu.chicha.id }]);
    expectStatus(
      await own.owner.client.patch(`/api/tenant/menu/products/${own.menu.chicha.id}`, { priceCents: 700 }),
      200,
    );
    // A station only another branch has (or none does): the ticket goes to no station.
    const grill = expectStatus(
      await own.owner.client.post<StationView>('/api/tenant/stations', { name: 'Parrilla', branchIds: [] }),
      201,
    );
    expectStatus(
      await own.owner.client.patch(`/api/tenant/menu/products/${own.menu.soda.id}`, { stationId: grill.id }),
      200,
    );
    const after = await sendRound(own.owner.client, order.id, [
      { productId: own.menu.chicha.id },
      { productId: own.menu.soda.id },
    ]);
    expect(after.items.map((item) => item.unitPriceCents)).toEqual([600, 700, 500]);
    expect(after.items[0]).toEqual(before.items[0]);
    expect(after.items[2]!.stationId).toBeNull();
    expect(after.totalCents).toBe(1800);
  });

  it('opens a table again when a round follows the bill, and refuses rounds to orders that left the floor', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const order = await openTable(waiter.client, floor, 4);
    await sendRound(waiter.client, order.id, [chickenItem(floor)]);
    const billed = expectStatus(
      await waiter.client.post<OrderView>(`/api/tenant/orders/${order.id}/request-bill`, {}),
      200,
    );
    expect(billed).toMatchObject({ status: 'bill_requested', billRequestedAt: expect.any(String) });
    const more = await sendRound(waiter.client, order.id, [{ productId: floor.menu.soda.id }]);
    expect(more).toMatchObject({ status: 'open', billRequestedAt: null });

    const mistake = await openTakeaway(waiter.client, floor, 'Equivocado');
    expectStatus(await waiter.client.post(`/api/tenant/orders/${mistake.id}/cancel`, {}), 200);
    const late = await waiter.client.post(
      `/api/tenant/orders/${mistake.id}/rounds`,
      roundBody([chickenItem(floor)]),
    );
    expect(refusal(late, 409)).toMatchObject({ code: 'ORDER_CLOSED', details: { status: 'cancelled' } });

    const unknown = await waiter.client.post(
      `/api/tenant/orders/${crypto.randomUUID()}/rounds`,
      roundBody([chickenItem(floor)]),
    );
    expect(refusal(unknown, 404).code).toBe('NOT_FOUND');
  });
});
