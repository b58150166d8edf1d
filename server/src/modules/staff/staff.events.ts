import { rooms } from '@smartket/shared';
import type { Broadcast } from '../../realtime/broadcaster.ts';

export type StaffSessionEndReason = 'changed' | 'deactivated' | 'signed_out';

/**
 * The devices a person was signed in on go back to their PIN screen, and their sockets are
 * dropped so that they reconnect into the rooms of whoever signs in next. Null when no session
 * ended: nothing to send.
 */
export function staffSessionsEnded(
  tenantId: string,
  staffSessionIds: readonly string[],
  reason: StaffSessionEndReason,
): Broadcast<'staff_sessions.ended'> | null {
  if (staffSessionIds.length === 0) {
    return null;
  }
  return {
    rooms: staffSessionIds.map((id) => rooms.staffSession(tenantId, id)),
    event: 'staff_sessions.ended',
    payload: { reason },
    disconnect: true,
  };
}
