import {
  BRANCH_EVENT_TYPES,
  CatchUpView,
  OrderView,
  type ProductView,
  type BranchEvent,
  type BranchEventType,
  type CategoryView,
} from '@smartket/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBranch,
  DeviceClient,
  expectStatus,
  mintDevice,
  mintSignedInStaff,
  restartTestServer,
  socketOutcome,
} from './actors.ts';
import { balanceCharge, charge, openCashSession, readCheckout } from './checkout-factories.ts';
import { buildTenant, type BuiltOwner } from './factories.ts';
import type { ApiClient } from './test-server.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * The realtime contract end to end: what a branch's sockets hear, what nobody else hears, and
 * what a client that was away gets back — across a dropped connection and a server restart.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

/** A socket as a browser opens it: the cookies, and for a user the branch it watches. */
function listen(
  target: { url: string },
  cookie: string | undefined,
  auth: Record<string, unknown> = {},
): Listener {
  const socket = connect(target.url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: cookie ? { cookie } : {},
    auth,
  });
  const heard: BranchEvent[] = [];
  for (const type of BRANCH_EVENT_TYPES) {
    socket.on(type, (event: BranchEvent) => heard.push(event));
  }
  return { socket, heard };
}

interface Listener {
  socket: Socket;
  heard: BranchEvent[];
}

async function connected(...listeners: Listener[]): Promise<void> {
  const outcomes = await Promise.all(listeners.map((listener) => socketOutcome(listener.socket)));
  expect(outcomes.every((outcome) => outcome === 'connected')).toBe(true);
}

