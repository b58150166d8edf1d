import { rooms } from '@smartket/shared';
import type { Broadcast } from '../../realtime/broadcaster.ts';

/** Every socket of an ended session is told, so other tabs sign out too. */
export function sessionEnded(sessionId: string, reason: 'logout' | 'expired'): Broadcast<'sessions.ended'> {
  return {
    rooms: [rooms.session(sessionId)],
    event: 'sessions.ended',
    payload: { reason },
    disconnect: true,
  };
}
