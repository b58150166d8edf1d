import type { BranchEvent, BranchStream, OrderView, TolerantCatchUpView } from '@smartket/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BRANCH,
  OTHER_BRANCH,
  orderOpened,
  orderUpdated,
  orderView,
  salesChanged,
  ticketCreated,
  ticketView,
} from '../testing/fixtures.ts';
import { BranchStreamSync, type FeedStatus, type StreamSnapshot } from './branch-stream.ts';

/** The state of these tests: the seqs applied, in the order they were applied. */
interface Applied {
  seqs: number[];
}

class NetworkDown extends Error {}

/**
 * A branch log on a fake server: `events` is everything committed; the snapshot is its state
 * at `snapshotSeq`; catch-up answers what came after, or snapshotRequired past `keep`.
 */
class FakeLog {
  events: BranchEvent[] = [];
  snapshotSeq = 0;
  keep = Number.POSITIVE_INFINITY;
  /** At most this many events per catch-up answer (a page), latestSeq still the log's last. */
  page = Number.POSITIVE_INFINITY;
  down = false;
  /** Seqs of events this build cannot read (a type added after it): catch-up answers null. */
  unreadable = new Set<number>();
  catchUps: number[] = [];
  snapshots = 0;

  constructor(readonly stream: BranchStream = 'floor') {}

  seqOf(event: BranchEvent): number | null {
    return this.stream === 'floor' ? event.seq : event.kitchenSeq;
  }

  loadSnapshot = (): Promise<StreamSnapshot<Applied>> => {
    this.snapshots += 1;
    if (this.down) {
      return Promise.reject(new NetworkDown());
    }
    return Promise.resolve({ seq: this.snapshotSeq, state: { seqs: [] } });
  };

  catchUp = (after: number): Promise<TolerantCatchUpView> => {
    this.catchUps.push(after);
    if (this.down) {
      return Promise.reject(new NetworkDown());
    }
    const missed = this.events.filter((event) => (this.seqOf(event) ?? 0) > after);
    const latestSeq = Math.max(0, ...this.events.map((event) => this.seqOf(event) ?? 0));
    if (latestSeq - after > this.keep) {
      this.snapshotSeq = latestSeq;
      return Promise.resolve({ events: [], latestSeq, snapshotRequired: true });
    }
    const events = missed.slice(0, this.page).map((event) => (this.unreadable.has(event.seq) ? null : event));
    return Promise.resolve({ events, latestSeq, snapshotRequired: false });
  };
}

function open(log: FakeLog) {
  const statuses: FeedStatus[] = [];
  const heard: number[] = [];
  let current: StreamSnapshot<Applied> | null = null;
  const sync = new BranchStreamSync<Applied>(
    {
      stream: log.stream,
      branchId: BRANCH,
      loadSnapshot: log.loadSnapshot,
      catchUp: log.catchUp,
      apply: (state, event) => ({ seqs: [...state.seqs, log.seqOf(event) ?? -1] }),
      isNetworkError: (error) => error instanceof NetworkDown,
    },
    {
      state: (snapshot) => {
        current = snapshot;
      },
      event: (event) => heard.push(log.seqOf(event) ?? -1),
      status: (status) => statuses.push(status),
      synced: () => undefined,
    },
    { gapWaitMs: 1000, retryMs: 1000, maxRetryMs: 8000 },
  );
  return {
    sync,
    statuses,
    heard,
    applied: () => current?.state.seqs ?? [],
  };
}

/** Floor events 1…n of one order, as the server committed them. */
function commit(log: FakeLog, count: number): BranchEvent[] {
  const order: OrderView = orderView();
  const start = log.events.length;
  for (let index = 1; index <= count; index += 1) {
    const seq = start + index;
    log.events.push(seq === 1 ? orderOpened(seq, order) : orderUpdated(seq, { ...order, number: seq }));
  }
  return log.events.slice(start);
}

function event(log: FakeLog, seq: number): BranchEvent {
  const found = log.events.find((candidate) => log.seqOf(candidate) === seq);
  if (!found) {
    throw new Error(`no event ${seq}`);
  }
  return found;
}

