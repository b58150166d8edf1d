import {
  DeviceView,
  PairingCodeView,
  type DevicePatch,
  type DeviceView as Device,
  type PairingCodeInput,
  type PairingCodeView as PairingCode,
} from '@smartket/shared';
import { z } from 'zod';
import { api, type RequestOptions } from './client.ts';

const BASE = '/api/tenant/devices';
const DeviceList = z.array(DeviceView);

/** Every paired device: the ones in use first (newest pairing first), revoked ones after. */
export function listDevices(options?: RequestOptions): Promise<Device[]> {
  return api.get(BASE, DeviceList, options);
}

/**
 * A one-time code (and its QR link) that pairs the next device to open `/emparejar` with it, to
 * a branch and for one use. It lasts `PAIRING_CODE_MINUTES`; only the server's hash is kept.
 */
export function createPairingCode(input: PairingCodeInput, options?: RequestOptions): Promise<PairingCode> {
  return api.post(`${BASE}/pairing-codes`, input, PairingCodeView, options);
}

/** Renames a device in the owner's list; the device itself keeps working as it was. */
export function renameDevice(id: string, patch: DevicePatch, options?: RequestOptions): Promise<Device> {
  return api.patch(`${BASE}/${encodeURIComponent(id)}`, patch, DeviceView, options);
}

/** Unpairs a device: whoever is signed in on it is signed out at once, and it cannot come back. */
export function revokeDevice(id: string, options?: RequestOptions): Promise<Device> {
  return api.post(`${BASE}/${encodeURIComponent(id)}/revoke`, {}, DeviceView, options);
}
