import 'fake-indexeddb/auto';
import type { OrderView } from '@smartket/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { BRANCH, TENANT, WAITER, orderView, uuid } from '../testing/fixtures.ts';
import { createDb, type NewOutboxEntry, type OutboxEntry, type SmartketDb } from './db.ts';
import { backoffMs, discardEntry, enqueue, OutboxDrainer, outboxEntries, retryEntry } from './outbox.ts';

const OTHER_WAITER = '30000000-0000-4000-8000-000000000002';

function networkError(): ApiError {
  return new ApiError({ status: 0, code: 'network', message: 'Sin conexión' });
}

/**
 * The server as the outbox sees it, with the contract's idempotency: an order id or round id
 * sent again answers with what exists. `lose` makes a call reach the server and do its work,
 * then lose the answer on the way back.
 */
class FakeServer {
  readonly orders = new Map<string, OrderView>();
  readonly calls: { kind: OutboxEntry['kind']; body: unknown }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** What the next calls do, in turn, before answering normally. */
  script: ('ok' | 'unreachable' | 'lose' | ApiError)[] = [];

  send = async (entry: OutboxEntry): Promise<OrderView> => {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await Promise.resolve();
      this.calls.push({ kind: entry.kind, body: structuredClone(entry.body) });
      const step = this.script.shift() ?? 'ok';
      if (step === 'unreachable') {
        throw networkError();
      }
      if (step instanceof ApiError) {
        throw step;
      }
      const order = this.#apply(entry);
      if (step === 'lose') {
        throw networkError();
      }
      return order;
    } finally {
      this.inFlight -= 1;
    }
  };

  #apply(entry: OutboxEntry): OrderView {
    if (entry.kind === 'orders.open') {
      const existing = this.orders.get(entry.body.id);
      if (existing) {
        return existing;
      }
      const order = orderView({
        id: entry.body.id,
        tableIds: entry.body.tableId ? [entry.body.tableId] : [],
      });
      this.orders.set(order.id, order);
      return order;
    }
    const order = this.orders.get(entry.orderId);
    if (!order) {
      throw new ApiError({ status: 404, code: 'NOT_FOUND', message: 'No encontrado' });
    }
    if (entry.kind === 'orders.round' && !order.rounds.some((round) => round.id === entry.body.id)) {
      const next: OrderView = {
        ...order,
        rounds: [
          ...order.rounds,
          { id: entry.body.id, number: order.rounds.length + 1, sentAt: entry.createdAt, sentByName: 'Luis' },
        ],
      };
      this.orders.set(order.id, next);
      return next;
    }
    return order;
  }

  roundIds(orderId: string): string[] {
    return this.orders.get(orderId)?.rounds.map((round) => round.id) ?? [];
  }
}

let dbCount = 0;
let database: SmartketDb;
let server: FakeServer;
let actor: string | null;
let accepted: string[];

function drainer(): OutboxDrainer {
  return new OutboxDrainer({
    database,
    send: server.send,
    scope: () => (actor ? { tenantId: TENANT, actorId: actor } : null),
    accepted: (entry) => accepted.push(`${entry.kind}:${entry.orderId}`),
    exclusive: (run) => run(),
  });
}

function base(orderId: string, actorId: string = WAITER.id) {
  return { tenantId: TENANT, branchId: BRANCH, actorId, orderId, createdAt: new Date().toISOString() };
}

function openEntry(orderId: string, tableId = uuid(), actorId: string = WAITER.id): NewOutboxEntry {
  return {
    ...base(orderId, actorId),
    kind: 'orders.open',
    body: { id: orderId, branchId: BRANCH, type: 'dine_in', tableId, guests: 2, customer: null, note: null },
    waiter: { ...WAITER, id: actorId },
  };
}

function roundEntry(
  orderId: string,
  actorId: string = WAITER.id,
): Extract<NewOutboxEntry, { kind: 'orders.round' }> {
  const roundId = uuid();
  const itemId = uuid();
  const productId = uuid();
  return {
    ...base(orderId, actorId),
    kind: 'orders.round',
    body: { id: roundId, items: [{ id: itemId, productId, quantity: 1, optionIds: [], note: null }] },
    items: [
      {
        id: itemId,
        roundId,
        productId,
        name: '1/4 de pollo',
        quantity: 1,
        unitPriceCents: 2200,
        options: [],
        note: null,
      },
    ],
    sentByName: 'Luis',
  };
}

async function remaining(): Promise<Pick<OutboxEntry, 'seq' | 'kind' | 'orderId' | 'state'>[]> {
  return (await outboxEntries(TENANT, database)).map(({ seq, kind, orderId, state }) => ({
    seq,
    kind,
    orderId,
    state,
  }));
}

