import {
  StaffSettings,
  StaffView,
  type StaffInput,
  type StaffPatch,
  type StaffPinInput,
  type StaffSettings as Settings,
  type StaffView as Staff,
} from '@smartket/shared';
import { z } from 'zod';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant/staff';
const StaffList = z.array(StaffView);

/** Everyone on the team who signs in with a PIN: active first, then by name. */
export function listStaff(options?: RequestOptions): Promise<Staff[]> {
  return api.get(BASE, StaffList, options);
}

/**
 * Adds a waiter, cashier or cook with their first PIN. Throws `ApiError` with `fields.name`
 * 'taken', `fields.pin` 'pin_too_simple', or 403 `PLAN_LIMIT_REACHED`.
 */
export function createStaff(input: StaffInput, options?: RequestOptions): Promise<Staff> {
  return api.post(BASE, input, StaffView, options);
}

/** Renames, changes role or branches, or (de)activates with `{ active }`; signs them out where it matters. */
export function updateStaff(id: string, patch: StaffPatch, options?: RequestOptions): Promise<Staff> {
  return api.patch(`${BASE}/${encodeURIComponent(id)}`, patch, StaffView, options);
}

/** Sets a new PIN (never shown again); it also lifts a lockout and ends their sessions. */
export function resetStaffPin(id: string, input: StaffPinInput, options?: RequestOptions): Promise<void> {
  return api.putEmpty(`${BASE}/${encodeURIComponent(id)}/pin`, input, options);
}

/** How long a shared device may stay untouched before it asks for the PIN again. */
export function fetchStaffSettings(options?: RequestOptions): Promise<Settings> {
  return api.get(`${BASE}/settings`, StaffSettings, options);
}

/** Saves the idle lock (1–120 minutes); shared devices pick it up on their next request. */
export function saveStaffSettings(settings: Settings, options?: RequestOptions): Promise<Settings> {
  return api.put(`${BASE}/settings`, settings, StaffSettings, options);
}
