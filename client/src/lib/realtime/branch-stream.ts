import {
  BranchEvent,
  CATCH_UP_LIMIT,
  streamSeq,
  type BranchStream,
  type TolerantCatchUpView,
} from '@smartket/shared';

/** Where a stream stands, as the screens show it. */
export type FeedStatus = 'loading' | 'live' | 'catching_up' | 'offline' | 'error';

/** A stream's state and the sequence it is current to. */
export interface StreamSnapshot<State> {
  seq: number;
  state: State;
}

/** How a stream reads the server and folds events into its state. */
export interface StreamSource<State> {
  stream: BranchStream;
  branchId: string;
  /** The whole state and its sequence, read consistently (`GET …/floor`, `…/kitchen`). */
  loadSnapshot(): Promise<StreamSnapshot<State>>;
  /** What happened after `after`, in order (`GET …/events?after=`). */
  catchUp(after: number): Promise<TolerantCatchUpView>;
  /** The state after one event; never mutates `state`. */
  apply(state: State, event: BranchEvent): State;
  /** True when a failed read is a lost connection (retried), not a refusal (shown as an error). */
  isNetworkError(error: unknown): boolean;
}

/** What a stream tells the screen's store. */
export interface StreamObserver<State> {
  /** The state changed: a snapshot, the cache at start, or an applied event. */
  state(snapshot: StreamSnapshot<State>, cause: 'cache' | 'snapshot' | 'event'): void;
  /** An event was applied (after `state`), strictly in sequence order. */
  event(event: BranchEvent): void;
  status(status: FeedStatus): void;
  /** The server was heard: a snapshot, a catch-up or a live event. */
  synced(at: Date): void;
}

export interface StreamTiming {
  /** How long a hole in the live sequence may wait for the missing event before catching up. */
  gapWaitMs: number;
  /** First wait before reading again after a failed read; it doubles up to `maxRetryMs`. */
  retryMs: number;
  maxRetryMs: number;
}

export const DEFAULT_STREAM_TIMING: StreamTiming = { gapWaitMs: 1000, retryMs: 1000, maxRetryMs: 30_000 };

/**
 * Keeps one stream (floor or kitchen) of one branch current. Live events are applied strictly in
 * sequence order: an old or repeated one is ignored, the next one applied, one from further on
 * held until the hole is filled — and if it is not within `gapWaitMs`, the missed events are
 * read over HTTP. Every (re)connection of the socket catches up from the last applied sequence;
 * a client too far behind loads the snapshot again. Only one read runs at a time, and events
 * arriving meanwhile wait for it.
 */
export class BranchStreamSync<State> {
  readonly #source: StreamSource<State>;
  readonly #observer: StreamObserver<State>;
  readonly #timing: StreamTiming;

  #state: State | null = null;
  #seq = 0;
  /** Events from after a hole, by their stream sequence. */
  readonly #held = new Map<number, BranchEvent>();
  #connected = false;
  #closed = false;
  #status: FeedStatus = 'loading';
  /** How the last read failed, until one succeeds. */
  #failure: 'network' | 'refused' | null = null;
  #reading: Promise<void> | null = null;
  /** Another read was asked for while one ran: the state may have moved on since it started. */
  #readAgain = false;
  #gapTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryDelay: number;

  constructor(source: StreamSource<State>, observer: StreamObserver<State>, timing = DEFAULT_STREAM_TIMING) {
    this.#source = source;
    this.#observer = observer;
    this.#timing = timing;
    this.#retryDelay = timing.retryMs;
  }

  get seq(): number {
    return this.#seq;
  }

  get status(): FeedStatus {
    return this.#status;
  }

  /**
   * Starts from what this device kept (shown at once, even offline), then reads the server:
   * the events after the kept sequence, or the snapshot when nothing was kept.
   */
  start(cached: StreamSnapshot<State> | null): Promise<void> {
    if (cached) {
      this.#state = cached.state;
      this.#seq = cached.seq;
      this.#observer.state(cached, 'cache');
    }
    return this.read();
  }

  /** The socket (re)connected: catch up on what it may have missed. */
  connected(): void {
    if (this.#closed) {
      return;
    }
    this.#connected = true;
    this.#retryDelay = this.#timing.retryMs;
    void this.read();
  }

  /** The socket dropped: no longer live until it is back and caught up. */
  disconnected(): void {
    if (this.#closed) {
      return;
    }
    this.#connected = false;
    this.#updateStatus();
  }

