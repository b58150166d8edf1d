import 'fake-indexeddb/auto';
import type { CatchUpView, FloorSnapshotView } from '@smartket/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDb, type SmartketDb } from '../offline/db.ts';
import { BRANCH, TENANT, orderOpened, orderView } from '../testing/fixtures.ts';
import { openFloorFeed, type FeedDeps, type FloorFeed } from './branch-feed.svelte.ts';
import type { BranchListener } from './socket.ts';

let dbCount = 0;
let database: SmartketDb;
let listeners: { branchId: string | null; listener: BranchListener }[];
let requests: string[];
/** What the fake server answers per path; a missing path is a dropped connection. */
let answers: Map<string, unknown>;
let feeds: FloorFeed[];

function deps(isUser: boolean): FeedDeps {
  return {
    database: () => database,
    listen: (branchId, listener) => {
      listeners.push({ branchId, listener });
      return () => undefined;
    },
    isUser: () => isUser,
    timing: { gapWaitMs: 1000, retryMs: 60_000, maxRetryMs: 60_000 },
  };
}

function open(isUser = false): FloorFeed {
  const feed = openFloorFeed(TENANT, BRANCH, deps(isUser));
  feeds.push(feed);
  return feed;
}

beforeEach(() => {
  dbCount += 1;
  database = createDb(`feed-test-${dbCount}`);
  listeners = [];
  requests = [];
  answers = new Map();
  feeds = [];
  vi.stubGlobal('fetch', (input: string | URL | Request) => {
    const path =
      typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
    requests.push(path);
    if (!answers.has(path)) {
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    return Promise.resolve(
      new Response(JSON.stringify(answers.get(path)), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
});

afterEach(async () => {
  for (const feed of feeds) {
    feed.close();
  }
  vi.unstubAllGlobals();
  database.close();
  await database.delete();
});

const floorPath = `/api/tenant/branches/${BRANCH}/floor`;

describe('openFloorFeed', () => {
  it('keeps the floor on the device and opens with it when the network is gone', async () => {
    const order = orderView({ number: 12 });
    const snapshot: FloorSnapshotView = { branchId: BRANCH, seq: 4, orders: [order] };
    answers.set(floorPath, snapshot);

    const online = open();
    await vi.waitFor(() => expect(online.orders.map((each) => each.id)).toEqual([order.id]));
    expect(online.seq).toBe(4);
    await vi.waitFor(async () =>
      expect((await database.snapshots.toArray()).map((row) => row.seq)).toEqual([4]),
    );
    online.close();

    // Next service, no network: the same floor, said to be offline, with when it was last heard.
    answers.clear();
    const offline = open();
    await vi.waitFor(() => expect(offline.status).toBe('offline'));
    expect(offline.orders.map((each) => each.number)).toEqual([12]);
    expect(offline.seq).toBe(4);
    expect(offline.lastSyncedAt).toBeInstanceOf(Date);
    // It asked for what came after its copy rather than the whole floor.
    expect(requests.at(-1)).toBe(`${floorPath}/events?after=4`);
  });

  it('catches up on each connection from its last sequence and applies live events after that', async () => {
    answers.set(floorPath, { branchId: BRANCH, seq: 2, orders: [] } satisfies FloorSnapshotView);
    const feed = open();
    await vi.waitFor(() => expect(listeners).toHaveLength(1));
    await vi.waitFor(() => expect(feed.seq).toBe(2));

    const missed = orderView();
    answers.set(`${floorPath}/events?after=2`, {
      events: [orderOpened(3, missed)],
      latestSeq: 3,
      snapshotRequired: false,
    } satisfies CatchUpView);
    listeners[0]?.listener.connected();
    await vi.waitFor(() => expect(feed.status).toBe('live'));
    expect(feed.orders.map((each) => each.id)).toEqual([missed.id]);

    const live = orderView({ openedAt: '2026-03-06T21:00:00.000Z' });
    listeners[0]?.listener.event(orderOpened(4, live));
    listeners[0]?.listener.event(orderOpened(3, missed));
    expect(feed.orders.map((each) => each.id)).toEqual([missed.id, live.id]);
    expect(feed.seq).toBe(4);
  });

  it('loads the floor again when catch-up brings an event type newer than this build, instead of sticking behind it', async () => {
    answers.set(floorPath, { branchId: BRANCH, seq: 2, orders: [] } satisfies FloorSnapshotView);
    const feed = open();
    await vi.waitFor(() => expect(listeners).toHaveLength(1));
    await vi.waitFor(() => expect(feed.seq).toBe(2));

    const opened = orderOpened(4, orderView());
    answers.set(`${floorPath}/events?after=2`, {
      events: [{ ...opened, seq: 3, type: 'tables.repainted', payload: { colour: 'verde' } }, opened],
      latestSeq: 4,
      snapshotRequired: false,
    });
    const current = orderView({ number: 7 });
    answers.set(floorPath, { branchId: BRANCH, seq: 4, orders: [current] } satisfies FloorSnapshotView);
    listeners[0]?.listener.connected();

    await vi.waitFor(() => expect(feed.seq).toBe(4));
    expect(feed.status).toBe('live');
    expect(feed.orders.map((each) => each.id)).toEqual([current.id]);
  });

  it('names the branch in the handshake for a signed-in owner, and nothing for a device', async () => {
    answers.set(floorPath, { branchId: BRANCH, seq: 0, orders: [] } satisfies FloorSnapshotView);
    open(true);
    open(false);
    await vi.waitFor(() => expect(listeners).toHaveLength(2));
    expect(listeners.map((each) => each.branchId).sort()).toEqual([BRANCH, null].sort());
  });
});
