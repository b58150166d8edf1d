import type { EntityManager } from '@mikro-orm/core';
import {
  CatchUpView,
  ErrorBody,
  KitchenSnapshotView,
  TicketView,
  type BranchEvent,
  type OrderView,
} from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { loadKitchenSnapshot } from '../src/modules/kitchen/kitchen.service.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import {
  buildAdmin,
  buildBranch,
  DeviceClient,
  expectStatus,
  mintDevice,
  mintSignedInStaff,
  nextEvent,
  openSocket,
  socketOutcome,
} from './actors.ts';
import { buildTenant } from './factories.ts';
import { advance, eventsOf, kitchenOf, kitchenScreen, sendToKitchen } from './kitchen-fixtures.ts';
import {
  buildFloor,
  chickenItem,
  openTable,
  openTakeaway,
  optionOf,
  type Floor,
  type ItemDraft,
} from './order-factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const MINUTE = 60_000;

let server: TestServer;
const clock = new ManualClock(new Date('2026-11-06T23:00:00Z'));

beforeAll(async () => {
  server = await startTestServer({ overrides: { clock } });
});
afterAll(() => server.close());

/** Three dishes of the grill (Brasa): one ticket. */
function grillRound(floor: Floor): ItemDraft[] {
  return [
    chickenItem(floor, 'Pierna', 2),
    chickenItem(floor, 'Pecho'),
    {
      productId: floor.menu.chicken.id,
      optionIds: [optionOf(floor.menu.part, 'Pierna'), optionOf(floor.menu.extras, 'Ensalada')],
      note: 'sin ají',
    },
  ];
}

async function inTenant<T>(tenantId: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const tenant = await server.services.adminOrm.em
    .fork()
    .findOneOrFail(Tenant, tenantId, { populate: ['databasePasswordSealed'] });
  return server.services.registry.withTenant(server.services.locator.locate(tenant), fn);
}

/** How many SQL statements loading the kitchen snapshot of `branchId` runs. */
async function snapshotQueries(tenantId: string, branchId: string): Promise<number> {
  return inTenant(tenantId, async (em) => {
    const execute = vi.spyOn(em.getConnection(), 'execute');
    try {
      await loadKitchenSnapshot(em, branchId, clock.now());
      return execute.mock.calls.length;
    } finally {
      execute.mockRestore();
    }
  });
}

function itemStatuses(ticket: TicketView): string[] {
  return ticket.items.map((item) => item.status);
}

/** The order as the last `orders.updated` of the log showed it. */
function orderIn(events: readonly BranchEvent[], orderId: string): OrderView | undefined {
  const updates = events.filter(
    (event): event is Extract<BranchEvent, { type: 'orders.updated' }> =>
      event.type === 'orders.updated' && event.payload.order.id === orderId,
  );
  return updates.at(-1)?.payload.order;
}

