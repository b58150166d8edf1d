import type { EntityManager } from '@mikro-orm/core';
import type { TenantLease, TenantOrmRegistry } from '../../db/tenant-orm.registry.ts';
import type { Clock } from '../../lib/clock.ts';
import { hashToken, randomToken, tokenMatches } from '../../lib/tokens.ts';
import { readStaffSettings } from '../staff/staff-settings.ts';
import { StaffSession } from '../staff/staff-session.entity.ts';
import { Staff } from '../staff/staff.entity.ts';
import type { TenantDatabaseLocator } from '../tenants/tenant-database.ts';
import { Tenant } from '../tenants/tenant.entity.ts';
import { Device } from './device.entity.ts';

export const DEVICE_COOKIE = 'smartket_device';
export const STAFF_COOKIE = 'smartket_staff';

/** Browsers cap cookie lifetimes at 400 days; the cookie is sent again as the device is used. */
export const DEVICE_COOKIE_DAYS = 400;
/** The longest a PIN sign-in lasts even when used all along: one long shift. */
const STAFF_SESSION_HOURS = 16;
/** Requests keep a staff session alive; the client locks on its own idle timer, this is the backstop. */
export const IDLE_GRACE_MS = 60_000;
/** Writing `last_active_at`/`last_seen_at` at most this often keeps reads from turning into writes. */
const TOUCH_EVERY_MS = 30_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new device credential: the cookie value, and the hash the database keeps. */
export function issueDeviceToken(tenantId: string, deviceId: string): { token: string; tokenHash: string } {
  const secret = randomToken(25);
  return { token: `${tenantId}.${deviceId}.${secret}`, tokenHash: hashToken(secret) };
}

/** `<tenantId>.<deviceId>.<secret>`, or null when the cookie is not shaped like one. */
export function parseDeviceToken(
  token: string,
): { tenantId: string; deviceId: string; secret: string } | null {
  const [tenantId, deviceId, secret, extra] = token.split('.');
  if (!tenantId || !deviceId || !secret || extra !== undefined || secret.length > 64) {
    return null;
  }
  if (!UUID.test(tenantId) || !UUID.test(deviceId)) {
    return null;
  }
  return { tenantId, deviceId, secret };
}

/** Starts a PIN sign-in of `staff` on `device`; returns the cookie value (never stored). */
export function issueStaffSession(
  em: EntityManager,
  input: { staffId: string; deviceId: string; branchId: string; now: Date },
): { token: string; session: StaffSession } {
  const id = randomToken(15);
  const secret = randomToken(20);
  const session = em.create(StaffSession, {
    id,
    secretHash: hashToken(secret),
    staffId: input.staffId,
    deviceId: input.deviceId,
    branchId: input.branchId,
    createdAt: input.now,
    lastActiveAt: input.now,
    expiresAt: new Date(input.now.getTime() + STAFF_SESSION_HOURS * 3_600_000),
  });
  return { token: `${id}.${secret}`, session };
}

/**
 * Whether a PIN sign-in still counts at `now`: within its one long shift, and not left idle
 * longer than the tenant's idle lock (plus a grace for the client's own timer to fire first).
 */
export function staffSessionIsLive(session: StaffSession, now: Date, idleLockMinutes: number): boolean {
  const idleMs = now.getTime() - session.lastActiveAt.getTime();
  return now < session.expiresAt && idleMs <= idleLockMinutes * 60_000 + IDLE_GRACE_MS;
}

export type DeviceRefusal = 'DEVICE_NOT_PAIRED' | 'DEVICE_REVOKED';

/** A paired device found from its cookie, with the tenant database it lives in (leased). */
export interface AuthenticatedDevice {
  tenant: Tenant;
  lease: TenantLease;
  device: Device;
  /** The PIN sign-in on this device, when there is a valid one. */
  signedIn: { session: StaffSession; staff: Staff } | null;
  /** Why a staff cookie that was sent no longer counts; the caller clears it. */
  staffCookieRefused: boolean;
  idleLockMinutes: number;
}

