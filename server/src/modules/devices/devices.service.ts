import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import {
  normalizePairingCode,
  PAIRING_CODE_MINUTES,
  permissionsOf,
  type DevicePatch,
  type PairingCodeInput,
  type Permission,
} from '@smartket/shared';
import { findOr404 } from '../../db/queries.ts';
import type { Clock } from '../../lib/clock.ts';
import { fieldError, notFound } from '../../lib/errors.ts';
import { normalizeName } from '../../lib/names.ts';
import { hashToken } from '../../lib/tokens.ts';
import type { Broadcaster } from '../../realtime/broadcaster.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { Branch } from '../branches/branch.entity.ts';
import { readBusinessProfile } from '../settings/settings.service.ts';
import { readStaffSettings } from '../staff/staff-settings.ts';
import { StaffSession } from '../staff/staff-session.entity.ts';
import { Staff } from '../staff/staff.entity.ts';
import { endStaffSessions } from '../staff/staff.service.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import { staffSessionIsLive } from './device-credentials.ts';
import { Device } from './device.entity.ts';
import { deviceRevoked } from './devices.events.ts';
import type { DeviceRecord, DeviceSession } from './devices.presenter.ts';
import { PairingCode } from './pairing-code.entity.ts';
import { newPairingCode } from './pairing-codes.ts';

/** The request an owner-side device change comes from. */
export interface DevicesScope {
  em: EntityManager;
  tenant: Tenant;
  actor: Actor;
}

/** The paired device a request comes from (`/api/device`), in its tenant's database. */
export interface DeviceScope {
  em: EntityManager;
  tenant: Tenant;
  device: Device;
}

// ---------------------------------------------------------------------------------------------
// The owner's list

/** Every device ever paired: in use first (newest pairing first), then the revoked ones. */
export async function listDevices(em: EntityManager, now: Date): Promise<DeviceRecord[]> {
  const devices = await em.find(Device, {});
  const time = (date: Date | null | undefined) => date?.getTime() ?? 0;
  devices.sort(
    (a, b) =>
      Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)) ||
      time(b.revokedAt) - time(a.revokedAt) ||
      time(b.pairedAt) - time(a.pairedAt),
  );
  return deviceRecords(em, devices, now);
}

/** Branch names and who is signed in, for any number of devices in four queries. */
async function deviceRecords(
  em: EntityManager,
  devices: readonly Device[],
  now: Date,
): Promise<DeviceRecord[]> {
  if (devices.length === 0) {
    return [];
  }
  const branches = await em.find(Branch, { id: { $in: [...new Set(devices.map((d) => d.branchId))] } });
  const { idleLockMinutes } = await readStaffSettings(em);
  const sessions = (await em.find(StaffSession, { deviceId: { $in: devices.map((d) => d.id) } })).filter(
    (session) => staffSessionIsLive(session, now, idleLockMinutes),
  );
  const staff =
    sessions.length > 0
      ? await em.find(Staff, { id: { $in: sessions.map((s) => s.staffId) }, active: true })
      : [];
  return devices.map((device) => {
    const session = device.revokedAt ? undefined : sessions.find((s) => s.deviceId === device.id);
    const person = session && staff.find((s) => s.id === session.staffId);
    return {
      device,
      branchName: branches.find((branch) => branch.id === device.branchId)?.name ?? '',
      signedInStaffName: person?.name ?? null,
    };
  });
}

async function deviceRecord(em: EntityManager, device: Device, now: Date): Promise<DeviceRecord> {
  const [record] = await deviceRecords(em, [device], now);
  if (!record) {
    throw new Error('a loaded device has no record');
  }
  return record;
}

// ---------------------------------------------------------------------------------------------
// Pairing codes

/** Tries before giving up on a fresh code: a clash among 31⁸ codes is already unlikely once. */
const CODE_ATTEMPTS = 3;

/**
 * A single-use code that pairs one device to an active branch, valid for a few minutes. It is
 * kept in the admin database (the device typing it does not know its tenant yet), hashed.
 */
