import {
  FloorSnapshotView,
  KitchenSnapshotView,
  type BranchEvent,
  type BranchStream,
  type KitchenTimingView,
  type OrderView,
  type TicketView,
  type TolerantCatchUpView,
} from '@smartket/shared';
import { ApiError } from '../api/client.ts';
import { fetchKitchen, fetchKitchenEvents } from '../api/kitchen.ts';
import { fetchFloor, fetchFloorEvents } from '../api/orders.ts';
import { db, type SmartketDb } from '../offline/db.ts';
import { session } from '../stores/session.svelte.ts';
import {
  BranchStreamSync,
  DEFAULT_STREAM_TIMING,
  type FeedStatus,
  type StreamSnapshot,
  type StreamTiming,
} from './branch-stream.ts';
import {
  applyFloorEvent,
  applyKitchenEvent,
  floorFromOrders,
  kitchenFromSnapshot,
  type FloorState,
  type KitchenState,
} from './feed-state.ts';
import { listenToBranch, type BranchListener } from './socket.ts';

export type { FeedStatus } from './branch-stream.ts';

type EventListener = (event: BranchEvent) => void;

/** The live orders of one branch, kept current by its floor stream. Reactive. */
export interface FloorFeed {
  readonly status: FeedStatus;
  /** Server truth: the live orders of the branch, current to `seq`, oldest first. */
  readonly orders: OrderView[];
  readonly seq: number;
  /** When it last heard the server (for "actualizado hace 2 min" offline). */
  readonly lastSyncedAt: Date | null;
  /** Called after each event is applied, in seq order. Returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Called after the orders were replaced: the device's copy at start, a snapshot (first, or when too far behind). */
  onReset(listener: () => void): () => void;
  /** Reads the server now (a "Reintentar" after an error). */
  retry(): void;
  close(): void;
}

/** The kitchen screen of one branch, kept current by its kitchen stream. Reactive. */
export interface KitchenFeed {
  readonly status: FeedStatus;
  /** On screen, arrival order. */
  readonly tickets: TicketView[];
  /** Newest first, the last 10. */
  readonly recentlyBumped: TicketView[];
  readonly timing: KitchenTimingView;
  readonly seq: number;
  readonly lastSyncedAt: Date | null;
  onEvent(listener: EventListener): () => void;
  onReset(listener: () => void): () => void;
  retry(): void;
  close(): void;
}

/** What a feed needs from its surroundings; tests replace the network, socket and database. */
export interface FeedDeps {
  database: () => SmartketDb;
  /** Registers for the socket's branch log; `branchId` is named in the handshake when not null. */
  listen: (branchId: string | null, listener: BranchListener) => () => void;
  /** Whether this tab acts as a signed-in user (who names the branch) rather than a paired device. */
  isUser: () => boolean;
  timing: StreamTiming;
}

const defaultDeps: FeedDeps = {
  database: db,
  listen: listenToBranch,
  isUser: () => session.me !== null,
  timing: DEFAULT_STREAM_TIMING,
};

function isNetworkError(error: unknown): boolean {
  return !(error instanceof ApiError) || error.code === 'network' || error.status >= 500;
}

/** How a stream's state is read, folded, kept on the device and read back. */
interface StreamKind<State> {
  stream: BranchStream;
  load(branchId: string): Promise<StreamSnapshot<State>>;
  catchUp(branchId: string, after: number): Promise<TolerantCatchUpView>;
  apply(state: State, event: BranchEvent): State;
  /** The state as stored in Dexie (the snapshot view's shape). */
  store(branchId: string, snapshot: StreamSnapshot<State>): unknown;
  /** The stored state, or null when it no longer has the expected shape. */
  restore(data: unknown): StreamSnapshot<State> | null;
}

/** How long applied events may wait before the state is written to the device. */
const PERSIST_DELAY_MS = 300;

/**
 * One stream of one branch as reactive state: the device's copy at once, then the server's,
 * then live events in order (see `BranchStreamSync`), written back to the device as it goes.
 */
class LiveStream<State> {
  status = $state<FeedStatus>('loading');
  state = $state.raw<State | null>(null);
  seq = $state(0);
  lastSyncedAt = $state<Date | null>(null);

  readonly #listeners = new Set<EventListener>();
  readonly #resetListeners = new Set<() => void>();
  readonly #sync: BranchStreamSync<State>;
  readonly #kind: StreamKind<State>;
  readonly #tenantId: string;
  readonly #branchId: string;
  readonly #deps: FeedDeps;
  #stopListening: (() => void) | null = null;
  #persistTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(kind: StreamKind<State>, tenantId: string, branchId: string, deps: FeedDeps) {
    this.#kind = kind;
    this.#tenantId = tenantId;
    this.#branchId = branchId;
    this.#deps = deps;
    this.#sync = new BranchStreamSync<State>(
      {
        stream: kind.stream,
        branchId,
        loadSnapshot: () => kind.load(branchId),
        catchUp: (after) => kind.catchUp(branchId, after),
        apply: (state, event) => kind.apply(state, event),
        isNetworkError,
      },
      {
        state: (snapshot, cause) => {
          this.state = snapshot.state;
          this.seq = snapshot.seq;
          if (cause === 'event') {
            this.#persist(PERSIST_DELAY_MS);
            return;
          }
          if (cause === 'snapshot') {
            this.#persist(0);
          }
          for (const listener of [...this.#resetListeners]) {
            listener();
          }
        },
        event: (event) => {
          for (const listener of [...this.#listeners]) {
            listener(event);
          }
        },
        status: (status) => {
          this.status = status;
        },
        synced: (at) => {
          this.lastSyncedAt = at;
        },
      },
      deps.timing,
    );
    void this.#start();
  }