/** Resolves once `listener` heard an event of `type` (or fails after 5 s). */
async function heardType(listener: Listener, type: BranchEventType, count = 1): Promise<void> {
  const deadline = Date.now() + 5000;
  while (listener.heard.filter((event) => event.type === type).length < count) {
    if (Date.now() > deadline) {
      throw new Error(`no ${type} within 5 s; heard ${listener.heard.map((event) => event.type).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A product without options, in a category of its own. */
async function buildProduct(owner: BuiltOwner): Promise<string> {
  const category = expectStatus(
    await owner.client.post<CategoryView>('/api/tenant/menu/categories', { name: 'Pollos' }),
    201,
  );
  const product = expectStatus(
    await owner.client.post<ProductView>('/api/tenant/menu/products', {
      name: '1/4 de pollo',
      priceCents: 2190,
      categoryId: category.id,
    }),
    201,
  );
  return product.id;
}

async function openTakeaway(client: ApiClient, branchId: string, name = 'Rosa'): Promise<OrderView> {
  return OrderView.parse(
    expectStatus(
      await client.post('/api/tenant/orders', {
        id: crypto.randomUUID(),
        branchId,
        type: 'takeaway',
        customer: { name },
      }),
      201,
    ),
  );
}

async function sendRound(client: ApiClient, orderId: string, productId: string): Promise<OrderView> {
  return OrderView.parse(
    expectStatus(
      await client.post(`/api/tenant/orders/${orderId}/rounds`, {
        id: crypto.randomUUID(),
        items: [{ id: crypto.randomUUID(), productId, quantity: 2 }],
      }),
      201,
    ),
  );
}

function floorSeqs(listener: Listener): number[] {
  return listener.heard.map((event) => event.seq);
}

describe('room isolation', () => {
  it('sends every event type of a branch to that branch only, and its tickets and timing only to its kitchen', async () => {
    const ownerA = await buildTenant(server);
    const branchA1 = await buildBranch(server, ownerA, 'Local Uno');
    const branchA2 = await buildBranch(server, ownerA, 'Local Dos');
    const ownerB = await buildTenant(server);
    const branchB = await buildBranch(server, ownerB, 'Local Otro');
    const productId = await buildProduct(ownerA);

    const waiterA1 = await mintSignedInStaff(server, ownerA.tenantId, branchA1, 'waiter');
    const kioskA1 = await mintDevice(server, ownerA.tenantId, branchA1, 'kitchen_screen');
    const cookA1 = await mintSignedInStaff(server, ownerA.tenantId, branchA1, 'kitchen');
    const waiterA2 = await mintSignedInStaff(server, ownerA.tenantId, branchA2, 'waiter');
    const kioskA2 = await mintDevice(server, ownerA.tenantId, branchA2, 'kitchen_screen');
    const waiterB = await mintSignedInStaff(server, ownerB.tenantId, branchB, 'waiter');
    const kioskB = await mintDevice(server, ownerB.tenantId, branchB, 'kitchen_screen');

    const hearsAll = listen(server, waiterA1.client.cookieHeader());
    const ownerWatchingA1 = listen(server, ownerA.client.cookie, { branchId: branchA1 });
    const kitchenA1 = listen(server, `smartket_device=${kioskA1.deviceToken}`);
    const cookOnA1 = listen(server, cookA1.client.cookieHeader());
    const outsiders = {
      'a waiter of branch 2': listen(server, waiterA2.client.cookieHeader()),
      'the kitchen of branch 2': listen(server, `smartket_device=${kioskA2.deviceToken}`),
      'the owner watching branch 2': listen(server, ownerA.client.cookie, { branchId: branchA2 }),
      'the owner watching no branch': listen(server, ownerA.client.cookie),
      'a waiter of business B': listen(server, waiterB.client.cookieHeader()),
      'the kitchen of business B': listen(server, `smartket_device=${kioskB.deviceToken}`),
      // Naming another business's branch in the handshake joins nothing of it.
      'owner B naming branch A1': listen(server, ownerB.client.cookie, { branchId: branchA1 }),
    };
    await connected(hearsAll, ownerWatchingA1, kitchenA1, cookOnA1, ...Object.values(outsiders));
    // Whatever a socket sends, the server picks its rooms: asking to join changes nothing.
    for (const outsider of Object.values(outsiders)) {
      outsider.socket.emit('join', `t:${ownerA.tenantId}:b:${branchA1}`);
      outsider.socket.emit('subscribe', { branchId: branchA1 });
    }

    const order = await openTakeaway(waiterA1.client, branchA1);
    const sent = await sendRound(waiterA1.client, order.id, productId);
    const ticketId = sent.items[0]!.ticketId;
    expectStatus(
      await kitchenClient(kioskA1.deviceToken).post(`/api/tenant/tickets/${ticketId}/advance`, {
        to: 'ready',
      }),
      200,
    );
    // Charged, then its sale voided once the order closed: the branch hears its sales changed.
    const session = await openCashSession(server, ownerA.tenantId, branchA1);
    const sale = expectStatus(
      await charge(
        ownerA.client,
        order.id,
        balanceCharge(await readCheckout(ownerA.client, order.id), session),
      ),
      201,
    );
    expectStatus(
      await ownerA.client.post(`/api/tenant/sales/${sale.id}/void`, { reason: 'Quería factura' }),
      200,
    );
    const mistake = await openTakeaway(waiterA1.client, branchA1, 'Equivocado');
    expectStatus(await waiterA1.client.post(`/api/tenant/orders/${mistake.id}/cancel`, {}), 200);
    const timing = { warnMinutes: 7, lateMinutes: 14 };
    expectStatus(await ownerA.client.patch(`/api/tenant/branches/${branchA1}/kitchen-timing`, timing), 200);
    await heardType(hearsAll, 'kitchen.timing');
    await heardType(ownerWatchingA1, 'kitchen.timing');
    await heardType(kitchenA1, 'kitchen.timing');
    // Whatever was going to arrive elsewhere has had the time the branch's own sockets needed.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(new Set(hearsAll.heard.map((event) => event.type))).toEqual(new Set(BRANCH_EVENT_TYPES));
    expect(floorSeqs(hearsAll)).toEqual(floorSeqs(hearsAll).map((_, index) => index + 1));
    expect(ownerWatchingA1.heard).toEqual(hearsAll.heard);
    for (const kitchen of [kitchenA1, cookOnA1]) {
      expect(kitchen.heard.map((event) => event.type)).toEqual([
        'tickets.created',
        'tickets.updated',
        'kitchen.timing',
      ]);
      expect(kitchen.heard.map((event) => event.kitchenSeq)).toEqual([1, 2, 3]);
      expect(kitchen.heard.at(-1)).toMatchObject({ payload: { timing } });
    }
    expect(
      hearsAll.heard.filter((event) => event.type === 'sales.changed').map((event) => event.payload),
    ).toEqual([
      { saleId: sale.id, orderId: order.id, status: 'completed' },
      { saleId: sale.id, orderId: order.id, status: 'voided' },
    ]);
    for (const [who, outsider] of Object.entries(outsiders)) {
      expect({ who, heard: outsider.heard }).toEqual({ who, heard: [] });
    }
    // Nor does the other branch's log hold any of it for a catch-up.
    const otherLog = expectStatus(
      await waiterA2.client.get<CatchUpView>(`/api/tenant/branches/${branchA2}/floor/events?after=0`),
      200,
    );
    expect(otherLog).toEqual({ events: [], latestSeq: 0, snapshotRequired: false });
    for (const listener of [hearsAll, ownerWatchingA1, kitchenA1, cookOnA1, ...Object.values(outsiders)]) {
      listener.socket.close();
    }
  });

  it('refuses a user handshake whose branch is not an id', async () => {
    const owner = await buildTenant(server);
    const listener = listen(server, owner.client.cookie, { branchId: 'mesa-1; drop table orders' });
    expect(await socketOutcome(listener.socket)).toBe('BAD_REQUEST');
    listener.socket.close();
  });
});

function kitchenClient(deviceToken: string): DeviceClient {
  return DeviceClient.withCookies(server.url, { smartket_device: deviceToken });
}

describe('catch-up', () => {
  it('gives a phone that lost its connection exactly what it missed, in order', async () => {
    const owner = await buildTenant(server);
    const branchId = await buildBranch(server, owner);
    const productId = await buildProduct(owner);
    const waiter = await mintSignedInStaff(server, owner.tenantId, branchId, 'waiter');
    const colleague = await mintSignedInStaff(server, owner.tenantId, branchId, 'waiter');

    const phone = listen(server, waiter.client.cookieHeader());
    await connected(phone);
    const first = await openTakeaway(colleague.client, branchId);
    await heardType(phone, 'orders.opened');
    const lastSeen = Math.max(...floorSeqs(phone));
    phone.socket.close();

    // While the phone is away: a round (orders.updated + tickets.created) and another order.
    await sendRound(colleague.client, first.id, productId);
    const second = await openTakeaway(colleague.client, branchId, 'Lucho');

    const missed = CatchUpView.parse(
      expectStatus(
        await waiter.client.get(`/api/tenant/branches/${branchId}/floor/events?after=${lastSeen}`),
        200,
      ),
    );
    expect(missed.snapshotRequired).toBe(false);
    expect(missed.events.map((event) => [event.seq, event.type])).toEqual([
      [lastSeen + 1, 'orders.updated'],
      [lastSeen + 2, 'tickets.created'],
      [lastSeen + 3, 'orders.opened'],
    ]);
    const reopened = missed.events.at(-1);
    expect(reopened?.type === 'orders.opened' && reopened.payload.order.id).toBe(second.id);
    expect(missed.latestSeq).toBe(lastSeen + 3);
  });

  it('loses nothing to a server restart, and the sequence carries on where it was', async () => {
    const owner = await buildTenant(server);
    const branchId = await buildBranch(server, owner);
    const productId = await buildProduct(owner);
    const kiosk = await mintDevice(server, owner.tenantId, branchId, 'kitchen_screen');
    const waiter = await mintSignedInStaff(server, owner.tenantId, branchId, 'waiter');

    const order = await openTakeaway(waiter.client, branchId);
    await sendRound(waiter.client, order.id, productId);
    const before = CatchUpView.parse(
      expectStatus(await waiter.client.get(`/api/tenant/branches/${branchId}/floor/events?after=0`), 200),
    );

    server = await restartTestServer(server);
    const waiterAfter = waiter.client.movedTo(server);
    const kitchen = listen(server, `smartket_device=${kiosk.deviceToken}`);
    await connected(kitchen);
    await sendRound(waiterAfter, order.id, productId);
    await heardType(kitchen, 'tickets.created');

    const all = CatchUpView.parse(
      expectStatus(await waiterAfter.get(`/api/tenant/branches/${branchId}/floor/events?after=0`), 200),
    );
    expect(all.events.slice(0, before.events.length)).toEqual(before.events);
    expect(all.events.map((event) => event.seq)).toEqual(all.events.map((_, index) => index + 1));
    expect(all.events.slice(before.events.length).map((event) => event.type)).toEqual([
      'orders.updated',
      'tickets.created',
    ]);
    // The kitchen screen, connected after the restart, counts on from the tickets before it.
    expect(kitchen.heard.map((event) => event.kitchenSeq)).toEqual([2]);
    const kitchenMissed = CatchUpView.parse(
      expectStatus(
        await kitchenClient(kiosk.deviceToken).get(`/api/tenant/branches/${branchId}/kitchen/events?after=0`),
        200,
      ),
    );
    expect(kitchenMissed.events.map((event) => event.kitchenSeq)).toEqual([1, 2]);
    kitchen.socket.close();
  });
});
