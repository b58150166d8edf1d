import { IsolationLevel, type EntityManager } from '@mikro-orm/core';
import {
  BranchEvent,
  CATCH_UP_LIMIT,
  isKitchenEvent,
  type BranchEventPayload,
  type BranchEventType,
  type BranchStream,
  type CatchUpView,
} from '@smartket/shared';
import { selectRows } from '../../db/queries.ts';

/** An event a service wants in the log: the log gives it its sequences and time. */
export type PendingBranchEvent = {
  [T in BranchEventType]: { type: T; payload: BranchEventPayload<T> };
}[BranchEventType];

/**
 * How many events a branch keeps. Catch-up serves at most `CATCH_UP_LIMIT`, so older ones only
 * matter to someone reading the log by hand; a few thousand cover a Friday night.
 */
const EVENTS_KEPT = 5000;
/** Old events are pruned every this many events, inside the write that crosses the mark. */
const PRUNE_EVERY = 500;

/**
 * Appends `events` to the branch's log inside the caller's transaction and answers them with
 * their sequences, to be broadcast once that transaction commits (`publishBranchEvents`).
 *
 * The counter row is updated first and stays locked until commit, so sequences are handed out
 * in commit order without gaps: a client that applied N can never later miss a smaller one.
 * Counter and rows are written by one statement: this runs on every change of the floor, the
 * kitchen's taps and the waiters' rounds included. Each event is then checked against the shared
 * schema, still inside the transaction, so an event no client could read fails its change
 * instead of being logged (a fraction of a millisecond for an order of a hundred dishes).
 */
export async function appendBranchEvents(
  tx: EntityManager,
  branchId: string,
  events: readonly PendingBranchEvent[],
  at: Date,
): Promise<BranchEvent[]> {
  if (events.length === 0) {
    return [];
  }
  if (!tx.isInTransaction()) {
    throw new Error('appendBranchEvents outside a transaction could log a change that never happened');
  }
  let kitchenCount = 0;
  const rows = events.map((event, index) => ({
    floor_offset: index + 1,
    kitchen_offset: isKitchenEvent(event.type) ? (kitchenCount += 1) : null,
    type: event.type,
    payload: event.payload,
  }));
  // The sequences before this change's events (PostgreSQL's bigints arrive as strings).
  const [before] = await selectRows<{ floor_before: string; kitchen_before: string }>(
    tx,
    `with counter as (
       insert into branch_counters (branch_id, floor_seq, kitchen_seq) values (?, ?, ?)
         on conflict (branch_id) do update
           set floor_seq = branch_counters.floor_seq + excluded.floor_seq,
               kitchen_seq = branch_counters.kitchen_seq + excluded.kitchen_seq
       returning floor_seq - ? as floor_before, kitchen_seq - ? as kitchen_before
     ), logged as (
       insert into branch_events (branch_id, seq, kitchen_seq, type, payload, occurred_at)
       select ?, c.floor_before + r.floor_offset, c.kitchen_before + r.kitchen_offset, r.type, r.payload,
              ?::timestamptz
         from counter c,
              jsonb_to_recordset(?::jsonb) as r(floor_offset int, kitchen_offset int, type text, payload jsonb)
     )
     select floor_before, kitchen_before from counter`,
    [
      branchId,
      events.length,
      kitchenCount,
      events.length,
      kitchenCount,
      branchId,
      at.toISOString(),
      JSON.stringify(rows),
    ],
  );
  const floorBefore = Number(before!.floor_before);
  const kitchenBefore = Number(before!.kitchen_before);
  const logged = rows.map((row) =>
    BranchEvent.parse({
      branchId,
      seq: floorBefore + row.floor_offset,
      kitchenSeq: row.kitchen_offset === null ? null : kitchenBefore + row.kitchen_offset,
      at: at.toISOString(),
      type: row.type,
      payload: row.payload,
    }),
  );
  const lastSeq = floorBefore + events.length;
  if (Math.floor(lastSeq / PRUNE_EVERY) > Math.floor(floorBefore / PRUNE_EVERY) && lastSeq > EVENTS_KEPT) {
    await selectRows(tx, `delete from branch_events where branch_id = ? and seq <= ?`, [
      branchId,
      lastSeq - EVENTS_KEPT,
    ]);
  }
  return logged;
}

