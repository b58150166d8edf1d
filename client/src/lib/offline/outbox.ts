import type { OrderView } from '@smartket/shared';
import { ApiError } from '../api/client.ts';
import {
  cancelOrder,
  joinTable,
  moveOrder,
  openOrder,
  patchOrder,
  requestBill,
  sendRound,
  serveItems,
} from '../api/orders.ts';
import {
  db,
  type NewOutboxEntry,
  type OutboxEntry,
  type OutboxError,
  type OutboxMutation,
  type SmartketDb,
} from './db.ts';

/**
 * Puts a mutation in the outbox, in one Dexie transaction and without any network call inside:
 * once this resolves the change survives a closed app, and the floor shows it. Returns its seq.
 */
export async function enqueue(entry: NewOutboxEntry, database: SmartketDb = db()): Promise<number> {
  return database.transaction('rw', database.outbox, () =>
    database.outbox.add({ ...entry, state: 'pending', error: null, attempts: 0 }),
  );
}

/** The entries of a business on this device, oldest first. */
export function outboxEntries(tenantId: string, database: SmartketDb = db()): Promise<OutboxEntry[]> {
  return database.outbox.where('tenantId').equals(tenantId).sortBy('seq');
}

/**
 * Sends a rejected entry again — as it was, or changed by `amend` (another table, without the
 * product that is no longer sold). `amend` returning null discards it instead.
 */
export async function retryEntry(
  seq: number,
  amend?: (entry: OutboxEntry) => OutboxMutation | null,
  database: SmartketDb = db(),
): Promise<void> {
  await database.transaction('rw', database.outbox, async () => {
    const entry = await database.outbox.get(seq);
    if (!entry) {
      return;
    }
    const mutation = amend ? amend(entry) : entry;
    if (!mutation) {
      await discardInTransaction(database, entry);
      return;
    }
    await database.outbox.put({
      ...entry,
      ...mutation,
      state: 'pending',
      error: null,
      attempts: 0,
    });
  });
}

/**
 * Drops an entry and every later entry of the same order (a round of an order whose opening is
 * discarded has nowhere to go). Returns the seqs removed.
 */
export async function discardEntry(seq: number, database: SmartketDb = db()): Promise<number[]> {
  return database.transaction('rw', database.outbox, async () => {
    const entry = await database.outbox.get(seq);
    return entry ? discardInTransaction(database, entry) : [];
  });
}

async function discardInTransaction(database: SmartketDb, entry: OutboxEntry): Promise<number[]> {
  const doomed = await database.outbox
    .where('orderId')
    .equals(entry.orderId)
    .filter((other) => other.tenantId === entry.tenantId && other.seq >= entry.seq)
    .primaryKeys();
  await database.outbox.bulkDelete(doomed);
  return doomed;
}

/** The HTTP call of an entry. Every one is safe to repeat: the ids in the bodies are the device's. */
export function sendEntry(entry: OutboxEntry): Promise<OrderView> {
  switch (entry.kind) {
    case 'orders.open':
      return openOrder(entry.body);
    case 'orders.round':
      return sendRound(entry.orderId, entry.body);
    case 'orders.served':
      return serveItems(entry.orderId, entry.body);
    case 'orders.bill':
      return requestBill(entry.orderId);
    case 'orders.move':
      return moveOrder(entry.orderId, entry.body);
    case 'orders.join':
      return joinTable(entry.orderId, entry.body);
    case 'orders.cancel':
      return cancelOrder(entry.orderId);
    case 'orders.patch':
      return patchOrder(entry.orderId, entry.body);
  }
}

/**
 * What a failed send means for its entry:
 * - `accepted`: the server did it (its answer was unreadable, or a repeated cancel finds the
 *   order already gone);
 * - `rejected`: the server refused it for good (4xx): the waiter decides what to do;
 * - `later`: no network, the server down, signed out, rate limited: it stays and is sent again.
 */
export function judgeFailure(entry: OutboxEntry, error: unknown): 'accepted' | 'rejected' | 'later' {
  if (!(error instanceof ApiError)) {
    return 'later';
  }
  if (error.status >= 200 && error.status < 300) {
    return 'accepted';
  }
  if (error.status === 0 || error.status >= 500) {
    return 'later';
  }
  // Signed out (the PIN screen, a dead session), trial over, timed out, throttled: not the entry's fault.
  if ([401, 402, 408, 429].includes(error.status)) {
    return 'later';
  }
  if (entry.kind === 'orders.cancel' && error.code === 'ORDER_CLOSED') {
    return 'accepted';
  }
  return error.status >= 400 && error.status < 500 ? 'rejected' : 'later';
}

export function outboxError(error: unknown): OutboxError {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      fields: { ...error.fields },
      fieldCodes: { ...error.fieldCodes },
      details: { ...error.details },
    };
  }
  return { status: 0, code: 'network', message: String(error), fields: {}, fieldCodes: {}, details: {} };
}

