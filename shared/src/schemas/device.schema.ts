import { z } from 'zod';
import { DEVICE_KINDS, STAFF_ROLES } from '../enums.ts';
import { PERMISSIONS } from '../permissions.ts';

export const DeviceName = z.string().trim().min(1).max(60);

/** The owner asks for a code to pair a device to a branch, for one kind of use. */
export const PairingCodeInput = z.strictObject({
  branchId: z.uuid(),
  kind: z.enum(DEVICE_KINDS),
  name: DeviceName,
});
export type PairingCodeInput = z.infer<typeof PairingCodeInput>;

export const PAIRING_CODE_MINUTES = 10;

/** A code is 8 characters without look-alikes (no 0/O, 1/I/L), shown as `ABCD-EFGH`. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Upper-cases and drops spaces and dashes, so `abcd efgh` and `ABCD-EFGH` are the same code. */
export function normalizePairingCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export const PairingCodeView = z.object({
  /** Shown once, as `ABCD-EFGH`; only its hash is stored. */
  code: z.string(),
  expiresAt: z.iso.datetime(),
  branchId: z.uuid(),
  kind: z.enum(DEVICE_KINDS),
  name: z.string(),
  /** `{origin}/emparejar?codigo=ABCD-EFGH`, for the QR the device scans with its camera. */
  pairUrl: z.string(),
});
export type PairingCodeView = z.infer<typeof PairingCodeView>;

/** Sent by the device itself; it receives a long-lived credential in an HttpOnly cookie. */
export const PairDeviceInput = z.strictObject({
  code: z.string().max(20).transform(normalizePairingCode).pipe(z.string().length(8)),
});
export type PairDeviceInput = z.infer<typeof PairDeviceInput>;

export const DevicePatch = z.strictObject({ name: DeviceName });
export type DevicePatch = z.infer<typeof DevicePatch>;

export const DeviceView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(DEVICE_KINDS),
  branchId: z.uuid(),
  branchName: z.string(),
  pairedAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  /** Who is signed in on it now, if anyone. */
  signedInStaffName: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;

/** A name button on the PIN screen of a shared device. */
export const StaffPickView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  /** Set while this person is locked out on this device. */
  lockedUntil: z.iso.datetime().nullable(),
});
export type StaffPickView = z.infer<typeof StaffPickView>;

export const PinSignInInput = z.strictObject({
  staffId: z.uuid(),
  pin: z.string().refine((pin) => /^\d{4,6}$/.test(pin), { params: { code: 'pin_format' } }),
});
export type PinSignInInput = z.infer<typeof PinSignInInput>;

export const PIN_ATTEMPTS_BEFORE_LOCKOUT = 5;

/** `GET /api/device`: what a paired device is, where, and who is signed in on it. */
export const DeviceSessionView = z.object({
  device: z.object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(DEVICE_KINDS),
    branchId: z.uuid(),
    branchName: z.string(),
  }),
  tenant: z.object({ id: z.uuid(), businessName: z.string() }),
  staff: z
    .object({
      id: z.uuid(),
      name: z.string(),
      role: z.enum(STAFF_ROLES),
    })
    .nullable(),
  /** What this device may do now: the staff member's role, the kiosk's, or nothing. */
  permissions: z.array(z.enum(PERMISSIONS)),
  idleLockMinutes: z.int(),
});
export type DeviceSessionView = z.infer<typeof DeviceSessionView>;
