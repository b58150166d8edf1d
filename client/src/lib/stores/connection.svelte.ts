/**
 * The state of this tab's one socket, for the screens that say whether they are live (the
 * kitchen). `connecting` before the first handshake, `retrying` after the connection dropped
 * (Socket.IO tries again on its own), `closed` when nothing is trying.
 */
export type ConnectionStatus = 'closed' | 'connecting' | 'connected' | 'retrying';

class ConnectionStore {
  status = $state<ConnectionStatus>('closed');
}

export const connection = new ConnectionStore();
