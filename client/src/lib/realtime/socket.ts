import {
  BRANCH_EVENT_TYPES,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketAuth,
} from '@smartket/shared';
import { io, type Socket } from 'socket.io-client';
import { connection } from '../stores/connection.svelte.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | undefined;

/** The branch named in the last handshake (null: none). */
let handshakeBranch: string | null = null;

/** Who hears the branch log and the socket's comings and goings, across socket replacements. */
export interface BranchListener {
  /** The socket (re)connected: anything sent while it was away must be caught up. */
  connected(): void;
  /** The socket dropped; Socket.IO retries by itself unless the server refused it. */
  disconnected(): void;
  /** One branch-log event as it came over the wire, to be checked by the listener. */
  event(event: unknown): void;
}

/**
 * Who listens, and the branch each names: a signed-in owner or admin names the branch whose live
 * screens are open, so the server joins that branch's rooms (after checking they may see it).
 * Devices name none: the server binds them to their own branch whatever they send.
 */
const branchListeners = new Map<BranchListener, string | null>();

/**
 * The one Socket.IO connection of this tab, on the app's own origin. The handshake carries the
 * cookies — the owner's session, or a paired device's credential and its PIN sign-in — and the
 * server alone picks the rooms from them; the client never names one (an owner only says which
 * of their branches they are looking at, see `listenToBranch`). Browser only.
 */
export function connectSocket(): AppSocket {
  if (socket) {
    if (socket.disconnected) {
      connection.status = 'connecting';
      socket.connect();
    }
    return socket;
  }
  connection.status = 'connecting';
  socket = io({
    path: '/socket.io',
    withCredentials: true,
    // Read on every (re)connection, so a reconnect after a drop names the branch watched now.
    auth: (send) => send(handshakeAuth()),
  });
  followStatus(socket);
  relayBranchLog(socket);
  return socket;
}

/** The branch the latest listener named, if any listener still names one. */
function wantedBranch(): string | null {
  return [...branchListeners.values()].filter((branchId) => branchId !== null).at(-1) ?? null;
}

function handshakeAuth(): SocketAuth {
  handshakeBranch = wantedBranch();
  return handshakeBranch ? { branchId: handshakeBranch } : {};
}

/** Keeps `connection.status` in step with the socket, for the screens that show it. */
function followStatus(target: AppSocket): void {
  target.on('connect', () => {
    connection.status = 'connected';
  });
  target.on('disconnect', () => {
    // A dropped transport is retried by Socket.IO; a disconnect by the server is not.
    connection.status = target.active ? 'retrying' : 'closed';
  });
  target.on('connect_error', () => {
    // A refused handshake (a dead session, a revoked device) is not retried either.
    connection.status = target.active ? 'retrying' : 'closed';
  });
}

/** Hands the branch log and the connection's changes of this socket to every branch listener. */
function relayBranchLog(target: AppSocket): void {
  target.on('connect', () => {
    for (const listener of [...branchListeners.keys()]) {
      listener.connected();
    }
  });
  target.on('disconnect', () => {
    for (const listener of [...branchListeners.keys()]) {
      listener.disconnected();
    }
  });
  const relay = (event: unknown): void => {
    for (const listener of [...branchListeners.keys()]) {
      listener.event(event);
    }
  };
  for (const type of BRANCH_EVENT_TYPES) {
    target.on(type, relay);
  }
}

/**
 * Listens to the branch log on this tab's socket — the one open now and any opened later (a
 * sign-in, a tenant switch). `branchId` is for a signed-in user: when the socket's handshake
 * named another branch (or none), it handshakes again naming this one, and `connected` follows.
 * Devices pass null. Returns the function that stops listening.
 *
 * A listener leaving does not reconnect: the rooms it asked for go with the next handshake, so
 * going from the tables to the kitchen of the same branch keeps the connection.
 */
export function listenToBranch(branchId: string | null, listener: BranchListener): () => void {
  branchListeners.set(listener, branchId);
  if (branchId && branchId !== handshakeBranch && socket?.active) {
    // New rooms need a new handshake; `connected` fires once the server has joined them.
    socket.disconnect().connect();
  } else if (socket?.connected) {
    queueMicrotask(() => {
      if (branchListeners.has(listener) && socket?.connected) {
        listener.connected();
      }
    });
  }
  return () => {
    branchListeners.delete(listener);
  };
}

/** Whether this tab's socket is connected now. */
export function socketConnected(): boolean {
  return socket?.connected ?? false;
}

/**
 * Closes the connection and forgets it: the next `connectSocket()` handshakes again, so the
 * server re-evaluates the rooms (after a tenant switch, a new sign-in or a PIN sign-in). Branch
 * listeners stay and hear the next socket.
 */
export function disconnectSocket(): void {
  const closing = socket;
  socket = undefined;
  if (closing) {
    closing.removeAllListeners();
    closing.disconnect();
    for (const listener of [...branchListeners.keys()]) {
      listener.disconnected();
    }
  }
  connection.status = 'closed';
}
