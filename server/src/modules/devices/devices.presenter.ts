import type {
  DeviceSessionView,
  DeviceView,
  PairingCodeView,
  Permission,
  StaffPickView,
} from '@smartket/shared';
import type { Staff } from '../staff/staff.entity.ts';
import type { Device } from './device.entity.ts';
import type { PairingCode } from './pairing-code.entity.ts';
import { formatPairingCode } from './pairing-codes.ts';

/** A paired device with the names the owner's list shows next to it. */
export interface DeviceRecord {
  device: Device;
  branchName: string;
  /** Who is signed in on it now with a live PIN sign-in, if anyone. */
  signedInStaffName: string | null;
}

export function presentDevice({ device, branchName, signedInStaffName }: DeviceRecord): DeviceView {
  return {
    id: device.id,
    name: device.name,
    kind: device.kind,
    branchId: device.branchId,
    branchName,
    pairedAt: device.pairedAt.toISOString(),
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    revokedAt: device.revokedAt?.toISOString() ?? null,
    signedInStaffName,
  };
}

/** The code shown once to the owner, with the link its QR holds. */
export function presentPairingCode(code: string, record: PairingCode, origin: string): PairingCodeView {
  const shown = formatPairingCode(code);
  return {
    code: shown,
    expiresAt: record.expiresAt.toISOString(),
    branchId: record.branchId,
    kind: record.kind,
    name: record.deviceName,
    pairUrl: `${origin}/emparejar?codigo=${encodeURIComponent(shown)}`,
  };
}

/** What a paired device knows about itself, where it is and who is signed in on it. */
export interface DeviceSession {
  device: Device;
  branchName: string;
  tenant: { id: string; businessName: string };
  staff: Staff | null;
  permissions: Permission[];
  idleLockMinutes: number;
}

export function presentDeviceSession(session: DeviceSession): DeviceSessionView {
  const { device, staff } = session;
  return {
    device: {
      id: device.id,
      name: device.name,
      kind: device.kind,
      branchId: device.branchId,
      branchName: session.branchName,
    },
    tenant: session.tenant,
    staff: staff ? { id: staff.id, name: staff.name, role: staff.role } : null,
    permissions: session.permissions,
    idleLockMinutes: session.idleLockMinutes,
  };
}

/** A name button on the PIN screen; `lockedUntil` is the lockout on this device, if in force. */
export function presentStaffPick(staff: Staff, lockedUntil: Date | null): StaffPickView {
  return {
    id: staff.id,
    name: staff.name,
    role: staff.role,
    lockedUntil: lockedUntil?.toISOString() ?? null,
  };
}
