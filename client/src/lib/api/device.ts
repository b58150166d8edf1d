import {
  DeviceSessionView,
  StaffPickView,
  type DeviceSessionView as DeviceSession,
  type PinSignInInput,
  type StaffPickView as StaffPick,
} from '@smartket/shared';
import { z } from 'zod';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/device';
const StaffPickList = z.array(StaffPickView);

/**
 * Pairs this browser to a branch with the owner's code (`abcd efgh`, `ABCD-EFGH`…); the device
 * credential arrives as an HttpOnly cookie. Throws `PAIRING_CODE_INVALID` / `_EXPIRED` / `_USED`.
 */
export function pairDevice(code: string, options?: RequestOptions): Promise<DeviceSession> {
  return api.post(`${BASE}/pair`, { code }, DeviceSessionView, options);
}

/**
 * What this paired device is and who is signed in on it. Throws `DEVICE_NOT_PAIRED` (no or an
 * unknown credential) or `DEVICE_REVOKED` (the owner unpaired it).
 */
export function fetchDevice(options?: RequestOptions): Promise<DeviceSession> {
  return api.get(BASE, DeviceSessionView, options);
}

/** The names on the PIN screen: active staff of the device's branch, with any lockout here. */
export function listDeviceStaff(options?: RequestOptions): Promise<StaffPick[]> {
  return api.get(`${BASE}/staff`, StaffPickList, options);
}

/**
 * Signs a staff member in with their PIN. Throws `INVALID_PIN` (details.attemptsLeft) or
 * `PIN_LOCKED` (details.lockedUntil, retryAfterSeconds).
 */
export function pinSignIn(input: PinSignInInput, options?: RequestOptions): Promise<DeviceSession> {
  return api.post(`${BASE}/sign-in`, input, DeviceSessionView, options);
}

/** Ends the PIN sign-in on this device; the device itself stays paired. */
export function deviceSignOut(options?: RequestOptions): Promise<void> {
  return api.postEmpty(`${BASE}/sign-out`, undefined, options);
}
