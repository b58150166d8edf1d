import type { BranchEventOf } from '../sync/branch-events.ts';

/**
 * The one typed map of server → client events, `<resources>.<verb>`, shared by both sides.
 */
export interface ServerToClientEvents {
  /** The session behind this socket ended (logout elsewhere, expiry): the client signs out. */
  'sessions.ended': (payload: { reason: 'logout' | 'expired' }) => void;
  /** The owner revoked this device: it forgets its pairing and shows the pairing screen. */
  'devices.revoked': (payload: { deviceId: string }) => void;
  /**
   * The staff member signed in on this device was signed out by the server: the owner changed
   * their role, branches or PIN, or deactivated them. The device goes back to its PIN screen.
   */
  'staff_sessions.ended': (payload: { reason: 'changed' | 'deactivated' | 'signed_out' }) => void;

  // The branch event log (`sync/branch-events.ts`): each carries its envelope with `seq`.
  'orders.opened': (event: BranchEventOf<'orders.opened'>) => void;
  'orders.updated': (event: BranchEventOf<'orders.updated'>) => void;
  'orders.closed': (event: BranchEventOf<'orders.closed'>) => void;
  'sales.changed': (event: BranchEventOf<'sales.changed'>) => void;
  'tickets.created': (event: BranchEventOf<'tickets.created'>) => void;
  'tickets.updated': (event: BranchEventOf<'tickets.updated'>) => void;
  'kitchen.timing': (event: BranchEventOf<'kitchen.timing'>) => void;
}

/** Clients push nothing yet: mutations go through the HTTP API. */
export type ClientToServerEvents = Record<never, never>;