describe('the kitchen display', () => {
  it('shows the tickets oldest first, the bumped ones newest first, the timing and its sequence', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId, menu, stations } = floor;
    const screen = await kitchenScreen(server, floor);

    const mesa1 = await openTable(owner.client, floor, 1);
    const first = await sendToKitchen(owner.client, mesa1.id, [
      chickenItem(floor, 'Pecho', 2),
      { productId: menu.soda.id, note: 'helada' },
    ]);
    clock.advance(MINUTE);
    const juan = await openTakeaway(owner.client, floor, 'Juan');
    const second = await sendToKitchen(owner.client, juan.id, [{ productId: menu.chicha.id }]);
    clock.advance(MINUTE);
    const third = await sendToKitchen(owner.client, mesa1.id, [chickenItem(floor)]);

    const snapshot = KitchenSnapshotView.parse(await kitchenOf(screen, branchId));
    expect(snapshot.branchId).toBe(branchId);
    expect(snapshot.timing).toEqual({ warnMinutes: 10, lateMinutes: 20 });
    const [grill, bar] = first.ticketIds;
    // The two tickets of one round were sent at the same moment, to two stations: either first.
    const byId = new Map(snapshot.tickets.map((ticket) => [ticket.id, ticket]));
    expect(new Set(snapshot.tickets.slice(0, 2).map((ticket) => ticket.id))).toEqual(new Set([grill, bar]));
    expect(snapshot.tickets.slice(2).map((ticket) => ticket.id)).toEqual([second.ticketId, third.ticketId]);
    expect(snapshot.recentlyBumped).toEqual([]);
    expect(byId.get(grill!)).toMatchObject({
      branchId,
      orderId: mesa1.id,
      orderType: 'dine_in',
      orderNumber: mesa1.number,
      orderLabel: 'Mesa 1',
      waiterName: mesa1.waiter.name,
      roundNumber: 1,
      stationId: stations.brasa.id,
      status: 'pending',
      createdAt: mesa1.openedAt,
      startedAt: null,
      readyAt: null,
      recalledAt: null,
      items: [
        { name: '1/4 Pollo a la brasa', quantity: 2, options: ['Pecho'], note: null, status: 'pending' },
      ],
    });
    expect(byId.get(bar!)).toMatchObject({
      stationId: stations.bar.id,
      items: [{ name: 'Inca Kola 500 ml', note: 'helada' }],
    });
    expect(snapshot.tickets[2]).toMatchObject({
      orderLabel: `Llevar #${juan.number} · Juan`,
      stationId: null,
    });
    expect(snapshot.tickets[3]).toMatchObject({ orderLabel: 'Mesa 1', roundNumber: 2 });
    // Current to the last kitchen event: the four tickets created.
    expect(snapshot.seq).toBe(4);
    expect((await eventsOf(screen, branchId, 'kitchen')).latestSeq).toBe(4);

    await advance(screen, second.ticketId, { to: 'ready' });
    clock.advance(MINUTE);
    await advance(screen, grill!, { to: 'ready' });
    const later = await kitchenOf(screen, branchId);
    expect(later.tickets.map((ticket) => ticket.id)).toEqual([bar, third.ticketId]);
    expect(later.recentlyBumped.map((ticket) => ticket.id)).toEqual([grill, second.ticketId]);
    expect(later.seq).toBe(6);
  });

  it('keeps the last ten bumped tickets for a recall, and none older than twelve hours', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const order = await openTakeaway(owner.client, floor, 'Rosa');
    const tickets: string[] = [];
    for (let round = 0; round < 12; round += 1) {
      const sent = await sendToKitchen(owner.client, order.id, [chickenItem(floor)]);
      clock.advance(MINUTE);
      await advance(owner.client, sent.ticketId, { to: 'ready' });
      tickets.push(sent.ticketId);
    }
    const snapshot = await kitchenOf(owner.client, branchId);
    expect(snapshot.tickets).toEqual([]);
    expect(snapshot.recentlyBumped.map((ticket) => ticket.id)).toEqual(tickets.slice(2).reverse());

    clock.advance(12 * 60 * MINUTE + MINUTE);
    expect((await kitchenOf(owner.client, branchId)).recentlyBumped).toEqual([]);
  });

  it('reads the snapshot in as many queries for a full kitchen as for a single ticket', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId, menu } = floor;
    const first = await openTable(owner.client, floor, 1);
    await sendToKitchen(owner.client, first.id, [chickenItem(floor)]);
    const few = await snapshotQueries(owner.tenantId, branchId);
    expect(few).toBeGreaterThan(0);

    for (const table of [2, 3, 4]) {
      const order = await openTable(owner.client, floor, table);
      const bumped = await sendToKitchen(owner.client, order.id, [{ productId: menu.chicha.id }]);
      await advance(owner.client, bumped.ticketId, { to: 'ready' });
      await sendToKitchen(owner.client, order.id, [chickenItem(floor), { productId: menu.soda.id }]);
    }
    const takeaway = await openTakeaway(owner.client, floor, 'Luis');
    await sendToKitchen(owner.client, takeaway.id, [chickenItem(floor, 'Pecho', 3)]);
    const snapshot = await kitchenOf(owner.client, branchId);
    expect([snapshot.tickets.length, snapshot.recentlyBumped.length]).toEqual([8, 3]);
    expect(await snapshotQueries(owner.tenantId, branchId)).toBe(few);
  });

  it('advances a whole ticket: preparing, then ready (bumped), stamping items and ticket', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const screen = await kitchenScreen(server, floor);
    const order = await openTable(owner.client, floor, 2);
    const sent = await sendToKitchen(owner.client, order.id, grillRound(floor));

    clock.advance(2 * MINUTE);
    const startedAt = clock.now().toISOString();
    const preparing = TicketView.parse(await advance(screen, sent.ticketId, { to: 'preparing' }));
    expect(preparing).toMatchObject({ status: 'preparing', startedAt, readyAt: null });
    expect(itemStatuses(preparing)).toEqual(['preparing', 'preparing', 'preparing']);

    clock.advance(5 * MINUTE);
    const readyAt = clock.now().toISOString();
    const ready = await advance(screen, sent.ticketId, { to: 'ready' });
    expect(ready).toMatchObject({ status: 'ready', startedAt, readyAt });
    expect(itemStatuses(ready)).toEqual(['ready', 'ready', 'ready']);

    // The waiter's phone hears it through the order: every dish ready, and since when.
    const floorLog = await eventsOf(owner.client, branchId, 'floor');
    const seen = orderIn(floorLog.events, order.id);
    expect(seen?.items.map((item) => [item.status, item.readyAt])).toEqual([
      ['ready', readyAt],
      ['ready', readyAt],
      ['ready', readyAt],
    ]);
  });

  it('advances single items, and the ticket follows its items', async () => {
    const floor = await buildFloor(server);
    const { owner } = floor;
    const screen = await kitchenScreen(server, floor);
    const order = await openTable(owner.client, floor, 1);
    const sent = await sendToKitchen(owner.client, order.id, grillRound(floor));
    const [pierna, pecho, ensalada] = sent.itemIds;

    const one = await advance(screen, sent.ticketId, { to: 'ready', itemIds: [ensalada!] });
    expect(one.status).toBe('preparing');
    expect(itemStatuses(one)).toEqual(['pending', 'pending', 'ready']);
    expect(one.startedAt).toBe(clock.now().toISOString());

    const two = await advance(screen, sent.ticketId, { to: 'preparing', itemIds: [pierna!] });
    expect(itemStatuses(two)).toEqual(['preparing', 'pending', 'ready']);
    expect(two.status).toBe('preparing');

    clock.advance(MINUTE);
    const rest = await advance(screen, sent.ticketId, { to: 'ready', itemIds: [pierna!, pecho!] });
    expect(rest).toMatchObject({
      status: 'ready',
      startedAt: one.startedAt,
      readyAt: clock.now().toISOString(),
    });
    expect(itemStatuses(rest)).toEqual(['ready', 'ready', 'ready']);
  });

  it('takes a double tap as one: nothing skips a step, nothing moves back, nothing is logged twice', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const screen = await kitchenScreen(server, floor);
    const order = await openTable(owner.client, floor, 1);
    const sent = await sendToKitchen(owner.client, order.id, grillRound(floor));

    const once = await advance(screen, sent.ticketId, { to: 'preparing' });
    const before = (await eventsOf(screen, branchId, 'kitchen')).latestSeq;
    clock.advance(MINUTE);
    const twice = await advance(screen, sent.ticketId, { to: 'preparing' });
    expect(twice).toEqual(once);
    expect((await eventsOf(screen, branchId, 'kitchen')).latestSeq).toBe(before);

    // Two taps at once on "listo": one bump, one event.
    const [left, right] = await Promise.all([
      advance(screen, sent.ticketId, { to: 'ready' }),
      advance(screen, sent.ticketId, { to: 'ready' }),
    ]);
    expect(left).toEqual(right);
    expect(left.status).toBe('ready');
    expect((await eventsOf(screen, branchId, 'kitchen')).latestSeq).toBe(before + 1);

    // "En preparación" after "listo" leaves it ready.
    expect(await advance(screen, sent.ticketId, { to: 'preparing' })).toEqual(left);
  });

  it('keeps both of two cooks tapping different dishes of one ticket at the same moment', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const grill = await kitchenScreen(server, floor);
    const pass = await kitchenScreen(server, floor);
    const order = await openTable(owner.client, floor, 3);
    const sent = await sendToKitchen(owner.client, order.id, grillRound(floor));
    const before = (await eventsOf(owner.client, branchId, 'kitchen')).latestSeq;

    await Promise.all([
      advance(grill, sent.ticketId, { to: 'ready', itemIds: [sent.itemIds[0]!, sent.itemIds[1]!] }),
      advance(pass, sent.ticketId, { to: 'ready', itemIds: [sent.itemIds[2]!] }),
    ]);

    const [bumped] = (await kitchenOf(owner.client, branchId)).recentlyBumped;
    expect(bumped?.id).toBe(sent.ticketId);
    expect(itemStatuses(bumped!)).toEqual(['ready', 'ready', 'ready']);
    const taps = (await eventsOf(owner.client, branchId, 'kitchen')).events.filter(
      (event) => (event.kitchenSeq ?? 0) > before,
    );
    expect(taps.map((event) => event.type)).toEqual(['tickets.updated', 'tickets.updated']);
    // The second tap saw the first: the last event shows the ticket bumped.
    expect(taps.at(-1)).toMatchObject({ payload: { ticket: { status: 'ready' } } });
  });

  it('recalls a bumped ticket: back on the screen, its ready dishes preparing again', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const screen = await kitchenScreen(server, floor);
    const order = await openTable(owner.client, floor, 1);
    const sent = await sendToKitchen(owner.client, order.id, grillRound(floor));
    const recall = () => screen.post<TicketView>(`/api/tenant/tickets/${sent.ticketId}/recall`);

    const tooEarly = await recall();
    expect(tooEarly.status).toBe(409);
    expect(ErrorBody.parse(tooEarly.body).error.code).toBe('CONFLICT');

    const bumped = await advance(screen, sent.ticketId, { to: 'ready' });
    expectStatus(
      await owner.client.post(`/api/tenant/orders/${order.id}/served`, { itemIds: [sent.itemIds[1]] }),
      200,
    );

    clock.advance(MINUTE);
    const recalled = TicketView.parse(expectStatus(await recall(), 200));
    expect(recalled).toMatchObject({
      status: 'preparing',
      startedAt: bumped.startedAt,
      readyAt: null,
      recalledAt: clock.now().toISOString(),
    });
    expect(itemStatuses(recalled)).toEqual(['preparing', 'served', 'preparing']);
    const snapshot = await kitchenOf(screen, branchId);
    expect(snapshot.tickets.map((ticket) => ticket.id)).toEqual([sent.ticketId]);
    expect(snapshot.recentlyBumped).toEqual([]);

    // A double tap on "recall" answers the ticket as it is, and logs nothing more.
    const seq = (await eventsOf(screen, branchId, 'kitchen')).latestSeq;
    expect(expectStatus(await recall(), 200)).toEqual(recalled);
    expect((await eventsOf(screen, branchId, 'kitchen')).latestSeq).toBe(seq);

    const floorLog = await eventsOf(owner.client, branchId, 'floor');
    const seen = orderIn(floorLog.events, order.id);
    expect(seen?.items.map((item) => [item.status, item.readyAt])).toEqual([
      ['preparing', null],
      ['served', bumped.readyAt],
      ['preparing', null],
    ]);

    clock.advance(MINUTE);
    const rebumped = await advance(screen, sent.ticketId, { to: 'ready' });
    expect(rebumped).toMatchObject({ status: 'ready', readyAt: clock.now().toISOString() });
    expect(itemStatuses(rebumped)).toEqual(['ready', 'served', 'ready']);
  });

  it('recalls only a ticket with a dish still to bring back, never an empty one to the screen', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const screen = await kitchenScreen(server, floor);
    const order = await openTable(owner.client, floor, 1);
    const recall = (ticketId: string) => screen.post<TicketView>(`/api/tenant/tickets/${ticketId}/recall`);

    // Its only dish voided, the ticket bumped itself with nothing cooked.
    const voided = await sendToKitchen(owner.client, order.id, [chickenItem(floor)]);
    expectStatus(
      await owner.client.post(`/api/tenant/orders/${order.id}/items/${voided.itemIds[0]}/void`, {
        reason: 'Se pidió por error',
      }),
      200,
    );
    // Every dish already at the table.
    const served = await sendToKitchen(owner.client, order.id, [chickenItem(floor)]);
    await advance(screen, served.ticketId, { to: 'ready' });
    expectStatus(
      await owner.client.post(`/api/tenant/orders/${order.id}/served`, { itemIds: served.itemIds }),
      200,
    );

    const seq = (await eventsOf(screen, branchId, 'kitchen')).latestSeq;
    for (const ticketId of [voided.ticketId, served.ticketId]) {
      const refused = await recall(ticketId);
      expect(refused.status).toBe(409);
      expect(ErrorBody.parse(refused.body).error).toMatchObject({ code: 'CONFLICT', details: { ticketId } });
    }
    const snapshot = await kitchenOf(screen, branchId);
    expect(snapshot.tickets).toEqual([]);
    expect(snapshot.recentlyBumped.map((ticket) => ticket.status)).toEqual(['ready', 'ready']);
    expect((await eventsOf(screen, branchId, 'kitchen')).latestSeq).toBe(seq);
  });

  it('ignores voided dishes: the ticket is ready when every dish still standing is', async () => {
    const floor = await buildFloor(server);
    const { owner } = floor;
    const screen = await kitchenScreen(server, floor);
    const order = await openTable(owner.client, floor, 1);
    const sent = await sendToKitchen(owner.client, order.id, grillRound(floor));
    expectStatus(
      await owner.client.post(`/api/tenant/orders/${order.id}/items/${sent.itemIds[1]}/void`, {
        reason: 'El cliente cambió de idea',
      }),
      200,
    );

    // A voided dish is not brought back by a tap on it, nor by a tap on the whole ticket.
    const named = await advance(screen, sent.ticketId, { to: 'preparing', itemIds: [sent.itemIds[1]!] });
    expect(itemStatuses(named)).toEqual(['pending', 'voided', 'pending']);
    expect(named.status).toBe('pending');

    const one = await advance(screen, sent.ticketId, { to: 'ready', itemIds: [sent.itemIds[0]!] });
    expect(one.status).toBe('preparing');
    const ready = await advance(screen, sent.ticketId, { to: 'ready', itemIds: [sent.itemIds[2]!] });
    expect(itemStatuses(ready)).toEqual(['ready', 'voided', 'ready']);
    expect(ready.status).toBe('ready');
  });

  it('refuses dishes of another ticket, and unknown tickets, keeping nothing of the tap', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const screen = await kitchenScreen(server, floor);
    const order = await openTable(owner.client, floor, 1);
    const first = await sendToKitchen(owner.client, order.id, [chickenItem(floor)]);
    const second = await sendToKitchen(owner.client, order.id, [chickenItem(floor, 'Pecho')]);

    const foreign = await screen.post(`/api/tenant/tickets/${first.ticketId}/advance`, {
      to: 'ready',
      itemIds: [first.itemIds[0], second.itemIds[0]],
    });
    expect(foreign.status).toBe(422);
    expect(ErrorBody.parse(foreign.body).error.fields).toEqual({
      'itemIds.1': expect.objectContaining({ code: 'unknown_reference' }),
    });
    expect((await kitchenOf(screen, branchId)).tickets.map(itemStatuses)).toEqual([['pending'], ['pending']]);

    const unknown = await screen.post(`/api/tenant/tickets/${crypto.randomUUID()}/advance`, { to: 'ready' });
    expect(unknown.status).toBe(404);
    expect((await screen.post(`/api/tenant/tickets/not-a-uuid/recall`)).status).toBe(404);
    const badStep = await screen.post(`/api/tenant/tickets/${first.ticketId}/advance`, { to: 'served' });
    expect(badStep.status).toBe(422);
    expect(Object.keys(ErrorBody.parse(badStep.body).error.fields ?? {})).toEqual(['to']);
    const noItems = await screen.post(`/api/tenant/tickets/${first.ticketId}/advance`, {
      to: 'ready',
      itemIds: [],
    });
    expect(Object.keys(ErrorBody.parse(noItems.body).error.fields ?? {})).toEqual(['itemIds']);
  });

  it('shows another branch’s or another business’s tickets to nobody', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const northId = await buildBranch(server, owner, 'Local Norte');
    const order = await openTable(owner.client, floor, 1);
    const sent = await sendToKitchen(owner.client, order.id, [chickenItem(floor)]);

    const northScreen = await kitchenScreen(server, floor, northId);
    const northCook = (await mintSignedInStaff(server, owner.tenantId, northId, 'kitchen')).client;
    const stranger = (await buildTenant(server)).client;
    for (const client of [northScreen, northCook, stranger]) {
      const advanced = await client.post(`/api/tenant/tickets/${sent.ticketId}/advance`, { to: 'ready' });
      expect(advanced.status).toBe(404);
      expect((await client.post(`/api/tenant/tickets/${sent.ticketId}/recall`)).status).toBe(404);
    }
    expect((await northScreen.get(`/api/tenant/branches/${branchId}/kitchen`)).status).toBe(404);
    expect((await stranger.get(`/api/tenant/branches/${branchId}/kitchen`)).status).toBe(404);
    expect(itemStatuses((await kitchenOf(owner.client, branchId)).tickets[0]!)).toEqual(['pending']);

    // Their own kitchen is theirs, and empty.
    expect((await kitchenOf(northScreen, northId)).tickets).toEqual([]);
    const cook = (await mintSignedInStaff(server, owner.tenantId, branchId, 'kitchen')).client;
    expect((await advance(cook, sent.ticketId, { to: 'preparing' })).status).toBe('preparing');
  });

  it('broadcasts a tap once committed: the kitchen hears the ticket, the floor the order and the ticket', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const kiosk = await mintDevice(server, owner.tenantId, branchId, 'kitchen_screen');
    const screen = DeviceClient.withCookies(server.url, { smartket_device: kiosk.deviceToken });
    const waiter = await mintSignedInStaff(server, owner.tenantId, branchId, 'waiter');
    const order = await openTable(waiter.client, floor, 1);
    const sent = await sendToKitchen(waiter.client, order.id, grillRound(floor));

    const kitchenSocket = openSocket(server, screen.cookieHeader());
    const floorSocket = openSocket(server, waiter.client.cookieHeader());
    try {
      expect(await socketOutcome(kitchenSocket)).toBe('connected');
      expect(await socketOutcome(floorSocket)).toBe('connected');
      const kitchenHeardOrders: unknown[] = [];
      kitchenSocket.on('orders.updated', (event: unknown) => kitchenHeardOrders.push(event));
      const kitchenTicket = nextEvent<BranchEvent>(kitchenSocket, 'tickets.updated');
      const floorOrder = nextEvent<BranchEvent>(floorSocket, 'orders.updated');
      const floorTicket = nextEvent<BranchEvent>(floorSocket, 'tickets.updated');

      const ticket = await advance(screen, sent.ticketId, { to: 'ready' });

      const heard = await kitchenTicket;
      expect(heard).toMatchObject({ type: 'tickets.updated', branchId, payload: { ticket } });
      expect(await floorTicket).toEqual(heard);
      const orderEvent = await floorOrder;
      expect(orderEvent).toMatchObject({ type: 'orders.updated', seq: heard.seq - 1, kitchenSeq: null });
      // Sent before the ticket's event on the same connection: had the kitchen been sent it, it
      // would have arrived by now.
      expect(kitchenHeardOrders).toEqual([]);
    } finally {
      kitchenSocket.close();
      floorSocket.close();
    }
  });

  it('logs every tap as orders.updated and tickets.updated, with gap-free kitchen sequences', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const screen = await kitchenScreen(server, floor);
    const order = await openTable(owner.client, floor, 1);
    const sent = await sendToKitchen(owner.client, order.id, grillRound(floor));
    const tap = await advance(screen, sent.ticketId, { to: 'preparing', itemIds: [sent.itemIds[0]!] });
    const bump = await advance(screen, sent.ticketId, { to: 'ready' });
    const recall = expectStatus(
      await screen.post<TicketView>(`/api/tenant/tickets/${sent.ticketId}/recall`),
      200,
    );

    const kitchen = CatchUpView.parse(await eventsOf(screen, branchId, 'kitchen'));
    expect(kitchen.snapshotRequired).toBe(false);
    expect(kitchen.events.map((event) => [event.kitchenSeq, event.type])).toEqual([
      [1, 'tickets.created'],
      [2, 'tickets.updated'],
      [3, 'tickets.updated'],
      [4, 'tickets.updated'],
    ]);
    expect(kitchen.events.slice(1).map((event) => event.payload)).toEqual([
      { ticket: tap },
      { ticket: bump },
      { ticket: recall },
    ]);

    // On the floor stream each tap logs the order it changed, then the ticket, in one append.
    const floorLog = CatchUpView.parse(await eventsOf(owner.client, branchId, 'floor'));
    expect(floorLog.events.map((event) => event.seq)).toEqual(floorLog.events.map((_, index) => index + 1));
    const taps = floorLog.events.filter((event) => event.type === 'tickets.updated');
    expect(taps).toHaveLength(3);
    for (const update of taps) {
      const before = floorLog.events.find((event) => event.seq === update.seq - 1);
      expect(before).toMatchObject({ type: 'orders.updated', kitchenSeq: null, at: update.at });
      expect(before).toMatchObject({ payload: { order: { id: order.id } } });
    }
  });
});