beforeEach(() => {
  dbCount += 1;
  database = createDb(`outbox-test-${dbCount}`);
  server = new FakeServer();
  actor = WAITER.id;
  accepted = [];
});

afterEach(async () => {
  database.close();
  await database.delete();
});

describe('outbox', () => {
  it('sends every entry in order, one at a time, and removes each once accepted', async () => {
    const orderId = uuid();
    await enqueue(openEntry(orderId), database);
    await enqueue(roundEntry(orderId), database);
    await enqueue(roundEntry(orderId), database);

    const outcome = await drainer().drain();

    expect(outcome).toEqual({ kind: 'done' });
    expect(server.calls.map((call) => call.kind)).toEqual(['orders.open', 'orders.round', 'orders.round']);
    expect(server.maxInFlight).toBe(1);
    expect(server.roundIds(orderId)).toHaveLength(2);
    expect(await remaining()).toEqual([]);
    expect(accepted).toEqual([
      `orders.open:${orderId}`,
      `orders.round:${orderId}`,
      `orders.round:${orderId}`,
    ]);
  });

  it('sends a round whose answer was lost again with the same ids, and the server keeps it once', async () => {
    const orderId = uuid();
    await enqueue(openEntry(orderId), database);
    const first = roundEntry(orderId);
    await enqueue(first, database);
    await enqueue(roundEntry(orderId), database);
    // The open goes through; the round reaches the server, which saves it, but its answer is lost.
    server.script = ['ok', 'lose'];

    const interrupted = await drainer().drain();

    expect(interrupted).toEqual({ kind: 'later', retryInMs: backoffMs(1) });
    expect(server.roundIds(orderId)).toEqual([first.body.id]);
    expect((await remaining()).map((entry) => entry.kind)).toEqual(['orders.round', 'orders.round']);
    const [kept] = await outboxEntries(TENANT, database);
    expect(kept?.attempts).toBe(1);

    // The network is back: the same round (same round and item ids) goes again, then the next.
    const resumed = await drainer().drain();

    expect(resumed).toEqual({ kind: 'done' });
    const roundCalls = server.calls.filter((call) => call.kind === 'orders.round');
    expect(roundCalls).toHaveLength(3);
    expect(roundCalls[0]?.body).toEqual(first.body);
    expect(roundCalls[1]?.body).toEqual(first.body);
    expect(server.roundIds(orderId)).toHaveLength(2);
    expect(server.roundIds(orderId)[0]).toBe(first.body.id);
    expect(await remaining()).toEqual([]);
  });

  it('stops at an unreachable server without skipping ahead, and keeps every entry', async () => {
    const a = uuid();
    const b = uuid();
    await enqueue(openEntry(a), database);
    await enqueue(openEntry(b), database);
    server.script = ['unreachable'];

    const outcome = await drainer().drain();

    expect(outcome.kind).toBe('later');
    expect(server.calls).toHaveLength(1);
    expect(server.orders.size).toBe(0);
    expect((await remaining()).map((entry) => entry.orderId)).toEqual([a, b]);
  });

  it('does not send twice when asked to drain while a drain runs', async () => {
    const orderId = uuid();
    await enqueue(openEntry(orderId), database);
    await enqueue(roundEntry(orderId), database);
    const shared = drainer();

    await Promise.all([shared.drain(), shared.drain(), shared.drain()]);

    expect(server.calls.map((call) => call.kind)).toEqual(['orders.open', 'orders.round']);
    expect(server.maxInFlight).toBe(1);
  });

  it('marks a refused entry rejected and holds the later entries of its order, not the others', async () => {
    const refused = uuid();
    const other = uuid();
    await enqueue(openEntry(refused), database);
    await enqueue(roundEntry(refused), database);
    await enqueue(openEntry(other), database);
    server.script = [
      new ApiError({
        status: 409,
        code: 'TABLE_OCCUPIED',
        message: 'Esa mesa ya está ocupada.',
        details: { orderId: uuid() },
      }),
    ];

    const outcome = await drainer().drain();

    expect(outcome).toEqual({ kind: 'done' });
    expect(server.calls.map((call) => call.kind)).toEqual(['orders.open', 'orders.open']);
    expect(server.orders.has(other)).toBe(true);
    const left = await outboxEntries(TENANT, database);
    expect(left.map(({ kind, state }) => ({ kind, state }))).toEqual([
      { kind: 'orders.open', state: 'rejected' },
      { kind: 'orders.round', state: 'pending' },
    ]);
    expect(left[0]?.error).toMatchObject({
      status: 409,
      code: 'TABLE_OCCUPIED',
      message: 'Esa mesa ya está ocupada.',
    });

    // Another drain sends nothing more: the round still waits behind its refused opening.
    await drainer().drain();
    expect(server.calls).toHaveLength(2);
  });

  it('sends a refused entry again, changed, and then the entries that waited behind it', async () => {
    const orderId = uuid();
    await enqueue(openEntry(orderId), database);
    await enqueue(roundEntry(orderId), database);
    server.script = [new ApiError({ status: 409, code: 'TABLE_OCCUPIED', message: 'Ocupada' })];
    await drainer().drain();
    const [rejected] = await outboxEntries(TENANT, database);
    const freeTable = uuid();

    await retryEntry(
      rejected?.seq ?? -1,
      (entry) =>
        entry.kind === 'orders.open' ? { ...entry, body: { ...entry.body, tableId: freeTable } } : entry,
      database,
    );
    await drainer().drain();

    expect(server.orders.get(orderId)?.tableIds).toEqual([freeTable]);
    expect(server.roundIds(orderId)).toHaveLength(1);
    expect(await remaining()).toEqual([]);
  });

  it('discards a refused entry with the later entries of its order only', async () => {
    const refused = uuid();
    const other = uuid();
    await enqueue(openEntry(refused), database);
    await enqueue(openEntry(other), database);
    await enqueue(roundEntry(refused), database);
    await enqueue(roundEntry(other), database);
    server.script = [
      new ApiError({ status: 409, code: 'TABLE_OCCUPIED', message: 'Ocupada' }),
      'unreachable',
    ];
    await drainer().drain();
    const [rejected] = await outboxEntries(TENANT, database);

    const removed = await discardEntry(rejected?.seq ?? -1, database);

    expect(removed).toHaveLength(2);
    expect((await remaining()).map(({ kind, orderId }) => ({ kind, orderId }))).toEqual([
      { kind: 'orders.open', orderId: other },
      { kind: 'orders.round', orderId: other },
    ]);
  });

  it('keeps entries pending when the person is signed out, rate limited or the server fails', async () => {
    const orderId = uuid();
    await enqueue(openEntry(orderId), database);
    for (const refusal of [
      new ApiError({ status: 401, code: 'STAFF_SIGN_IN_REQUIRED', message: 'Ingresa con tu PIN' }),
      new ApiError({ status: 429, code: 'RATE_LIMITED', message: 'Espera' }),
      new ApiError({ status: 503, code: 'SERVICE_UNAVAILABLE', message: 'No disponible' }),
    ]) {
      server.script = [refusal];
      expect((await drainer().drain()).kind).toBe('later');
      expect((await remaining()).map((entry) => entry.state)).toEqual(['pending']);
    }
    expect(await drainer().drain()).toEqual({ kind: 'done' });
    expect(server.orders.has(orderId)).toBe(true);
  });

  it('sends only the entries of the person acting now; theirs wait, and so do later ones of the same order', async () => {
    const theirs = uuid();
    const mine = uuid();
    await enqueue(openEntry(theirs, uuid(), OTHER_WAITER), database);
    await enqueue(roundEntry(theirs, WAITER.id), database);
    await enqueue(openEntry(mine), database);

    await drainer().drain();

    expect(server.calls.map((call) => call.kind)).toEqual(['orders.open']);
    expect(server.orders.has(mine)).toBe(true);
    expect((await remaining()).map((entry) => entry.orderId)).toEqual([theirs, theirs]);

    actor = OTHER_WAITER;
    await drainer().drain();
    actor = WAITER.id;
    await drainer().drain();
    expect(server.orders.has(theirs)).toBe(true);
    expect(server.roundIds(theirs)).toHaveLength(1);
    expect(await remaining()).toEqual([]);
  });

  it('takes a repeated cancel that finds the order closed as done', async () => {
    const orderId = uuid();
    await enqueue({ ...base(orderId), kind: 'orders.cancel', body: {} }, database);
    server.script = [new ApiError({ status: 409, code: 'ORDER_CLOSED', message: 'Cerrado' })];

    expect(await drainer().drain()).toEqual({ kind: 'done' });
    expect(await remaining()).toEqual([]);
    expect(accepted).toEqual([`orders.cancel:${orderId}`]);
  });

  it('backs off 2 s, 4 s, 8 s… up to a minute', () => {
    expect([1, 2, 3, 4, 10].map(backoffMs)).toEqual([2000, 4000, 8000, 16_000, 60_000]);
  });
});
