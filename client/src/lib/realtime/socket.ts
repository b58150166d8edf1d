import type { ClientToServerEvents, ServerToClientEvents } from '@smartket/shared';
import { io, type Socket } from 'socket.io-client';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | undefined;

/**
 * The one Socket.IO connection of this tab, on the app's own origin and authenticated by the
 * session cookie. The server picks its rooms; the client never names one. Browser only.
 */
export function connectSocket(): AppSocket {
  if (socket) {
    if (socket.disconnected) {
      socket.connect();
    }
    return socket;
  }
  socket = io({ path: '/socket.io', withCredentials: true });
  return socket;
}

/**
 * Closes the connection and forgets it: the next `connectSocket()` handshakes again, so the
 * server re-evaluates the rooms (after a tenant switch or a new sign-in).
 */
export function disconnectSocket(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = undefined;
}
