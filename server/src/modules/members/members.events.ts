import { rooms } from '@smartket/shared';
import type { Broadcast } from '../../realtime/broadcaster.ts';

/**
 * A removed member's sockets that were following this business (those of their sessions whose
 * active business it is) are told and dropped, so its live orders stop reaching them at once; the
 * client signs out on 'sessions.ended', and the session's next request to the business is a 404.
 * Null when none of their sessions was in it: nothing to send.
 */
export function membershipEnded(sessionIds: readonly string[]): Broadcast<'sessions.ended'> | null {
  if (sessionIds.length === 0) {
    return null;
  }
  return {
    rooms: sessionIds.map((id) => rooms.session(id)),
    event: 'sessions.ended',
    payload: { reason: 'expired' },
    disconnect: true,
  };
}