/** Who may send now: the business the cookies are for and the person acting on this device. */
export interface DrainScope {
  tenantId: string;
  actorId: string;
}

export interface DrainerDeps {
  database?: SmartketDb;
  send?: (entry: OutboxEntry) => Promise<OrderView>;
  scope: () => DrainScope | null;
  /** The server accepted an entry (it is gone from the outbox); `order` is its answer when readable. */
  accepted?: (entry: OutboxEntry, order: OrderView | null) => void;
  /** Runs the drain while no other tab of this browser drains (Web Locks), or not at all. */
  exclusive?: (run: () => Promise<void>) => Promise<void>;
  now?: () => number;
}

/** How a drain ended. */
export type DrainOutcome =
  /** Nothing this actor may send is left (rejected entries, and those they hold back, stay). */
  | { kind: 'done' }
  /** A send failed for a passing reason: try again after `retryInMs`. */
  | { kind: 'later'; retryInMs: number };

const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 60_000;

/** The wait after `attempts` failed sends in a row: 2 s, 4 s, 8 s… up to a minute. */
export function backoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** Web Locks where the browser has them: one tab drains, the others skip. */
function browserExclusive(run: () => Promise<void>): Promise<void> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) {
    return run();
  }
  return navigator.locks.request('smartket.outbox', { ifAvailable: true }, async (lock) => {
    if (lock) {
      await run();
    }
  });
}

/**
 * Sends the outbox to the server in order, one entry at a time, each removed only once the
 * server accepted it — so an entry whose answer was lost is sent again, and the ids in its body
 * make the server answer with what it already did. An entry the server refuses is marked
 * `rejected` and holds back the later entries of its order; the other orders go on. A failure
 * that may pass (network, server, signed out) stops the drain until `retryInMs`.
 */
export class OutboxDrainer {
  readonly #database: () => SmartketDb;
  readonly #send: (entry: OutboxEntry) => Promise<OrderView>;
  readonly #scope: () => DrainScope | null;
  readonly #accepted: (entry: OutboxEntry, order: OrderView | null) => void;
  readonly #exclusive: (run: () => Promise<void>) => Promise<void>;
  #running: Promise<DrainOutcome> | null = null;
  #again = false;

  constructor(deps: DrainerDeps) {
    const database = deps.database;
    this.#database = database ? () => database : db;
    this.#send = deps.send ?? sendEntry;
    this.#scope = deps.scope;
    this.#accepted = deps.accepted ?? (() => undefined);
    this.#exclusive = deps.exclusive ?? browserExclusive;
  }

  /** Whether a drain is running now. */
  get running(): boolean {
    return this.#running !== null;
  }

  /** Drains now; a call during a drain makes that drain look again once it ends. */
  drain(): Promise<DrainOutcome> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#drainWhileAsked().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #drainWhileAsked(): Promise<DrainOutcome> {
    let outcome: DrainOutcome = { kind: 'done' };
    do {
      this.#again = false;
      outcome = { kind: 'done' };
      await this.#exclusive(async () => {
        outcome = await this.#drainOnce();
      });
    } while (this.#again && outcome.kind === 'done');
    return outcome;
  }

  async #drainOnce(): Promise<DrainOutcome> {
    const database = this.#database();
    for (;;) {
      const scope = this.#scope();
      if (!scope) {
        return { kind: 'done' };
      }
      const entry = await nextToSend(database, scope);
      if (!entry) {
        return { kind: 'done' };
      }
      let order: OrderView | null = null;
      try {
        order = await this.#send(entry);
      } catch (error) {
        const verdict = judgeFailure(entry, error);
        if (verdict === 'later') {
          const attempts = entry.attempts + 1;
          await database.outbox.update(entry.seq, { attempts });
          return { kind: 'later', retryInMs: backoffMs(attempts) };
        }
        if (verdict === 'rejected') {
          await database.outbox.update(entry.seq, { state: 'rejected', error: outboxError(error) });
          continue;
        }
      }
      // Accepted. A discard meanwhile already removed it: deleting again is harmless.
      await database.outbox.delete(entry.seq);
      this.#accepted(entry, order);
    }
  }
}

/**
 * The first entry this actor may send: pending, and not behind an entry of the same order that
 * is still waiting — rejected, or someone else's (the waiter who signed out sends theirs).
 */
async function nextToSend(database: SmartketDb, scope: DrainScope): Promise<OutboxEntry | undefined> {
  const entries = await outboxEntries(scope.tenantId, database);
  const heldOrders = new Set<string>();
  for (const entry of entries) {
    if (heldOrders.has(entry.orderId)) {
      continue;
    }
    if (entry.state === 'pending' && entry.actorId === scope.actorId) {
      return entry;
    }
    heldOrders.add(entry.orderId);
  }
  return undefined;
}
