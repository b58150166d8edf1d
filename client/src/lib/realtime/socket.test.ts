import type { SocketAuth } from '@smartket/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BRANCH, OTHER_BRANCH, orderOpened, orderView } from '../testing/fixtures.ts';

type Handler = (...args: unknown[]) => void;

/** Just enough of a Socket.IO client socket: handlers, the handshake's auth, connect and drop. */
class FakeSocket {
  readonly handlers = new Map<string, Handler[]>();
  readonly handshakes: SocketAuth[] = [];
  connected = false;
  active = false;
  readonly #auth: (send: (auth: SocketAuth) => void) => void;

  constructor(options: { auth: (send: (auth: SocketAuth) => void) => void }) {
    this.#auth = options.auth;
    this.connect();
  }

  get disconnected(): boolean {
    return !this.connected;
  }

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) {
      handler(...args);
    }
  }

  connect(): this {
    this.active = true;
    this.#auth((auth) => this.handshakes.push(auth));
    return this;
  }

  /** The server let it in. */
  admit(): void {
    this.connected = true;
    this.fire('connect');
  }

  disconnect(): this {
    const was = this.connected;
    this.connected = false;
    this.active = false;
    if (was) {
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
}

const created = vi.hoisted(() => [] as unknown[]);

vi.mock('socket.io-client', () => ({
  io: (options: { auth: (send: (auth: SocketAuth) => void) => void }) => {
    const socket = new FakeSocket(options);
    created.push(socket);
    return socket;
  },
}));

const socketModule = await import('./socket.ts');
const { connectSocket, disconnectSocket } = socketModule;
const stops: (() => void)[] = [];

/** Listens for the test; stopped after it. */
function listenToBranch(...args: Parameters<typeof socketModule.listenToBranch>): () => void {
  const stop = socketModule.listenToBranch(...args);
  stops.push(stop);
  return stop;
}

function latest(): FakeSocket {
  const socket = created.at(-1);
  if (!(socket instanceof FakeSocket)) {
    throw new Error('no socket');
  }
  return socket;
}

function recorder() {
  const heard: string[] = [];
  return {
    heard,
    listener: {
      connected: () => heard.push('connected'),
      disconnected: () => heard.push('disconnected'),
      event: (event: unknown) => heard.push(`event:${(event as { seq: number }).seq}`),
    },
  };
}

afterEach(() => {
  for (const stop of stops.splice(0)) {
    stop();
  }
  disconnectSocket();
});

describe('listenToBranch', () => {
  it('names an owner’s branch in the handshake and hands the branch log over', () => {
    const { heard, listener } = recorder();
    const stop = listenToBranch(BRANCH, listener);
    connectSocket();
    const socket = latest();
    expect(socket.handshakes).toEqual([{ branchId: BRANCH }]);

    socket.admit();
    socket.fire('orders.opened', orderOpened(7, orderView()));
    expect(heard).toEqual(['connected', 'event:7']);
    stop();
    socket.fire('orders.opened', orderOpened(8, orderView()));
    expect(heard).toHaveLength(2);
  });

  it('handshakes again when the owner switches branch, so the server changes the rooms', async () => {
    const first = recorder();
    listenToBranch(BRANCH, first.listener);
    connectSocket();
    const socket = latest();
    socket.admit();

    const second = recorder();
    listenToBranch(OTHER_BRANCH, second.listener);
    expect(socket.handshakes).toEqual([{ branchId: BRANCH }, { branchId: OTHER_BRANCH }]);
    expect(second.heard).toEqual(['disconnected']);
    socket.admit();
    expect(second.heard).toEqual(['disconnected', 'connected']);

    // The same branch again: no new handshake; the listener is told the socket is up.
    const third = recorder();
    listenToBranch(OTHER_BRANCH, third.listener);
    expect(socket.handshakes).toHaveLength(2);
    await Promise.resolve();
    expect(third.heard).toEqual(['connected']);
  });

  it('keeps listeners across a new socket (a sign-in on the device) and a device names no branch', () => {
    const { heard, listener } = recorder();
    listenToBranch(null, listener);
    connectSocket();
    const before = latest();
    before.admit();
    disconnectSocket();
    connectSocket();
    const after = latest();
    expect(after).not.toBe(before);
    after.admit();
    after.fire('tickets.created', { seq: 3 });
    expect(heard).toEqual(['connected', 'disconnected', 'connected', 'event:3']);
    expect([...before.handshakes, ...after.handshakes]).toEqual([{}, {}]);
  });
});
