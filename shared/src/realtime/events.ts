/**
 * The one typed map of server → client events, `<resources>.<verb>`, shared by both sides.
 */
export interface ServerToClientEvents {
  /** The session behind this socket ended (logout elsewhere, expiry): the client signs out. */
  'sessions.ended': (payload: { reason: 'logout' | 'expired' }) => void;
}

/** Clients push nothing yet: mutations go through the HTTP API. */
export type ClientToServerEvents = Record<never, never>;