  /** One event as it came from the socket. */
  receive(raw: unknown): void {
    if (this.#closed) {
      return;
    }
    const parsed = BranchEvent.safeParse(raw);
    if (!parsed.success) {
      // Something arrived that cannot be applied: read what the log really holds.
      void this.read();
      return;
    }
    const event = parsed.data;
    if (event.branchId !== this.#source.branchId) {
      return;
    }
    const seq = streamSeq(event, this.#source.stream);
    if (seq === null || seq <= this.#seq) {
      return;
    }
    this.#held.set(seq, event);
    if (this.#reading || this.#state === null) {
      // The read in flight decides where the stream stands; the event waits for it.
      return;
    }
    this.#observer.synced(new Date());
    this.#applyHeld();
    if (this.#held.size > CATCH_UP_LIMIT) {
      void this.read();
    }
  }

  /** Reads the server now (a screen's "Reintentar", or an event that could not be parsed). */
  read(): Promise<void> {
    if (this.#closed) {
      return Promise.resolve();
    }
    if (this.#reading) {
      this.#readAgain = true;
      return this.#reading;
    }
    this.#clearTimer('retry');
    this.#reading = this.#readOnce().finally(() => {
      this.#reading = null;
      if (this.#readAgain && !this.#closed) {
        this.#readAgain = false;
        void this.read();
        return;
      }
      this.#updateStatus();
    });
    this.#updateStatus();
    return this.#reading;
  }

  close(): void {
    this.#closed = true;
    this.#clearTimer('gap');
    this.#clearTimer('retry');
    this.#held.clear();
  }

  async #readOnce(): Promise<void> {
    try {
      if (this.#state === null) {
        await this.#loadSnapshot();
      } else {
        const missed = await this.#source.catchUp(this.#seq);
        if (this.#closed) {
          return;
        }
        if (missed.snapshotRequired || missed.events.includes(null)) {
          await this.#loadSnapshot();
        } else {
          for (const event of missed.events.filter((readable) => readable !== null)) {
            const seq = streamSeq(event, this.#source.stream);
            if (seq !== null && seq > this.#seq) {
              this.#held.set(seq, event);
            }
          }
          const reached = Math.max(this.#seq, ...this.#held.keys());
          if (missed.latestSeq > reached) {
            // An answer cut short: read on from where it stopped.
            this.#readAgain = true;
          }
        }
      }
      if (this.#closed) {
        return;
      }
      this.#failure = null;
      this.#retryDelay = this.#timing.retryMs;
      this.#observer.synced(new Date());
      this.#applyHeld();
    } catch (error) {
      if (this.#closed) {
        return;
      }
      this.#failure = this.#source.isNetworkError(error) ? 'network' : 'refused';
      this.#scheduleRetry();
    }
  }

  async #loadSnapshot(): Promise<void> {
    const snapshot = await this.#source.loadSnapshot();
    if (this.#closed) {
      return;
    }
    this.#state = snapshot.state;
    this.#seq = snapshot.seq;
    for (const seq of this.#held.keys()) {
      if (seq <= snapshot.seq) {
        this.#held.delete(seq);
      }
    }
    this.#observer.state(snapshot, 'snapshot');
  }

  /** Applies the held events that follow on without a hole; waits for a hole to fill. */
  #applyHeld(): void {
    for (const seq of [...this.#held.keys()]) {
      if (seq <= this.#seq) {
        this.#held.delete(seq);
      }
    }
    let next = this.#held.get(this.#seq + 1);
    while (next && this.#state !== null) {
      this.#held.delete(this.#seq + 1);
      this.#state = this.#source.apply(this.#state, next);
      this.#seq += 1;
      this.#observer.state({ seq: this.#seq, state: this.#state }, 'event');
      this.#observer.event(next);
      if (this.#closed) {
        return;
      }
      next = this.#held.get(this.#seq + 1);
    }
    if (this.#held.size === 0) {
      this.#clearTimer('gap');
    } else {
      this.#waitForGap();
    }
  }

  /** A hole in the sequence: give the missing event a moment to arrive, then read it. */
  #waitForGap(): void {
    if (this.#gapTimer) {
      return;
    }
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = null;
      if (this.#held.size > 0) {
        void this.read();
      }
    }, this.#timing.gapWaitMs);
  }

  #scheduleRetry(): void {
    this.#clearTimer('retry');
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(this.#retryDelay * 2, this.#timing.maxRetryMs);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.read();
    }, delay);
  }

  #clearTimer(which: 'gap' | 'retry'): void {
    const timer = which === 'gap' ? this.#gapTimer : this.#retryTimer;
    if (timer) {
      clearTimeout(timer);
    }
    if (which === 'gap') {
      this.#gapTimer = null;
    } else {
      this.#retryTimer = null;
    }
  }

  #updateStatus(): void {
    if (this.#closed) {
      return;
    }
    let status: FeedStatus;
    if (this.#reading) {
      status = this.#state === null ? 'loading' : 'catching_up';
    } else if (this.#failure === 'refused') {
      status = 'error';
    } else if (this.#failure === 'network' || !this.#connected) {
      status = 'offline';
    } else {
      status = 'live';
    }
    if (status !== this.#status) {
      this.#status = status;
      this.#observer.status(status);
    }
  }
}
