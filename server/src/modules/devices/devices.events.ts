import { rooms } from '@smartket/shared';
import type { Broadcast } from '../../realtime/broadcaster.ts';

/** The revoked device forgets its pairing; its sockets are told and dropped, and cannot come back. */
export function deviceRevoked(tenantId: string, deviceId: string): Broadcast<'devices.revoked'> {
  return {
    rooms: [rooms.device(tenantId, deviceId)],
    event: 'devices.revoked',
    payload: { deviceId },
    disconnect: true,
  };
}
