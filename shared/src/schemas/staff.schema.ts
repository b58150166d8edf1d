import { z } from 'zod';
import { STAFF_ROLES } from '../enums.ts';

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 6;

/** Why a PIN is too easy to guess: one digit repeated, or a straight run (1234, 9876). */
export function isTooSimplePin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((digit, index) => digit - (digits[index] ?? 0)));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0] ?? 99);
}

/** A 4–6 digit PIN that is not one digit repeated nor a straight run. */
export const Pin = z
  .string()
  .refine((pin) => /^\d{4,6}$/.test(pin), { params: { code: 'pin_format' } })
  .refine((pin) => !/^\d{4,6}$/.test(pin) || !isTooSimplePin(pin), { params: { code: 'pin_too_simple' } });

const StaffName = z.string().trim().min(1).max(60);
const BranchIds = z.array(z.uuid()).min(1).max(100);

export const StaffInput = z.strictObject({
  name: StaffName,
  role: z.enum(STAFF_ROLES),
  branchIds: BranchIds,
  pin: Pin,
});
export type StaffInput = z.infer<typeof StaffInput>;

/** Changing role or branches, or deactivating, signs the person out of every device. */
export const StaffPatch = z
  .strictObject({
    name: StaffName,
    role: z.enum(STAFF_ROLES),
    branchIds: BranchIds,
    active: z.boolean(),
  })
  .partial();
export type StaffPatch = z.infer<typeof StaffPatch>;

/** The owner sets a new PIN; it is never shown again, and it lifts a lockout. */
export const StaffPinInput = z.strictObject({ pin: Pin });
export type StaffPinInput = z.infer<typeof StaffPinInput>;

export const StaffView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  branchIds: z.array(z.uuid()),
  active: z.boolean(),
  /** Until when a PIN lockout on some device lasts, if one is in force now. */
  lockedUntil: z.iso.datetime().nullable(),
  lastSignInAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type StaffView = z.infer<typeof StaffView>;

export const IDLE_LOCK_MINUTES_DEFAULT = 5;

/** How long a signed-in staff member may leave a shared device untouched before it locks. */
export const StaffSettings = z.strictObject({
  idleLockMinutes: z.int().min(1).max(120),
});
export type StaffSettings = z.infer<typeof StaffSettings>;