/**
 * Finds the device behind a device cookie (and the PIN sign-in behind a staff cookie), in the
 * tenant database the cookie names. The tenant id in the cookie only says where to look: the
 * secret must match the hash kept in that database, so naming another tenant finds nothing.
 * The caller must `release()` the lease it gets back.
 */
export class DeviceAuthenticator {
  private readonly registry: TenantOrmRegistry;
  private readonly locator: TenantDatabaseLocator;
  private readonly clock: Clock;

  constructor(deps: { registry: TenantOrmRegistry; locator: TenantDatabaseLocator; clock: Clock }) {
    this.registry = deps.registry;
    this.locator = deps.locator;
    this.clock = deps.clock;
  }

  /**
   * Runs `work` in the tenant's own database: pairing learns the tenant from the code, not from
   * a cookie, and creates the device there.
   */
  async inTenantDatabase<T>(tenant: Tenant, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.registry.withTenant(this.locator.locate(tenant), work);
  }

  /** The device, or why it is refused. `staffToken` is the staff cookie, when sent. */
  async authenticate(
    adminEm: EntityManager,
    deviceToken: string,
    staffToken: string | undefined,
  ): Promise<AuthenticatedDevice | DeviceRefusal> {
    const parsed = parseDeviceToken(deviceToken);
    if (!parsed) {
      return 'DEVICE_NOT_PAIRED';
    }
    const tenant = await adminEm.findOne(
      Tenant,
      { id: parsed.tenantId, status: 'active' },
      { populate: ['databasePasswordSealed'] },
    );
    if (!tenant) {
      return 'DEVICE_NOT_PAIRED';
    }
    const lease = await this.registry.lease(this.locator.locate(tenant));
    try {
      const device = await lease.em.findOne(Device, { id: parsed.deviceId }, { populate: ['tokenHash'] });
      if (!device || !tokenMatches(parsed.secret, device.tokenHash)) {
        lease.release();
        return 'DEVICE_NOT_PAIRED';
      }
      if (device.revokedAt) {
        lease.release();
        return 'DEVICE_REVOKED';
      }
      const now = this.clock.now();
      const { idleLockMinutes } = await readStaffSettings(lease.em);
      const signedIn = staffToken
        ? await this.signedInStaff(lease.em, device, staffToken, now, idleLockMinutes)
        : null;
      if (!device.lastSeenAt || now.getTime() - device.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        device.lastSeenAt = now;
      }
      await lease.em.flush();
      return {
        tenant,
        lease,
        device,
        signedIn,
        staffCookieRefused: staffToken !== undefined && signedIn === null,
        idleLockMinutes,
      };
    } catch (error) {
      lease.release();
      throw error;
    }
  }

  /** The staff session of a staff cookie on this device, unless it is forged, idle or over. */
  private async signedInStaff(
    em: EntityManager,
    device: Device,
    token: string,
    now: Date,
    idleLockMinutes: number,
  ): Promise<{ session: StaffSession; staff: Staff } | null> {
    const [id, secret, extra] = token.split('.');
    if (!id || !secret || extra !== undefined || id.length > 32) {
      return null;
    }
    const session = await em.findOne(StaffSession, { id });
    if (!session || session.deviceId !== device.id || !tokenMatches(secret, session.secretHash)) {
      return null;
    }
    const staff = await em.findOne(Staff, { id: session.staffId, active: true });
    if (
      !staff ||
      session.branchId !== device.branchId ||
      !staffSessionIsLive(session, now, idleLockMinutes)
    ) {
      em.remove(session);
      return null;
    }
    if (now.getTime() - session.lastActiveAt.getTime() > TOUCH_EVERY_MS) {
      session.lastActiveAt = now;
    }
    return { session, staff };
  }
}