export async function createPairingCode(
  { em, tenant, actor }: DevicesScope,
  adminEm: EntityManager,
  input: PairingCodeInput,
  now: Date,
): Promise<{ code: string; record: PairingCode }> {
  if (!(await em.count(Branch, { id: input.branchId, active: true }))) {
    throw fieldError('branchId', 'unknown_reference', 'Unknown or inactive branch');
  }
  for (let attempt = 1; ; attempt += 1) {
    const code = newPairingCode();
    const record = adminEm.create(PairingCode, {
      codeHash: hashToken(normalizePairingCode(code)),
      tenant: tenant.id,
      branchId: input.branchId,
      kind: input.kind,
      deviceName: normalizeName(input.name),
      createdBy: actor.kind === 'user' ? actor.id : null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PAIRING_CODE_MINUTES * 60_000),
      usedAt: null,
      deviceId: null,
    });
    try {
      await adminEm.flush();
      return { code, record };
    } catch (error) {
      adminEm.clear();
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= CODE_ATTEMPTS) {
        throw error;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Renaming and revoking

/** Renames a device ("Caja 1", "Celular de salón"); the audit log keeps the old name. */
export async function renameDevice(
  { em, actor }: DevicesScope,
  deviceId: string,
  patch: DevicePatch,
  now: Date,
): Promise<DeviceRecord> {
  const device = await em.transactional(async (tx) => {
    const found = await findOr404(tx, Device, deviceId, 'Device');
    const name = normalizeName(patch.name);
    if (found.name !== name) {
      recordAudit(
        tx,
        actor,
        {
          action: 'devices.renamed',
          entity: { type: 'device', id: found.id, label: name },
          before: { name: found.name },
          after: { name },
          branchId: found.branchId,
        },
        now,
      );
      found.name = name;
      await tx.flush();
    }
    return found;
  });
  return deviceRecord(em, device, now);
}

/**
 * Unpairs a device: its credential is refused from its next request, whoever was signed in on
 * it is signed out, and its open sockets are told and dropped. Revoking twice answers the same.
 */
export async function revokeDevice(
  { em, tenant, actor }: DevicesScope,
  deviceId: string,
  deps: { clock: Clock; broadcaster: Broadcaster },
): Promise<DeviceRecord> {
  const now = deps.clock.now();
  const { device, revoked } = await em.transactional(async (tx) => {
    // Locked, so that two revocations at once write one audit entry.
    const found = await tx.findOne(Device, { id: deviceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!found) {
      throw notFound('Device');
    }
    if (found.revokedAt) {
      return { device: found, revoked: false };
    }
    found.revokedAt = now;
    await endStaffSessions(tx, { deviceId });
    recordAudit(
      tx,
      actor,
      {
        action: 'devices.revoked',
        entity: { type: 'device', id: found.id, label: found.name },
        branchId: found.branchId,
      },
      now,
    );
    await tx.flush();
    return { device: found, revoked: true };
  });
  if (revoked) {
    deps.broadcaster.publish(deviceRevoked(tenant.id, device.id));
  }
  return deviceRecord(em, device, now);
}

// ---------------------------------------------------------------------------------------------
// The device's own view

/** What a device may do: its signed-in person's role, a kitchen screen's own, or nothing. */
function devicePermissions(device: Device, staff: Staff | null): Permission[] {
  if (staff) {
    return permissionsOf(staff.role);
  }
  return device.kind === 'kitchen_screen' ? permissionsOf('kitchen') : [];
}

/**
 * A device's own session: where it is, in which business, who is signed in on it, and the idle
 * lock its screen keeps (the tenant's setting, as the request read it).
 */
export async function loadDeviceSession(
  { em, tenant, device, idleLockMinutes }: DeviceScope & { idleLockMinutes: number },
  staff: Staff | null,
): Promise<DeviceSession> {
  const branch = await em.findOne(Branch, { id: device.branchId });
  const profile = await readBusinessProfile(em);
  return {
    device,
    branchName: branch?.name ?? '',
    tenant: { id: tenant.id, businessName: profile?.businessName ?? tenant.businessName },
    staff,
    permissions: devicePermissions(device, staff),
    idleLockMinutes,
  };
}
