import { ErrorBody, type BranchEvent, type MeView, type OrderView, type TicketView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, buildAdmin, expectStatus } from './actors.ts';
import {
  buildFloor,
  buildWaiter,
  chickenItem,
  dineInBody,
  floorEvents,
  floorEventTypes,
  openTable,
  openTakeaway,
  refusal,
  roundBody,
  sendRound,
  setItemStatus,
  type Floor,
} from './order-factories.ts';
import type { ApiClient } from './test-server.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * What a waiter does with an order after its rounds: void (with permission and a reason,
 * audited), serve what is ready, ask for the bill, move and join tables (merging the order of a
 * joined table), correct it, cancel it — each change logged on the floor stream in order.
 */
describe('orders: after the rounds', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function floorOrders(floor: Floor): Promise<OrderView[]> {
    const response = await floor.owner.client.get<{ orders: OrderView[] }>(
      `/api/tenant/branches/${floor.branchId}/floor`,
    );
    return expectStatus(response, 200).orders;
  }

  /** The floor events after `after`, in order (their sequences checked to run without a gap). */
  async function eventsAfter(client: ApiClient, floor: Floor, after: number): Promise<BranchEvent[]> {
    await floorEventTypes(client, floor.branchId, after);
    return (await floorEvents(client, floor.branchId, after)).events;
  }

  async function seqOf(floor: Floor): Promise<number> {
    return (await floorEvents(floor.owner.client, floor.branchId)).latestSeq;
  }

  function ticketsOf(events: readonly BranchEvent[]): TicketView[] {
    return events.flatMap((event) =>
      event.type === 'tickets.updated' || event.type === 'tickets.created' ? [event.payload.ticket] : [],
    );
  }

  const post = <T = OrderView>(client: ApiClient, path: string, body: object = {}) =>
    client.post<T>(`/api/tenant/orders/${path}`, body);

  describe('voiding an item', () => {
    it('needs orders.void_item and a reason, is audited, and bumps a ticket left with only ready dishes', async () => {
      const floor = await buildFloor(server);
      const waiter = await buildWaiter(server, floor);
      const cashier = await buildWaiter(server, floor, 'cashier');
      const admin = await buildAdmin(server, floor.owner);
      const order = await openTable(waiter.client, floor, 1);
      const sent = await sendRound(waiter.client, order.id, [
        chickenItem(floor, 'Pierna'),
        chickenItem(floor, 'Pecho', 2),
        { productId: floor.menu.soda.id },
      ]);
      const [leg, breasts] = sent.items;
      const voidPath = `${order.id}/items/${breasts!.id}/void`;

      expect(refusal(await post(waiter.client, voidPath, { reason: 'Se equivocó' }), 403).code).toBe(
        'FORBIDDEN',
      );
      expect(refusal(await post(cashier.client, voidPath, { reason: 'Se equivocó' }), 403).code).toBe(
        'FORBIDDEN',
      );
      expect(refusal(await post(admin, voidPath, {}), 422).fields?.reason?.code).toBe('required');
      expect(refusal(await post(admin, voidPath, { reason: ' no ' }), 422).fields?.reason?.code).toBe(
        'too_short',
      );
      const stranger = `${order.id}/items/${crypto.randomUUID()}/void`;
      expect(refusal(await post(admin, stranger, { reason: 'No existe' }), 404).code).toBe('NOT_FOUND');

      // The leg is ready on the grill; the breasts are voided: nothing else is cooking there.
      await setItemStatus(server, floor.owner.tenantId, [leg!.id], 'ready');
      const seq = await seqOf(floor);
      const voided = expectStatus(
        await post(admin, voidPath, { reason: 'El cliente cambió de opinión' }),
        200,
      );
      const item = voided.items.find((candidate) => candidate.id === breasts!.id)!;
      expect(item).toMatchObject({
        status: 'voided',
        voidedAt: expect.any(String),
        voidReason: 'El cliente cambió de opinión',
        // The admin's name, not their e-mail.
        voidedByName: expectStatus(await admin.get<MeView>('/api/auth/me'), 200).user.displayName,
      });
      expect(voided.totalCents).toBe(1900 + 500);

      const events = await eventsAfter(waiter.client, floor, seq);
      expect(events.map((event) => event.type)).toEqual(['orders.updated', 'tickets.updated']);
      expect(events[0]!.payload).toEqual({ order: voided });
      const [ticket] = ticketsOf(events);
      expect(ticket).toMatchObject({ id: breasts!.ticketId, status: 'ready', readyAt: expect.any(String) });
      expect(ticket!.items.map((line) => line.status)).toEqual(['ready', 'voided']);

      const again = await post(floor.owner.client, voidPath, { reason: 'Otra vez' });
      expect(refusal(again, 409).code).toBe('CONFLICT');

      const entries = await auditLog(server, floor.owner.tenantId, 'orders.item_voided');
      expect(entries).toEqual([
        expect.objectContaining({
          actor_kind: 'user',
          branch_id: floor.branchId,
          entity_type: 'order',
          entity_id: order.id,
          entity_label: '2× 1/4 Pollo a la brasa · Mesa 1',
          before: { itemId: breasts!.id, name: '1/4 Pollo a la brasa', quantity: 2, status: 'pending' },
          after: { itemId: breasts!.id, status: 'voided', reason: 'El cliente cambió de opinión' },
        }),
      ]);
    });
  });

  describe('serving', () => {
    it('serves ready dishes only, and skips those already served', async () => {
      const floor = await buildFloor(server);
      const waiter = await buildWaiter(server, floor);
      const order = await openTable(waiter.client, floor, 2);
      const sent = await sendRound(waiter.client, order.id, [
        chickenItem(floor),
        chickenItem(floor, 'Pecho'),
        { productId: floor.menu.soda.id },
      ]);
      const [first, second, soda] = sent.items.map((item) => item.id);
      await setItemStatus(server, floor.owner.tenantId, [first!, second!], 'ready');
      const seq = await seqOf(floor);

      const early = refusal(await post(waiter.client, `${order.id}/served`, { itemIds: [first, soda] }), 409);
      expect(early).toMatchObject({ code: 'ITEM_NOT_READY', details: { itemIds: [soda] } });
      const unknown = refusal(
        await post(waiter.client, `${order.id}/served`, { itemIds: [crypto.randomUUID()] }),
        422,
      );
      expect(unknown.fields?.['itemIds.0']?.code).toBe('unknown_reference');
      expect(await seqOf(floor)).toBe(seq);

      const served = expectStatus(await post(waiter.client, `${order.id}/served`, { itemIds: [first] }), 200);
      expect(served.items.map((item) => item.status)).toEqual(['served', 'ready', 'pending']);
      expect(served.items[0]!.servedAt).toEqual(expect.any(String));
      const events = await eventsAfter(waiter.client, floor, seq);
      expect(events.map((event) => event.type)).toEqual(['orders.updated', 'tickets.updated']);
      expect(ticketsOf(events)[0]!.items.map((item) => item.status)).toEqual(['served', 'ready']);

      // A double tap: nothing changes, nothing is logged.
      const twice = expectStatus(await post(waiter.client, `${order.id}/served`, { itemIds: [first] }), 200);
      expect(twice).toEqual(served);
      expect(await seqOf(floor)).toBe(seq + 2);

      const rest = expectStatus(
        await post(waiter.client, `${order.id}/served`, { itemIds: [first, second] }),
        200,
      );
      expect(rest.items.map((item) => item.status)).toEqual(['served', 'served', 'pending']);
    });
  });

  describe('the bill', () => {
    it('asks for the bill once, however often it is tapped', async () => {
      const floor = await buildFloor(server);
      const waiter = await buildWaiter(server, floor);
      const order = await openTable(waiter.client, floor, 1);
      const seq = await seqOf(floor);
      const asked = expectStatus(await post(waiter.client, `${order.id}/request-bill`), 200);
      expect(asked).toMatchObject({ status: 'bill_requested', billRequestedAt: expect.any(String) });
      expect(expectStatus(await post(waiter.client, `${order.id}/request-bill`), 200)).toEqual(asked);
      expect(refusal(await post(waiter.client, `${order.id}/request-bill`, { now: true }), 422).code).toBe(
        'VALIDATION_FAILED',
      );
      expect((await eventsAfter(waiter.client, floor, seq)).map((event) => event.type)).toEqual([
        'orders.updated',
      ]);
      expect(await floorOrders(floor)).toEqual([asked]);
    });
  });

  describe('moving', () => {
    it('moves an order to a free table, never to a held one, and the kitchen sees the new table', async () => {
      const floor = await buildFloor(server);
      const waiter = await buildWaiter(server, floor);
      const order = await openTable(waiter.client, floor, 1);
      await sendRound(waiter.client, order.id, [chickenItem(floor)]);
      const neighbour = await openTable(waiter.client, floor, 2);
      const [mesa1, mesa2, mesa3] = floor.tables;
      const seq = await seqOf(floor);

      const moved = expectStatus(await post(waiter.client, `${order.id}/move`, { tableId: mesa3!.id }), 200);
      expect(moved.tableIds).toEqual([mesa3!.id]);
      const events = await eventsAfter(waiter.client, floor, seq);
      expect(events.map((event) => event.type)).toEqual(['orders.updated', 'tickets.updated']);
      expect(ticketsOf(events)[0]!.orderLabel).toBe('Mesa 3');

      const held = refusal(await post(waiter.client, `${order.id}/move`, { tableId: mesa2!.id }), 409);
      expect(held).toMatchObject({ code: 'TABLE_OCCUPIED', details: { orderId: neighbour.id } });
      const stay = expectStatus(await post(waiter.client, `${order.id}/move`, { tableId: mesa3!.id }), 200);
      expect(stay).toEqual(moved);
      expect(await seqOf(floor)).toBe(seq + 2);

      // Table 1 is free: another party sits there; ours goes back to a table it had before.
      const newcomers = await openTable(waiter.client, floor, 1);
      expect(
        refusal(await post(waiter.client, `${order.id}/move`, { tableId: mesa1!.id }), 409).details,
      ).toEqual({
        orderId: newcomers.id,
      });
      expectStatus(await post(waiter.client, `${newcomers.id}/move`, { tableId: floor.tables[3]!.id }), 200);
      const back = expectStatus(await post(waiter.client, `${order.id}/move`, { tableId: mesa1!.id }), 200);
      expect(back.tableIds).toEqual([mesa1!.id]);

      const takeaway = await openTakeaway(waiter.client, floor);
      expect(
        refusal(await post(waiter.client, `${takeaway.id}/move`, { tableId: mesa3!.id }), 409).code,
      ).toBe('CONFLICT');
      expect(
        refusal(await post(waiter.client, `${order.id}/move`, { tableId: crypto.randomUUID() }), 422).fields,
      ).toEqual({ tableId: { code: 'unknown_reference', message: expect.any(String) } });
    });
  });

  describe('joining tables', () => {
    it('adds a free table, then merges the order of a held one: rounds renumbered, items and tickets moved', async () => {
      const floor = await buildFloor(server);
      const [ana, beto] = [await buildWaiter(server, floor), await buildWaiter(server, floor)];
      const [mesa1, mesa2, , , mesa5] = floor.tables;
      const order = expectStatus(
        await ana.client.post<OrderView>('/api/tenant/orders', {
          id: crypto.randomUUID(),
          branchId: floor.branchId,
          type: 'dine_in',
          tableId: mesa1!.id,
          guests: 2,
        }),
        201,
      );
      await sendRound(ana.client, order.id, [chickenItem(floor)]);
      const other = expectStatus(
        await beto.client.post<OrderView>('/api/tenant/orders', {
          id: crypto.randomUUID(),
          branchId: floor.branchId,
          type: 'dine_in',
          tableId: mesa2!.id,
          guests: 3,
        }),
        201,
      );
      const otherRound = roundBody([{ productId: floor.menu.soda.id }]);
      expectStatus(await post(beto.client, `${other.id}/rounds`, otherRound), 201);
      await sendRound(beto.client, other.id, [{ productId: floor.menu.chicha.id, quantity: 2 }]);
      await sendRound(ana.client, order.id, [chickenItem(floor, 'Pecho')]);
      expectStatus(await post(beto.client, `${other.id}/request-bill`), 200);

      let seq = await seqOf(floor);
      const joined = expectStatus(await post(ana.client, `${order.id}/tables`, { tableId: mesa5!.id }), 200);
      expect(joined.tableIds).toEqual([mesa1!.id, mesa5!.id]);
      let events = await eventsAfter(ana.client, floor, seq);
      expect(events.map((event) => event.type)).toEqual([
        'orders.updated',
        'tickets.updated',
        'tickets.updated',
      ]);
      expect(ticketsOf(events).map((ticket) => ticket.orderLabel)).toEqual(['Mesa 1 + 5', 'Mesa 1 + 5']);
      expect(expectStatus(await post(ana.client, `${order.id}/tables`, { tableId: mesa5!.id }), 200)).toEqual(
        joined,
      );

      seq = await seqOf(floor);
      const merged = expectStatus(await post(ana.client, `${order.id}/tables`, { tableId: mesa2!.id }), 200);
      expect(merged).toMatchObject({
        id: order.id,
        status: 'open',
        tableIds: [mesa1!.id, mesa5!.id, mesa2!.id],
        guests: 5,
        waiter: order.waiter,
        totalCents: 1900 + 2050 + 500 + 2 * 600,
      });
      expect(merged.rounds.map((round) => [round.number, round.sentByName])).toEqual([
        [1, order.waiter.name],
        [2, order.waiter.name],
        [3, other.waiter.name],
        [4, other.waiter.name],
      ]);
      expect(merged.items.map((item) => item.name)).toEqual([
        '1/4 Pollo a la brasa',
        '1/4 Pollo a la brasa',
        'Inca Kola 500 ml',
        'Chicha morada',
      ]);

      events = await eventsAfter(ana.client, floor, seq);
      expect(events.map((event) => event.type)).toEqual([
        'orders.updated',
        'orders.closed',
        'tickets.updated',
        'tickets.updated',
        'tickets.updated',
        'tickets.updated',
      ]);
      expect(events[0]!.payload).toEqual({ order: merged });
      expect(events[1]!.payload).toEqual({ orderId: other.id, status: 'merged', mergedIntoId: order.id });
      const tickets = ticketsOf(events);
      expect(tickets.map((ticket) => [ticket.orderId, ticket.roundNumber, ticket.orderLabel])).toEqual([
        [order.id, 1, 'Mesa 1 + 5 + 2'],
        [order.id, 3, 'Mesa 1 + 5 + 2'],
        [order.id, 4, 'Mesa 1 + 5 + 2'],
        [order.id, 2, 'Mesa 1 + 5 + 2'],
      ]);
      expect((await floorOrders(floor)).map((live) => live.id)).toEqual([order.id]);

      // The absorbed order's phone retries its round: it went with the order, so it is kept.
      const retried = await post(beto.client, `${other.id}/rounds`, otherRound);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({
        id: other.id,
        status: 'merged',
        mergedIntoId: order.id,
        items: [],
      });
      const late = refusal(
        await post(beto.client, `${other.id}/rounds`, roundBody([chickenItem(floor)])),
        409,
      );
      expect(late).toMatchObject({
        code: 'ORDER_CLOSED',
        details: { status: 'merged', mergedIntoId: order.id },
      });
      // Table 2 is this order's now.
      const taken = refusal(
        await beto.client.post('/api/tenant/orders', {
          id: crypto.randomUUID(),
          branchId: floor.branchId,
          type: 'dine_in',
          tableId: mesa2!.id,
          guests: 1,
        }),
        409,
      );
      expect(taken).toMatchObject({ code: 'TABLE_OCCUPIED', details: { orderId: order.id } });

      const takeaway = await openTakeaway(ana.client, floor);
      const refused = refusal(await post(ana.client, `${takeaway.id}/tables`, { tableId: mesa5!.id }), 409);
      expect(refused.code).toBe('CONFLICT');
    });

    it('merges one way when two waiters join each other’s tables at once', async () => {
      const floor = await buildFloor(server);
      const [ana, beto] = [await buildWaiter(server, floor), await buildWaiter(server, floor)];
      const first = await openTable(ana.client, floor, 1);
      const second = await openTable(beto.client, floor, 2);
      await sendRound(ana.client, first.id, [chickenItem(floor)]);
      await sendRound(beto.client, second.id, [chickenItem(floor, 'Pecho')]);
      const [one, two] = await Promise.all([
        post(ana.client, `${first.id}/tables`, { tableId: floor.tables[1]!.id }),
        post(beto.client, `${second.id}/tables`, { tableId: floor.tables[0]!.id }),
      ]);
      const statuses = [one.status, two.status].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = one.status === 409 ? one : two;
      expect(refusal(loser, 409).code).toBe('ORDER_CLOSED');
      const [survivor] = await floorOrders(floor);
      expect(survivor!.tableIds).toHaveLength(2);
      expect(survivor!.items).toHaveLength(2);
    });
  });

  describe('cancelling', () => {
    it('cancels only an order with nothing to pay, and frees its table', async () => {
      const floor = await buildFloor(server);
      const waiter = await buildWaiter(server, floor);
      const order = await openTable(waiter.client, floor, 1);
      const sent = await sendRound(waiter.client, order.id, [chickenItem(floor)]);
      const refused = refusal(await post(waiter.client, `${order.id}/cancel`), 409);
      expect(refused).toMatchObject({ code: 'CONFLICT', details: { standingItemIds: [sent.items[0]!.id] } });

      expectStatus(
        await post(floor.owner.client, `${order.id}/items/${sent.items[0]!.id}/void`, {
          reason: 'Mesa equivocada',
        }),
        200,
      );
      const seq = await seqOf(floor);
      const cancelled = expectStatus(await post(waiter.client, `${order.id}/cancel`), 200);
      expect(cancelled).toMatchObject({
        status: 'cancelled',
        closedAt: expect.any(String),
        tableIds: [floor.tables[0]!.id],
        totalCents: 0,
      });
      const events = await eventsAfter(waiter.client, floor, seq);
      expect(events.map((event) => [event.type, event.payload])).toEqual([
        ['orders.closed', { orderId: order.id, status: 'cancelled', mergedIntoId: null }],
      ]);
      expect(expectStatus(await post(waiter.client, `${order.id}/cancel`), 200)).toEqual(cancelled);
      expect(await seqOf(floor)).toBe(seq + 1);
      expect(refusal(await post(waiter.client, `${order.id}/request-bill`), 409).code).toBe('ORDER_CLOSED');

      expect(await floorOrders(floor)).toEqual([]);
      await openTable(waiter.client, floor, 1);
    });
  });

  describe('correcting an order', () => {
    it('changes a table’s guests and a takeaway’s customer (renaming its tickets), refusing what does not fit', async () => {
      const floor = await buildFloor(server);
      const waiter = await buildWaiter(server, floor);
      const table = await openTable(waiter.client, floor, 1);
      const patch = (orderId: string, body: object) =>
        waiter.client.patch<OrderView>(`/api/tenant/orders/${orderId}`, body);

      const guests = expectStatus(await patch(table.id, { guests: 6, note: 'Cumpleaños' }), 200);
      expect(guests).toMatchObject({ guests: 6, note: 'Cumpleaños' });
      expect(refusal(await patch(table.id, { customer: { name: 'Juan' } }), 422).fields?.customer?.code).toBe(
        'invalid_value',
      );

      const takeaway = await openTakeaway(waiter.client, floor, 'Juan');
      await sendRound(waiter.client, takeaway.id, [chickenItem(floor)]);
      expect(refusal(await patch(takeaway.id, { guests: 2 }), 422).fields?.guests?.code).toBe(
        'invalid_value',
      );
      const seq = await seqOf(floor);
      const renamed = expectStatus(
        await patch(takeaway.id, { customer: { name: 'Pedro', phone: '999 111 222' } }),
        200,
      );
      expect(renamed.customer).toEqual({ name: 'Pedro', phone: '999 111 222', address: null });
      const events = await eventsAfter(waiter.client, floor, seq);
      expect(events.map((event) => event.type)).toEqual(['orders.updated', 'tickets.updated']);
      expect(ticketsOf(events)[0]!.orderLabel).toBe(`Llevar #${takeaway.number} · Pedro`);
      expect(
        expectStatus(await patch(takeaway.id, { customer: { name: 'Pedro', phone: '999 111 222' } }), 200),
      ).toEqual(renamed);
      expect(await seqOf(floor)).toBe(seq + 2);

      const delivery = expectStatus(
        await waiter.client.post<OrderView>('/api/tenant/orders', {
          id: crypto.randomUUID(),
          branchId: floor.branchId,
          type: 'delivery',
          customer: { name: 'Ana', phone: '987654321', address: 'Av. Arequipa 100' },
        }),
        201,
      );
      const lost = refusal(await patch(delivery.id, { customer: { name: 'Ana María' } }), 422);
      expect(Object.keys(lost.fields ?? {}).sort()).toEqual(['customer.address', 'customer.phone']);
    });
  });

  it('logs a whole evening of one table in order, without gaps', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const order = await openTable(waiter.client, floor, 1);
    const sent = await sendRound(waiter.client, order.id, [
      chickenItem(floor),
      { productId: floor.menu.soda.id },
    ]);
    expectStatus(await waiter.client.patch(`/api/tenant/orders/${order.id}`, { guests: 3 }), 200);
    await setItemStatus(server, floor.owner.tenantId, [sent.items[0]!.id], 'ready');
    expectStatus(await post(waiter.client, `${order.id}/served`, { itemIds: [sent.items[0]!.id] }), 200);
    expectStatus(
      await post(floor.owner.client, `${order.id}/items/${sent.items[1]!.id}/void`, { reason: 'Sin stock' }),
      200,
    );
    expectStatus(await post(waiter.client, `${order.id}/request-bill`), 200);
    await sendRound(waiter.client, order.id, [{ productId: floor.menu.chicha.id }]);
    expectStatus(await post(waiter.client, `${order.id}/move`, { tableId: floor.tables[1]!.id }), 200);
    expectStatus(await post(waiter.client, `${order.id}/tables`, { tableId: floor.tables[2]!.id }), 200);

    expect(await floorEventTypes(waiter.client, floor.branchId)).toEqual([
      'orders.opened',
      'orders.updated',
      'tickets.created',
      'tickets.created',
      'orders.updated',
      'orders.updated',
      'tickets.updated',
      'orders.updated',
      'tickets.updated',
      'orders.updated',
      'orders.updated',
      'tickets.created',
      'orders.updated',
      'tickets.updated',
      'orders.updated',
      'tickets.updated',
    ]);
    const { events } = await floorEvents(waiter.client, floor.branchId);
    const last = events.at(-1)!;
    expect(events.filter((event) => event.kitchenSeq !== null).map((event) => event.kitchenSeq)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(last.type === 'tickets.updated' && last.payload.ticket.orderLabel).toBe('Mesa 2 + 3');
  });

  it('will not retire a table while guests are eating at it', async () => {
    const floor = await buildFloor(server);
    const waiter = (await buildWaiter(server, floor)).client;
    const order = await openTable(waiter, floor, 3);
    const tableId = floor.tables[2]!.id;

    const retire = await floor.owner.client.patch(`/api/tenant/tables/${tableId}`, { active: false });
    expect(retire.status).toBe(409);
    expect(ErrorBody.parse(retire.body).error).toMatchObject({
      code: 'TABLE_IN_USE',
      details: { tableId, orderId: order.id },
    });
    // Nothing was half-written: the table is still in use and the order still at it.
    expect((await floorOrders(floor)).map((live) => live.tableIds)).toEqual([[tableId]]);

    expectStatus(
      await waiter.post(`/api/tenant/orders/${order.id}/move`, { tableId: floor.tables[4]!.id }),
      200,
    );
    expectStatus(await floor.owner.client.patch(`/api/tenant/tables/${tableId}`, { active: false }), 200);
  });

  it('will not close a branch while it still has live orders, and no order opens in a closing one', async () => {
    const floor = await buildFloor(server);
    const waiter = (await buildWaiter(server, floor)).client;
    const takeaway = await openTakeaway(waiter, floor);
    const branchPath = `/api/tenant/branches/${floor.branchId}`;

    const close = await floor.owner.client.patch(branchPath, { active: false });
    expect(close.status).toBe(409);
    expect(ErrorBody.parse(close.body).error).toMatchObject({
      code: 'BRANCH_IN_USE',
      details: { branchId: floor.branchId, liveOrders: 1 },
    });
    expect((await floorOrders(floor)).map((live) => live.id)).toEqual([takeaway.id]);

    expectStatus(await waiter.post(`/api/tenant/orders/${takeaway.id}/cancel`), 200);
    // Opens racing the close: each either lands before it (and the close is refused) or finds
    // the branch closed; never an order left in a closed branch.
    const [closing, ...opens] = await Promise.all([
      floor.owner.client.patch(branchPath, { active: false }),
      ...[1, 2, 3].map((table) => waiter.post('/api/tenant/orders', dineInBody(floor, table))),
    ]);
    const opened = opens.filter((open) => open.status === 201).length;
    expect(closing.status).toBe(opened === 0 ? 200 : 409);
    for (const open of opens.filter((candidate) => candidate.status !== 201)) {
      expect(ErrorBody.parse(open.body).error.fields).toMatchObject({ branchId: { code: 'unavailable' } });
    }
  });
});
