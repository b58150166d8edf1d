import type { ClientToServerEvents, ServerToClientEvents } from '@smartket/shared';
import { io, type Socket } from 'socket.io-client';
import { connection } from '../stores/connection.svelte.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | undefined;

/**
 * The one Socket.IO connection of this tab, on the app's own origin. The handshake carries the
 * cookies — the owner's session, or a paired device's credential and its PIN sign-in — and the
 * server alone picks the rooms from them; the client never names one. Browser only.
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
  socket = io({ path: '/socket.io', withCredentials: true });
  followStatus(socket);
  return socket;
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

/**
 * Closes the connection and forgets it: the next `connectSocket()` handshakes again, so the
 * server re-evaluates the rooms (after a tenant switch, a new sign-in or a PIN sign-in).
 */
export function disconnectSocket(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = undefined;
  connection.status = 'closed';
}
