import type { EntityManager } from '@mikro-orm/core';
import { CATCH_UP_LIMIT, CatchUpView, ErrorBody, type TicketView } from '@smartket/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendBranchEvents,
  readEventsAfter,
  type PendingBranchEvent,
} from '../src/modules/branch-log/branch-log.service.ts';
import { selectRows } from '../src/db/queries.ts';
import { Tenant } from '../src/modules/tenants/tenant.entity.ts';
import { buildBranch, buildEveryRole, buildOwnerWithBranch, expectStatus } from './actors.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

async function inTenant<T>(tenantId: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const tenant = await server.services.adminOrm.em
    .fork()
    .findOneOrFail(Tenant, tenantId, { populate: ['databasePasswordSealed'] });
  return server.services.registry.withTenant(server.services.locator.locate(tenant), fn);
}

function append(tenantId: string, branchId: string, events: PendingBranchEvent[]) {
  return inTenant(tenantId, (em) =>
    em.transactional((tx) => appendBranchEvents(tx, branchId, events, new Date())),
  );
}

const closed = (): PendingBranchEvent => ({
  type: 'orders.closed',
  payload: { orderId: crypto.randomUUID(), status: 'cancelled', mergedIntoId: null },
});

function ticketEvent(branchId: string): PendingBranchEvent {
  const ticket: TicketView = {
    id: crypto.randomUUID(),
    branchId,
    orderId: crypto.randomUUID(),
    orderType: 'takeaway',
    orderNumber: 1,
    orderLabel: 'Llevar #1 · Rosa',
    waiterName: 'Ana',
    waiterId: crypto.randomUUID(),
    roundNumber: 1,
    stationId: null,
    status: 'pending',
    createdAt: new Date().toISOString(),
    startedAt: null,
    readyAt: null,
    recalledAt: null,
    items: [
      {
        id: crypto.randomUUID(),
        name: '1/4 de pollo',
        quantity: 2,
        options: ['Pecho'],
        note: null,
        status: 'pending',
      },
    ],
  };
  return { type: 'tickets.created', payload: { ticket } };
}

describe('the branch event log', () => {
  it('hands out gap-free floor and kitchen sequences to writers racing on one branch', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const writers = Array.from({ length: 12 }, (_, index) =>
      append(
        owner.tenantId,
        branchId,
        index % 3 === 0 ? [ticketEvent(branchId)] : [closed(), ticketEvent(branchId)],
      ),
    );
    const appended = (await Promise.all(writers)).flat();

    const floorSeqs = appended.map((event) => event.seq).sort((a, b) => a - b);
    expect(floorSeqs).toEqual(Array.from({ length: appended.length }, (_, index) => index + 1));
    const kitchenSeqs = appended
      .map((event) => event.kitchenSeq)
      .filter((seq) => seq !== null)
      .sort((a, b) => a - b);
    expect(kitchenSeqs).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    expect(
      appended.filter((event) => event.type === 'orders.closed').every((event) => event.kitchenSeq === null),
    ).toBe(true);
  });

  it('gives each branch its own sequence', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    const otherBranchId = await buildBranch(server, owner, 'Local Norte');
    await append(owner.tenantId, branchId, [closed(), closed()]);
    const [first] = await append(owner.tenantId, otherBranchId, [closed()]);
    expect(first?.seq).toBe(1);
  });

  it('writes nothing of a transaction that rolls back, and reuses no sequence', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    await append(owner.tenantId, branchId, [closed()]);
    await expect(
      inTenant(owner.tenantId, (em) =>
        em.transactional(async (tx) => {
          await appendBranchEvents(tx, branchId, [closed(), closed()], new Date());
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    const [next] = await append(owner.tenantId, branchId, [closed()]);
    expect(next?.seq).toBe(2);
    const caughtUp = await inTenant(owner.tenantId, (em) => readEventsAfter(em, branchId, 'floor', 0));
    expect(caughtUp.events.map((event) => event.seq)).toEqual([1, 2]);
  });

  it('catches a client up in order, per stream, and asks for a snapshot when it cannot', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    await append(owner.tenantId, branchId, [
      closed(),
      ticketEvent(branchId),
      closed(),
      ticketEvent(branchId),
    ]);
    const read = (stream: 'floor' | 'kitchen', after: number) =>
      inTenant(owner.tenantId, (em) => readEventsAfter(em, branchId, stream, after));

    const floor = await read('floor', 1);
    expect(floor.events.map((event) => event.seq)).toEqual([2, 3, 4]);
    expect(floor).toMatchObject({ latestSeq: 4, snapshotRequired: false });

    const kitchen = await read('kitchen', 0);
    expect(kitchen.events.map((event) => [event.type, event.kitchenSeq])).toEqual([
      ['tickets.created', 1],
      ['tickets.created', 2],
    ]);
    expect(kitchen.latestSeq).toBe(2);

    expect(await read('floor', 4)).toEqual({ events: [], latestSeq: 4, snapshotRequired: false });
    // A sequence the branch never reached: the client's state is not this server's.
    expect(await read('floor', 9)).toMatchObject({ events: [], snapshotRequired: true });
  });

  it('keeps a bounded log, and sends a client that fell too far behind to the snapshot', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    await append(owner.tenantId, branchId, Array.from({ length: 5600 }, closed));
    const read = (after: number) =>
      inTenant(owner.tenantId, (em) => readEventsAfter(em, branchId, 'floor', after));

    expect(await read(5600 - CATCH_UP_LIMIT - 1)).toMatchObject({ events: [], snapshotRequired: true });
    const recent = await read(5600 - CATCH_UP_LIMIT);
    expect(recent.events).toHaveLength(CATCH_UP_LIMIT);
    expect(recent.events[0]?.seq).toBe(5600 - CATCH_UP_LIMIT + 1);

    const [kept] = await inTenant(owner.tenantId, (em) =>
      selectRows<{ count: number }>(
        em,
        'select count(*)::int as count from branch_events where branch_id = ?',
        [branchId],
      ),
    );
    expect(kept?.count).toBeLessThanOrEqual(5000);
  });
});

