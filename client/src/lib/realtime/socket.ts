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

/**
 * The branch whose live screens a signed-in owner or admin has open: named in the handshake so
 * the server joins that branch's rooms (after checking the user may see it). Devices never set
 * it: the server binds them to their own branch whatever they send.
 */
let watchedBranch: string | null = null;

/** Who hears the branch log and the socket's comings and goings, across socket replacements. */
export interface BranchListener {
  /** The socket (re)connected: anything sent while it was away must be caught up. */
  connected(): void;
  /** The socket dropped; Socket.IO retries by itself unless the server refused it. */
  disconnected(): void;
  /** One branch-log event as it came over the wire, to be checked by the listener. */
  event(event: unknown): void;
}

const branchListeners = new Set<BranchListener>();

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

function handshakeAuth(): SocketAuth {
  return watchedBranch ? { branchId: watchedBranch } : {};
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
    for (const listener of [...branchListeners]) {
      listener.connected();
    }
  });
  target.on('disconnect', () => {
    for (const listener of [...branchListeners]) {
      listener.disconnected();
    }
  });
  const relay = (event: unknown): void => {
    for (const listener of [...branchListeners]) {
      listener.event(event);
    }
  };
  for (const type of BRANCH_EVENT_TYPES) {
    target.on(type, relay);
  }
}

/**
 * Listens to the branch log on this tab's socket — the one open now and any opened later (a
 * sign-in, a tenant switch). `branchId` is for a signed-in user: the socket handshakes again
 * naming that branch when it named another (or none), and `connected` follows. Devices pass
 * null: their branch is theirs. Returns the function that stops listening.
 *
 * The last branch named stays in the handshake after the listener leaves, so going from the
 * tables to the kitchen of the same branch does not reconnect.
 */
export function listenToBranch(branchId: string | null, listener: BranchListener): () => void {
  branchListeners.add(listener);
  if (branchId && branchId !== watchedBranch) {
    watchedBranch = branchId;
    if (socket?.active) {
      // New rooms need a new handshake; `connected` fires once the server has joined them.
      socket.disconnect().connect();
    }
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
    for (const listener of [...branchListeners]) {
      listener.disconnected();
    }
  }
  connection.status = 'closed';
}
