import {
  BRANCH_EVENT_TYPES,
  FloorSnapshotView,
  OrderView,
  type BranchEvent,
  type TableView,
} from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withSqlClient } from '../src/db/sql-client.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { loadFloorSnapshot } from '../src/modules/orders/orders.service.ts';
import { buildBranch, expectStatus, mintSignedInStaff, openSocket, socketOutcome } from './actors.ts';
import { buildTenant } from './factories.ts';
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
  type Floor,
} from './order-factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * Opening orders and reading the floor: who may open what where, how a retry — or five copies of
 * one request racing — opens one order, two waiters racing for one table, and the floor
 * snapshot every phone reloads on reconnect.
 */
describe('orders: opening and the floor', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    server = await startTestServer({ overrides: { clock } });
  });
  afterAll(() => server.close());

  async function floorOf(floor: Floor): Promise<FloorSnapshotView> {
    const response = await floor.owner.client.get(`/api/tenant/branches/${floor.branchId}/floor`);
    return FloorSnapshotView.parse(expectStatus(response, 200));
  }

  it('opens a table, a takeaway and a delivery, numbered in the branch, and the floor shows them oldest first', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const table = await openTable(waiter.client, floor, 3);
    expect(OrderView.parse(table)).toEqual({
      id: expect.any(String),
      branchId: floor.branchId,
      number: 1,
      type: 'dine_in',
      status: 'open',
      tableIds: [floor.tables[2]!.id],
      guests: 4,
      customer: null,
      note: null,
      waiter: { kind: 'staff', id: waiter.staffId, name: expect.stringMatching(/^waiter /) },
      openedAt: clock.now().toISOString(),
      billRequestedAt: null,
      closedAt: null,
      mergedIntoId: null,
      rounds: [],
      items: [],
      discounts: [],
      subtotalCents: 0,
      discountCents: 0,
      totalCents: 0,
      paidCents: 0,
      splitParts: null,
      version: 1,
    });

    clock.advance(60_000);
    const takeaway = await openTakeaway(floor.owner.client, floor, 'Juan');
    expect(takeaway).toMatchObject({
      number: 2,
      type: 'takeaway',
      tableIds: [],
      guests: null,
      customer: { name: 'Juan', phone: null, address: null },
      waiter: { kind: 'user', id: floor.owner.me.user.id, name: floor.owner.displayName },
    });

    clock.advance(60_000);
    const delivery = expectStatus(
      await waiter.client.post<OrderView>('/api/tenant/orders', {
        id: crypto.randomUUID(),
        branchId: floor.branchId,
        type: 'delivery',
        customer: { name: 'Ana', phone: '987 654 321', address: 'Jr. Huallaga 320, Cercado' },
        note: 'Tocar el timbre',
      }),
      201,
    );
    expect(delivery).toMatchObject({
      number: 3,
      type: 'delivery',
      customer: { name: 'Ana', phone: '987 654 321', address: 'Jr. Huallaga 320, Cercado' },
      note: 'Tocar el timbre',
    });

    const snapshot = await floorOf(floor);
    expect(snapshot).toEqual({ branchId: floor.branchId, seq: 3, orders: [table, takeaway, delivery] });
    const { events } = await floorEvents(waiter.client, floor.branchId);
    expect(events.map((event) => [event.seq, event.type])).toEqual([
      [1, 'orders.opened'],
      [2, 'orders.opened'],
      [3, 'orders.opened'],
    ]);
    expect(events[0]).toMatchObject({ kitchenSeq: null, payload: { order: table } });
  });

  it('refuses an open naming each faulty field, and writes nothing', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const post = (body: object) =>
      waiter.client.post('/api/tenant/orders', {
        id: crypto.randomUUID(),
        branchId: floor.branchId,
        ...body,
      });

    const bare = refusal(await post({ type: 'dine_in' }), 422);
    expect(bare.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(bare.fields ?? {}).sort()).toEqual(['guests', 'tableId']);

    const anonymous = refusal(await post({ type: 'takeaway' }), 422);
    expect(Object.keys(anonymous.fields ?? {})).toEqual(['customer.name']);

    const delivery = refusal(await post({ type: 'delivery', customer: { name: 'Ana' } }), 422);
    expect(Object.keys(delivery.fields ?? {}).sort()).toEqual(['customer.address', 'customer.phone']);

    const takeawayAtTable = refusal(
      await post({ type: 'takeaway', tableId: floor.tables[0]!.id, customer: { name: 'Juan' } }),
      422,
    );
    expect(Object.keys(takeawayAtTable.fields ?? {})).toEqual(['tableId']);

    const tooMany = refusal(await post({ type: 'dine_in', tableId: floor.tables[0]!.id, guests: 51 }), 422);
    expect(tooMany.fields?.guests?.code).toBe('too_long');

    // A table of another branch of the business, and a table taken out of use.
    const otherBranch = await buildBranch(server, floor.owner, 'Local Surco');
    const detail = expectStatus(
      await floor.owner.client.get<{ zones: { id: string }[] }>(`/api/tenant/branches/${otherBranch}`),
      200,
    );
    const elsewhere = expectStatus(
      await floor.owner.client.post<TableView>(`/api/tenant/branches/${otherBranch}/tables`, {
        zoneId: detail.zones[0]!.id,
        number: 1,
      }),
      201,
    );
    const foreign = refusal(await post({ type: 'dine_in', tableId: elsewhere.id, guests: 2 }), 422);
    expect(foreign.fields).toEqual({ tableId: { code: 'unknown_reference', message: expect.any(String) } });

    expectStatus(
      await floor.owner.client.patch(`/api/tenant/tables/${floor.tables[5]!.id}`, { active: false }),
      200,
    );
    const retired = refusal(await post({ type: 'dine_in', tableId: floor.tables[5]!.id, guests: 2 }), 422);
    expect(retired.fields).toEqual({ tableId: { code: 'unavailable', message: expect.any(String) } });

    const unknownBranch = await waiter.client.post('/api/tenant/orders', {
      ...dineInBody(floor, 1),
      branchId: crypto.randomUUID(),
    });
    expect(refusal(unknownBranch, 404).code).toBe('NOT_FOUND');

    expect((await floorOf(floor)).orders).toEqual([]);
    expect(await floorEventTypes(waiter.client, floor.branchId)).toEqual([]);
  });

  it('opens once however often the same open is retried, answering the order as it is now', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const body = dineInBody(floor, 2);
    const first = await waiter.client.post<OrderView>('/api/tenant/orders', body);
    expect(first.status).toBe(201);
    const again = await waiter.client.post<OrderView>('/api/tenant/orders', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    // The answer lost, a round sent meanwhile by another phone: the retry gets today's order.
    const withRound = await sendRound(floor.owner.client, body.id, [chickenItem(floor)]);
    const later = await waiter.client.post<OrderView>('/api/tenant/orders', body);
    expect(later.status).toBe(200);
    expect(later.body).toEqual(withRound);

    // Moved since to another table: the open it was is still the same open.
    expectStatus(
      await waiter.client.post(`/api/tenant/orders/${body.id}/move`, { tableId: floor.tables[3]!.id }),
      200,
    );
    expect((await waiter.client.post('/api/tenant/orders', body)).status).toBe(200);

    // The same id for something else is not a retry.
    const otherTable = await waiter.client.post('/api/tenant/orders', {
      ...body,
      tableId: floor.tables[4]!.id,
    });
    expect(refusal(otherTable, 409)).toMatchObject({ code: 'CONFLICT', details: { orderId: body.id } });
    const otherType = await waiter.client.post('/api/tenant/orders', {
      id: body.id,
      branchId: floor.branchId,
      type: 'takeaway',
      customer: { name: 'Juan' },
    });
    expect(refusal(otherType, 409).code).toBe('CONFLICT');

    expect(await floorEventTypes(waiter.client, floor.branchId)).toEqual([
      'orders.opened',
      'orders.updated',
      'tickets.created',
      'orders.updated',
      'tickets.updated',
    ]);
  });

  it('takes orders from an owner with no name yet and an e-mail as long as e-mails go: the part before the @ signs them', async () => {
    const label = (letter: string) => letter.repeat(60);
    const local = `${crypto.randomUUID().replaceAll('-', '')}${label('x').slice(32)}`;
    const email = `${local}@${label('a')}.${label('b')}.${label('c')}.pe`;
    const owner = await buildTenant(server, { email });
    expect(owner.email.length).toBeGreaterThan(240);
    // An account from before sign-up asked for a name.
    await withSqlClient(server.adminUrl, (sql) =>
      sql.query('update users set display_name = null where id = $1', [owner.me.user.id]),
    );
    const floor = await buildFloor(server, owner);
    const order = await openTable(owner.client, floor, 1);
    expect(order.waiter.name).toBe(local);
    const withRound = await sendRound(owner.client, order.id, [chickenItem(floor)]);
    const voided = await owner.client.post<OrderView>(
      `/api/tenant/orders/${order.id}/items/${withRound.items[0]!.id}/void`,
      { reason: 'Se pidió por error' },
    );
    expect(expectStatus(voided, 200).items[0]).toMatchObject({ status: 'voided', voidedByName: local });
  });

  it.each(['dine_in', 'takeaway'] as const)(
    'opens one %s order when five copies of the open race each other',
    async (type) => {
      const floor = await buildFloor(server);
      const waiter = await buildWaiter(server, floor);
      const body =
        type === 'dine_in'
          ? dineInBody(floor, 1)
          : { id: crypto.randomUUID(), branchId: floor.branchId, type, customer: { name: 'Rosa' } };
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => waiter.client.post<OrderView>('/api/tenant/orders', body)),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
      for (const answer of answers) {
        expect(answer.body).toEqual(answers[0]!.body);
      }
      expect(answers[0]!.body).toMatchObject({ id: body.id, number: 1 });
      expect((await floorOf(floor)).orders.map((order) => order.id)).toEqual([body.id]);
      expect(await floorEventTypes(waiter.client, floor.branchId)).toEqual(['orders.opened']);

      // The numbers the losers drew were rolled back with them: the next order is number 2.
      expect((await openTakeaway(waiter.client, floor)).number).toBe(2);
    },
  );

  it('lets one of two waiters opening the same table at once have it; the other is told who holds it', async () => {
    const floor = await buildFloor(server);
    const [ana, beto] = [await buildWaiter(server, floor), await buildWaiter(server, floor)];
    for (const table of [1, 2, 3]) {
      const bodies = [dineInBody(floor, table), dineInBody(floor, table)];
      const [first, second] = await Promise.all([
        ana.client.post<OrderView>('/api/tenant/orders', bodies[0]),
        beto.client.post<OrderView>('/api/tenant/orders', bodies[1]),
      ]);
      const winner = [first, second].find((answer) => answer.status === 201);
      const loser = [first, second].find((answer) => answer.status !== 201);
      expect(winner).toBeDefined();
      expect(refusal(loser!, 409)).toMatchObject({
        code: 'TABLE_OCCUPIED',
        details: { orderId: winner!.body.id },
      });
    }
    const snapshot = await floorOf(floor);
    expect(snapshot.orders.map((order) => order.tableIds)).toEqual([
      [floor.tables[0]!.id],
      [floor.tables[1]!.id],
      [floor.tables[2]!.id],
    ]);
    expect(snapshot.orders.map((order) => order.number)).toEqual([1, 2, 3]);
  });

  it('keeps waiters, cashiers and other businesses to their own branch: 404, and nothing changes', async () => {
    const floor = await buildFloor(server);
    const order = await openTable(floor.owner.client, floor, 1);
    const withItem = await sendRound(floor.owner.client, order.id, [chickenItem(floor)]);
    const itemId = withItem.items[0]!.id;
    const otherBranch = await buildBranch(server, floor.owner, 'Local Miraflores');
    const outsiders = [
      (await mintSignedInStaff(server, floor.owner.tenantId, otherBranch, 'waiter')).client,
      (await mintSignedInStaff(server, floor.owner.tenantId, otherBranch, 'cashier')).client,
      (await buildTenant(server)).client,
    ];
    for (const client of outsiders) {
      const calls = [
        client.get(`/api/tenant/branches/${floor.branchId}/floor`),
        client.post('/api/tenant/orders', dineInBody(floor, 2)),
        client.patch(`/api/tenant/orders/${order.id}`, { guests: 2 }),
        client.post(`/api/tenant/orders/${order.id}/rounds`, roundBody([chickenItem(floor)])),
        client.post(`/api/tenant/orders/${order.id}/served`, { itemIds: [itemId] }),
        client.post(`/api/tenant/orders/${order.id}/request-bill`, {}),
        client.post(`/api/tenant/orders/${order.id}/move`, { tableId: floor.tables[3]!.id }),
        client.post(`/api/tenant/orders/${order.id}/tables`, { tableId: floor.tables[3]!.id }),
        client.post(`/api/tenant/orders/${order.id}/cancel`, {}),
      ];
      for (const response of await Promise.all(calls)) {
        expect(refusal(response, 404).code).toBe('NOT_FOUND');
      }
    }
    // The other business's owner may void items in its own business, never here.
    const stranger = outsiders[2]!;
    const voided = await stranger.post(`/api/tenant/orders/${order.id}/items/${itemId}/void`, {
      reason: 'Pedido equivocado',
    });
    expect(refusal(voided, 404).code).toBe('NOT_FOUND');

    expect((await floorOf(floor)).orders).toEqual([withItem]);
  });

  it('reads the floor in the same few queries for two live orders as for twelve', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const countQueries = async (): Promise<number> => {
      const tenant = await server.services.adminOrm.em
        .fork()
        .findOneOrFail(Tenant, floor.owner.tenantId, { populate: ['databasePasswordSealed'] });
      const lease = await server.services.registry.lease(server.services.locator.locate(tenant));
      try {
        const em = lease.em.fork();
        const spy = vi.spyOn(em.getConnection(), 'execute');
        const owner = { kind: 'user', role: 'owner', branchId: null } as const;
        const snapshot = await loadFloorSnapshot(
          em,
          { ...owner, id: 'x', name: 'x', device: null, sessionId: 'x' },
          floor.branchId,
        );
        const count = spy.mock.calls.length;
        spy.mockRestore();
        expect(snapshot.orders.length).toBeGreaterThan(0);
        return count;
      } finally {
        lease.release();
      }
    };

    for (const table of [1, 2]) {
      const order = await openTable(waiter.client, floor, table);
      await sendRound(waiter.client, order.id, [chickenItem(floor), { productId: floor.menu.soda.id }]);
    }
    const few = await countQueries();
    for (let index = 0; index < 10; index += 1) {
      const order =
        index < 4
          ? await openTable(waiter.client, floor, index + 3)
          : await openTakeaway(waiter.client, floor);
      await sendRound(waiter.client, order.id, [chickenItem(floor, 'Pecho', 2)]);
      await sendRound(waiter.client, order.id, [{ productId: floor.menu.chicha.id }]);
    }
    const many = await countQueries();
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
    expect((await floorOf(floor)).orders).toHaveLength(12);
  });

  it('broadcasts each change to the branch once it committed, exactly as catch-up serves it', async () => {
    const floor = await buildFloor(server);
    const waiter = await buildWaiter(server, floor);
    const socket = openSocket(server, waiter.client.cookieHeader());
    try {
      expect(await socketOutcome(socket)).toBe('connected');
      const received: BranchEvent[] = [];
      for (const type of BRANCH_EVENT_TYPES) {
        socket.on(type, (event: BranchEvent) => received.push(event));
      }
      const order = await openTable(floor.owner.client, floor, 1);
      await sendRound(floor.owner.client, order.id, [chickenItem(floor), { productId: floor.menu.soda.id }]);
      await vi.waitFor(() => expect(received).toHaveLength(4));
      expect(received).toEqual((await floorEvents(waiter.client, floor.branchId)).events);
      expect(received.map((event) => event.type)).toEqual([
        'orders.opened',
        'orders.updated',
        'tickets.created',
        'tickets.created',
      ]);
    } finally {
      socket.disconnect();
    }
  });

  describe('the business day', () => {
    it('numbers orders from 1 again after midnight in the branch’s time zone, not in UTC', async () => {
      const floor = await buildFloor(server);
      // 23:50 in Lima (UTC−5) is 04:50 UTC of the next calendar day.
      const now = clock.now();
      const limaElevenFifty = new Date(now);
      limaElevenFifty.setUTCHours(4, 50, 0, 0);
      if (limaElevenFifty <= now) {
        limaElevenFifty.setUTCDate(limaElevenFifty.getUTCDate() + 1);
      }
      clock.advance(limaElevenFifty.getTime() - now.getTime());
      expect((await openTakeaway(floor.owner.client, floor, 'Antes')).number).toBe(1);
      expect((await openTakeaway(floor.owner.client, floor, 'Antes 2')).number).toBe(2);
      // 00:10 in Lima: a new business day.
      clock.advance(20 * 60_000);
      expect((await openTakeaway(floor.owner.client, floor, 'Después')).number).toBe(1);
      expect((await openTable(floor.owner.client, floor, 1)).number).toBe(2);
    });

    it('numbers on where a day left off when the clock steps back over midnight and forward again', async () => {
      const floor = await buildFloor(server);
      const now = clock.now();
      const limaMidnight = new Date(now);
      limaMidnight.setUTCHours(5, 0, 0, 0);
      if (limaMidnight.getTime() - 60_000 <= now.getTime()) {
        limaMidnight.setUTCDate(limaMidnight.getUTCDate() + 1);
      }
      clock.advance(limaMidnight.getTime() - 30_000 - now.getTime());
      expect((await openTakeaway(floor.owner.client, floor, 'Antes')).number).toBe(1);
      clock.advance(60_000);
      expect((await openTakeaway(floor.owner.client, floor, 'Después')).number).toBe(1);
      // An instance whose clock runs a minute behind still says yesterday, then catches up.
      clock.advance(-60_000);
      expect((await openTakeaway(floor.owner.client, floor, 'Tarde')).number).toBe(2);
      clock.advance(60_000);
      expect((await openTakeaway(floor.owner.client, floor, 'Otra')).number).toBe(2);
    });
  });
});