describe('the catch-up routes', () => {
  it('serve each stream to the roles that may hear it, for their own branch only', async () => {
    const { owner, branchId, clients: actors } = await buildEveryRole(server);
    await append(owner.tenantId, branchId, [closed(), ticketEvent(branchId)]);

    const floor = CatchUpView.parse(
      expectStatus(await actors.waiter.get(`/api/tenant/branches/${branchId}/floor/events?after=0`), 200),
    );
    expect(floor.events.map((event) => event.type)).toEqual(['orders.closed', 'tickets.created']);
    const kitchen = CatchUpView.parse(
      expectStatus(await actors.kiosk.get(`/api/tenant/branches/${branchId}/kitchen/events?after=0`), 200),
    );
    expect(kitchen.events.map((event) => event.type)).toEqual(['tickets.created']);

    // A kitchen screen hears tickets, not the floor's orders (amounts, customers' phones).
    expect((await actors.kiosk.get(`/api/tenant/branches/${branchId}/floor/events?after=0`)).status).toBe(
      403,
    );
    expect((await actors.waiter.get(`/api/tenant/branches/${branchId}/kitchen/events?after=0`)).status).toBe(
      403,
    );

    const otherBranchId = await buildBranch(server, owner, 'Local Norte');
    expect(
      (await actors.waiter.get(`/api/tenant/branches/${otherBranchId}/floor/events?after=0`)).status,
    ).toBe(404);
    expect(
      (await actors.kiosk.get(`/api/tenant/branches/${otherBranchId}/kitchen/events?after=0`)).status,
    ).toBe(404);
  });

  it('refuses a malformed sequence, naming the field', async () => {
    const { owner, branchId } = await buildOwnerWithBranch(server);
    for (const query of ['after=-1', 'after=abc', 'after=1.5', '']) {
      const response = await owner.client.get(`/api/tenant/branches/${branchId}/floor/events?${query}`);
      expect(response.status).toBe(422);
      expect(Object.keys(ErrorBody.parse(response.body).error.fields ?? {})).toContain('after');
    }
  });

  it('answers 404 for a branch of another business', async () => {
    const first = await buildOwnerWithBranch(server);
    const second = await buildOwnerWithBranch(server);
    await append(first.owner.tenantId, first.branchId, [closed()]);
    const response = await second.owner.client.get(
      `/api/tenant/branches/${first.branchId}/floor/events?after=0`,
    );
    expect(response.status).toBe(404);
  });
});