describe('BranchStreamSync', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies live events in sequence order and ignores repeats and old ones', async () => {
    const log = new FakeLog();
    const feed = open(log);
    await feed.sync.start(null);
    feed.sync.connected();
    await vi.runOnlyPendingTimersAsync();
    commit(log, 3);

    feed.sync.receive(event(log, 1));
    feed.sync.receive(event(log, 1));
    feed.sync.receive(event(log, 2));
    feed.sync.receive(event(log, 1));
    feed.sync.receive(event(log, 3));
    feed.sync.receive(event(log, 2));

    expect(feed.applied()).toEqual([1, 2, 3]);
    expect(feed.heard).toEqual([1, 2, 3]);
    expect(feed.sync.seq).toBe(3);
    expect(feed.sync.status).toBe('live');
  });

  it('holds an event after a hole and applies both in order when the missing one arrives', async () => {
    const log = new FakeLog();
    const feed = open(log);
    await feed.sync.start(null);
    feed.sync.connected();
    await vi.runOnlyPendingTimersAsync();
    const catchUpsBefore = log.catchUps.length;
    commit(log, 4);

    feed.sync.receive(event(log, 1));
    feed.sync.receive(event(log, 3));
    feed.sync.receive(event(log, 4));
    expect(feed.applied()).toEqual([1]);

    await vi.advanceTimersByTimeAsync(500);
    feed.sync.receive(event(log, 2));

    expect(feed.applied()).toEqual([1, 2, 3, 4]);
    await vi.advanceTimersByTimeAsync(2000);
    // The hole filled itself in time: no HTTP catch-up.
    expect(log.catchUps.length).toBe(catchUpsBefore);
  });

  it('reads the missing events over HTTP when a hole is not filled within a second', async () => {
    const log = new FakeLog();
    const feed = open(log);
    await feed.sync.start(null);
    feed.sync.connected();
    await vi.runOnlyPendingTimersAsync();
    commit(log, 4);

    feed.sync.receive(event(log, 1));
    // 2 and 3 were lost on the wire.
    feed.sync.receive(event(log, 4));
    await vi.advanceTimersByTimeAsync(900);
    expect(feed.applied()).toEqual([1]);

    await vi.advanceTimersByTimeAsync(200);
    expect(log.catchUps.at(-1)).toBe(1);
    expect(feed.applied()).toEqual([1, 2, 3, 4]);
    expect(feed.heard).toEqual([1, 2, 3, 4]);
    expect(feed.sync.status).toBe('live');
  });

  it('catches up from the last applied sequence on every (re)connection', async () => {
    const log = new FakeLog();
    const feed = open(log);
    await feed.sync.start(null);
    feed.sync.connected();
    await vi.runOnlyPendingTimersAsync();
    commit(log, 2);
    feed.sync.receive(event(log, 1));
    feed.sync.receive(event(log, 2));

    feed.sync.disconnected();
    expect(feed.sync.status).toBe('offline');
    commit(log, 3); // 3, 4, 5 happen while the socket is away

    feed.sync.connected();
    await vi.runOnlyPendingTimersAsync();

    expect(log.catchUps.at(-1)).toBe(2);
    expect(feed.applied()).toEqual([1, 2, 3, 4, 5]);
    expect(feed.sync.status).toBe('live');
  });

  it('lets live events that arrive during a catch-up wait for it, then applies each once', async () => {
    const log = new FakeLog();
    const feed = open(log);
    await feed.sync.start(null);
    commit(log, 3);

    feed.sync.connected(); // catch-up from 0 starts
    feed.sync.receive(event(log, 3));
    feed.sync.receive(event(log, 2));
    await vi.runOnlyPendingTimersAsync();

    expect(feed.applied()).toEqual([1, 2, 3]);
    expect(feed.heard).toEqual([1, 2, 3]);
  });

  it('loads the snapshot again when the server says it is too far behind', async () => {
    const log = new FakeLog();
    log.keep = 2;
    const feed = open(log);
    await feed.sync.start(null);
    expect(log.snapshots).toBe(1);
    commit(log, 5);
    feed.sync.receive(event(log, 5)); // a hole from 1 to 4

    await vi.advanceTimersByTimeAsync(1100);

    expect(log.snapshots).toBe(2);
    expect(feed.sync.seq).toBe(5);
    // The reloaded snapshot stands for 1…5: none of them is applied on top of it.
    expect(feed.applied()).toEqual([]);
    commit(log, 1);
    feed.sync.receive(event(log, 6));
    expect(feed.applied()).toEqual([6]);
  });

  it('starts from the device copy and catches up from its sequence, without a snapshot', async () => {
    const log = new FakeLog();
    commit(log, 4);
    const feed = open(log);

    await feed.sync.start({ seq: 2, state: { seqs: [1, 2] } });

    expect(log.snapshots).toBe(0);
    expect(log.catchUps).toEqual([2]);
    expect(feed.applied()).toEqual([1, 2, 3, 4]);
  });

  it('keeps the last known state offline and reads again with backoff until the network returns', async () => {
    const log = new FakeLog();
    commit(log, 2);
    log.down = true;
    const feed = open(log);

    await feed.sync.start({ seq: 1, state: { seqs: [1] } });
    expect(feed.sync.status).toBe('offline');
    expect(feed.applied()).toEqual([1]);

    await vi.advanceTimersByTimeAsync(1000); // retry 1: still down
    expect(log.catchUps.length).toBe(2);
    log.down = false;
    await vi.advanceTimersByTimeAsync(2000); // retry 2, after a doubled wait
    expect(log.catchUps.length).toBe(3);
    expect(feed.applied()).toEqual([1, 2]);
  });

  it('ignores events of another branch', async () => {
    const log = new FakeLog();
    const feed = open(log);
    await feed.sync.start(null);
    feed.sync.receive(orderOpened(1, orderView({ branchId: OTHER_BRANCH }), OTHER_BRANCH));
    expect(feed.applied()).toEqual([]);
    expect(feed.sync.seq).toBe(0);
  });

  it('reads the log when a malformed event arrives instead of applying it', async () => {
    const log = new FakeLog();
    const feed = open(log);
    await feed.sync.start(null);
    commit(log, 1);
    feed.sync.receive({ type: 'orders.opened', seq: 1, branchId: BRANCH });
    await vi.runOnlyPendingTimersAsync();
    expect(feed.applied()).toEqual([1]);
  });

  it('reloads the snapshot when catch-up brings an event this build cannot read, instead of sticking behind it', async () => {
    const log = new FakeLog();
    const feed = open(log);
    await feed.sync.start(null);
    feed.sync.connected();
    await vi.runOnlyPendingTimersAsync();
    commit(log, 3);
    // Event 2 is of a type added after this app was built: its socket never hears it.
    log.unreadable.add(2);
    log.snapshotSeq = 3;

    feed.sync.receive(event(log, 1));
    feed.sync.receive(event(log, 3));
    await vi.advanceTimersByTimeAsync(1100);

    expect(log.catchUps).toEqual([0, 1]);
    expect(log.snapshots).toBe(2);
    expect(feed.sync.seq).toBe(3);
    // The snapshot stands for 2 and 3: neither is applied on top of it.
    expect(feed.applied()).toEqual([]);
    expect(feed.sync.status).toBe('live');
    commit(log, 1);
    feed.sync.receive(event(log, 4));
    expect(feed.applied()).toEqual([4]);
  });

  it('counts a kitchen stream by kitchenSeq and skips order events', async () => {
    const log = new FakeLog('kitchen');
    const feed = open(log);
    await feed.sync.start(null);
    feed.sync.connected();
    await vi.runOnlyPendingTimersAsync();
    const ticket = ticketView();
    const order = orderView();
    log.events.push(
      orderOpened(1, order),
      ticketCreated(2, 1, ticket),
      orderUpdated(3, order),
      ticketCreated(4, 2, ticketView()),
    );

    for (const each of log.events) {
      feed.sync.receive(each);
    }

    expect(feed.applied()).toEqual([1, 2]);
    expect(feed.sync.seq).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(log.catchUps.length).toBe(1); // only the connection's: no hole was seen
  });

  it('counts a sales event on the floor in sequence, with no snapshot or catch-up for it, and skips it on the kitchen', async () => {
    for (const stream of ['floor', 'kitchen'] as const) {
      const log = new FakeLog(stream);
      const feed = open(log);
      await feed.sync.start(null);
      feed.sync.connected();
      await vi.runOnlyPendingTimersAsync();
      const order = orderView();
      log.events.push(
        orderOpened(1, order),
        salesChanged(2, order.id, 'voided'),
        ticketCreated(3, 1, ticketView()),
        salesChanged(4, order.id, 'completed'),
      );

      for (const each of log.events) {
        feed.sync.receive(each);
      }
      await vi.advanceTimersByTimeAsync(2000);

      expect({ stream, applied: feed.applied(), seq: feed.sync.seq }).toEqual(
        stream === 'floor' ? { stream, applied: [1, 2, 3, 4], seq: 4 } : { stream, applied: [1], seq: 1 },
      );
      expect({ stream, snapshots: log.snapshots, catchUps: log.catchUps.length }).toEqual({
        stream,
        snapshots: 1,
        catchUps: 1, // the connection's only: nothing unreadable, no hole
      });
    }
  });

  it('reads on when a catch-up answer stops short of the latest sequence', async () => {
    const log = new FakeLog();
    log.page = 2;
    const feed = open(log);
    await feed.sync.start(null);
    commit(log, 5);

    feed.sync.connected();
    await vi.runOnlyPendingTimersAsync();

    expect(log.catchUps).toEqual([0, 2, 4]);
    expect(feed.applied()).toEqual([1, 2, 3, 4, 5]);
  });
});