describe('the kitchen timing', () => {
  it('is set by an owner or admin, refused to a cashier, and read by the kitchen screen', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const path = `/api/tenant/branches/${branchId}/kitchen-timing`;

    expect(expectStatus(await owner.client.patch(path, { warnMinutes: 8, lateMinutes: 15 }), 200)).toEqual({
      warnMinutes: 8,
      lateMinutes: 15,
    });
    const admin = await buildAdmin(server, owner);
    expect(expectStatus(await admin.patch(path, { warnMinutes: 12, lateMinutes: 25 }), 200)).toEqual({
      warnMinutes: 12,
      lateMinutes: 25,
    });
    const cashier = (await mintSignedInStaff(server, owner.tenantId, branchId, 'cashier')).client;
    const refused = await cashier.patch(path, { warnMinutes: 1, lateMinutes: 2 });
    expect(refused.status).toBe(403);
    expect(ErrorBody.parse(refused.body).error.code).toBe('FORBIDDEN');

    const screen = await kitchenScreen(server, floor);
    expect((await kitchenOf(screen, branchId)).timing).toEqual({ warnMinutes: 12, lateMinutes: 25 });
    expect((await screen.patch(path, { warnMinutes: 1, lateMinutes: 2 })).status).toBe(403);

    // Each change reaches open kitchen screens through the log; saving the same minutes again does not.
    expectStatus(await admin.patch(path, { warnMinutes: 12, lateMinutes: 25 }), 200);
    const caughtUp = CatchUpView.parse(
      expectStatus(await screen.get(`/api/tenant/branches/${branchId}/kitchen/events?after=0`), 200),
    );
    expect(caughtUp.events.map((event) => [event.type, event.kitchenSeq, event.payload])).toEqual([
      ['kitchen.timing', 1, { timing: { warnMinutes: 8, lateMinutes: 15 } }],
      ['kitchen.timing', 2, { timing: { warnMinutes: 12, lateMinutes: 25 } }],
    ]);
  });

  it('names the field at fault and keeps the timing as it was', async () => {
    const floor = await buildFloor(server);
    const { owner, branchId } = floor;
    const path = `/api/tenant/branches/${branchId}/kitchen-timing`;
    const fieldsOf = async (body: unknown) => {
      const response = await owner.client.patch(path, body);
      expect(response.status).toBe(422);
      return ErrorBody.parse(response.body).error.fields ?? {};
    };

    expect(Object.keys(await fieldsOf({ warnMinutes: 15, lateMinutes: 15 }))).toEqual(['lateMinutes']);
    expect(Object.keys(await fieldsOf({ warnMinutes: 20, lateMinutes: 10 }))).toEqual(['lateMinutes']);
    expect(await fieldsOf({ warnMinutes: 0, lateMinutes: 10 })).toEqual({
      warnMinutes: expect.objectContaining({ code: 'too_short' }),
    });
    expect(Object.keys(await fieldsOf({ warnMinutes: 10 }))).toEqual(['lateMinutes']);
    expect(Object.keys(await fieldsOf({ warnMinutes: 5, lateMinutes: 9, red: 3 }))).toEqual(['red']);
    expect((await kitchenOf(owner.client, branchId)).timing).toEqual({ warnMinutes: 10, lateMinutes: 20 });

    const stranger = (await buildTenant(server)).client;
    expect((await stranger.patch(path, { warnMinutes: 5, lateMinutes: 9 })).status).toBe(404);
    const unknown = `/api/tenant/branches/${crypto.randomUUID()}/kitchen-timing`;
    expect((await owner.client.patch(unknown, { warnMinutes: 5, lateMinutes: 9 })).status).toBe(404);
  });
});