/**
 * The next order number of the branch's `day` (`YYYY-MM-DD`, its time zone): 1 on the first
 * order of a day. Locks the branch's counter row until the caller's transaction ends.
 *
 * The counter remembers one day. When the day it is asked for is another, the number follows
 * that day's last order: usually none (a new day starts at 1), but an instance whose clock runs
 * behind can ask for yesterday again just after midnight, and must not hand out a taken number.
 */
export async function nextOrderNumber(tx: EntityManager, branchId: string, day: string): Promise<number> {
  const [row] = await selectRows<{ order_number: number }>(
    tx,
    `insert into branch_counters (branch_id, order_day, order_number) values (?, ?::date, 1)
       on conflict (branch_id) do update
         set order_number = case when branch_counters.order_day = excluded.order_day
                                 then branch_counters.order_number + 1
                                 else (select coalesce(max(o.number), 0) + 1 from orders o
                                        where o.branch_id = excluded.branch_id
                                          and o.business_day = excluded.order_day) end,
             order_day = excluded.order_day
     returning order_number`,
    [branchId, day],
  );
  return row!.order_number;
}

/** The last sequence handed out in the branch's `stream` (0 before its first event). */
export async function latestSeq(em: EntityManager, branchId: string, stream: BranchStream): Promise<number> {
  const [row] = await selectRows<{ floor_seq: string; kitchen_seq: string }>(
    em,
    `select floor_seq, kitchen_seq from branch_counters where branch_id = ?`,
    [branchId],
  );
  if (!row) {
    return 0;
  }
  return Number(stream === 'floor' ? row.floor_seq : row.kitchen_seq);
}

/**
 * Reads a snapshot of the branch and the sequence of `stream` it is current to, in one
 * repeatable-read transaction: every event after that sequence is a change the snapshot does
 * not contain, and every change it does not contain has an event after it.
 */
export async function readBranchSnapshot<T>(
  em: EntityManager,
  branchId: string,
  stream: BranchStream,
  read: (tx: EntityManager) => Promise<T>,
): Promise<{ seq: number; data: T }> {
  return em.transactional(
    async (tx) => {
      const seq = await latestSeq(tx, branchId, stream);
      return { seq, data: await read(tx) };
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
}

interface EventRow {
  seq: string;
  kitchen_seq: string | null;
  type: string;
  payload: unknown;
  occurred_at: Date;
}

/**
 * Catch-up: the events of `stream` after `after`, in order — or `snapshotRequired` when the
 * client is further behind than `CATCH_UP_LIMIT`, the log no longer holds what it missed, or it
 * claims a sequence the branch never reached (a restored database, another server's data).
 */
export async function readEventsAfter(
  em: EntityManager,
  branchId: string,
  stream: BranchStream,
  after: number,
): Promise<CatchUpView> {
  const latest = await latestSeq(em, branchId, stream);
  if (after === latest) {
    return { events: [], latestSeq: latest, snapshotRequired: false };
  }
  if (after > latest || latest - after > CATCH_UP_LIMIT) {
    return { events: [], latestSeq: latest, snapshotRequired: true };
  }
  const column = stream === 'floor' ? 'seq' : 'kitchen_seq';
  const rows = await selectRows<EventRow>(
    em,
    `select seq, kitchen_seq, type, payload, occurred_at from branch_events
      where branch_id = ? and ${column} > ? order by ${column} limit ?`,
    [branchId, after, CATCH_UP_LIMIT],
  );
  const events = rows.map((row) =>
    BranchEvent.parse({
      branchId,
      seq: Number(row.seq),
      kitchenSeq: row.kitchen_seq === null ? null : Number(row.kitchen_seq),
      at: new Date(row.occurred_at).toISOString(),
      type: row.type,
      payload: row.payload,
    }),
  );
  const first = events[0];
  const firstSeq = first ? (stream === 'floor' ? first.seq : first.kitchenSeq) : null;
  if (firstSeq !== after + 1) {
    return { events: [], latestSeq: latest, snapshotRequired: true };
  }
  const last = events.at(-1)!;
  return {
    events,
    latestSeq: Math.max(latest, (stream === 'floor' ? last.seq : last.kitchenSeq) ?? 0),
    snapshotRequired: false,
  };
}