  async #start(): Promise<void> {
    const cached = await this.#readCache();
    if (this.#closed) {
      return;
    }
    if (cached) {
      this.lastSyncedAt = cached.syncedAt;
    }
    void this.#sync.start(cached?.snapshot ?? null);
    this.#stopListening = this.#deps.listen(this.#deps.isUser() ? this.#branchId : null, {
      connected: () => this.#sync.connected(),
      disconnected: () => this.#sync.disconnected(),
      event: (event) => this.#sync.receive(event),
    });
  }

  async #readCache(): Promise<{ snapshot: StreamSnapshot<State>; syncedAt: Date } | null> {
    try {
      const stored = await this.#deps
        .database()
        .snapshots.get([this.#tenantId, this.#branchId, this.#kind.stream]);
      const snapshot = stored ? this.#kind.restore(stored.data) : null;
      return stored && snapshot ? { snapshot, syncedAt: new Date(stored.syncedAt) } : null;
    } catch {
      // No IndexedDB (a private window, storage full): the server alone, as before.
      return null;
    }
  }

  #persist(delayMs: number): void {
    if (this.#persistTimer) {
      clearTimeout(this.#persistTimer);
    }
    this.#persistTimer = setTimeout(() => {
      this.#persistTimer = null;
      void this.#write();
    }, delayMs);
  }

  async #write(): Promise<void> {
    const state = this.state;
    if (state === null) {
      return;
    }
    try {
      await this.#deps.database().snapshots.put({
        tenantId: this.#tenantId,
        branchId: this.#branchId,
        stream: this.#kind.stream,
        seq: this.seq,
        data: this.#kind.store(this.#branchId, { seq: this.seq, state }),
        syncedAt: (this.lastSyncedAt ?? new Date()).toISOString(),
      });
    } catch {
      // Keeping a copy is a convenience: the live state is unaffected.
    }
  }

  onEvent(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  retry(): void {
    void this.#sync.read();
  }

  close(): void {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    this.#sync.close();
    this.#stopListening?.();
    this.#listeners.clear();
    this.#resetListeners.clear();
    if (this.#persistTimer) {
      clearTimeout(this.#persistTimer);
      this.#persistTimer = null;
      void this.#write();
    }
  }
}

const floorKind: StreamKind<FloorState> = {
  stream: 'floor',
  async load(branchId) {
    const snapshot = await fetchFloor(branchId);
    return { seq: snapshot.seq, state: floorFromOrders(snapshot.orders) };
  },
  catchUp: fetchFloorEvents,
  apply: applyFloorEvent,
  store: (branchId, snapshot): FloorSnapshotView => ({
    branchId,
    seq: snapshot.seq,
    orders: snapshot.state.orders,
  }),
  restore(data) {
    const parsed = FloorSnapshotView.safeParse(data);
    return parsed.success ? { seq: parsed.data.seq, state: floorFromOrders(parsed.data.orders) } : null;
  },
};

const kitchenKind: StreamKind<KitchenState> = {
  stream: 'kitchen',
  async load(branchId) {
    const snapshot = await fetchKitchen(branchId);
    return { seq: snapshot.seq, state: kitchenFromSnapshot(snapshot) };
  },
  catchUp: fetchKitchenEvents,
  apply: applyKitchenEvent,
  store: (branchId, snapshot): KitchenSnapshotView => ({
    branchId,
    seq: snapshot.seq,
    timing: snapshot.state.timing,
    tickets: snapshot.state.tickets,
    recentlyBumped: snapshot.state.recentlyBumped,
  }),
  restore(data) {
    const parsed = KitchenSnapshotView.safeParse(data);
    return parsed.success ? { seq: parsed.data.seq, state: kitchenFromSnapshot(parsed.data) } : null;
  },
};

const NO_ORDERS: OrderView[] = [];
const NO_TICKETS: TicketView[] = [];
const NO_TIMING: KitchenTimingView = { warnMinutes: 10, lateMinutes: 20 };

/**
 * The live orders of a branch for the waiter's map, the cashier and the owner's board: the
 * device's last copy at once (so it opens offline), then the server's, then every change live.
 */
export function openFloorFeed(tenantId: string, branchId: string, deps: FeedDeps = defaultDeps): FloorFeed {
  const live = new LiveStream(floorKind, tenantId, branchId, deps);
  return {
    get status() {
      return live.status;
    },
    get orders() {
      return live.state?.orders ?? NO_ORDERS;
    },
    get seq() {
      return live.seq;
    },
    get lastSyncedAt() {
      return live.lastSyncedAt;
    },
    onEvent: (listener) => live.onEvent(listener),
    onReset: (listener) => live.onReset(listener),
    retry: () => live.retry(),
    close: () => live.close(),
  };
}

/**
 * The kitchen screen of a branch: its tickets, the last bumped ones and the timing, kept current
 * by the kitchen stream (order events are not part of it).
 */
export function openKitchenFeed(
  tenantId: string,
  branchId: string,
  deps: FeedDeps = defaultDeps,
): KitchenFeed {
  const live = new LiveStream(kitchenKind, tenantId, branchId, deps);
  return {
    get status() {
      return live.status;
    },
    get tickets() {
      return live.state?.tickets ?? NO_TICKETS;
    },
    get recentlyBumped() {
      return live.state?.recentlyBumped ?? NO_TICKETS;
    },
    get timing() {
      return live.state?.timing ?? NO_TIMING;
    },
    get seq() {
      return live.seq;
    },
    get lastSyncedAt() {
      return live.lastSyncedAt;
    },
    onEvent: (listener) => live.onEvent(listener),
    onReset: (listener) => live.onReset(listener),
    retry: () => live.retry(),
    close: () => live.close(),
  };
}
