import { RequestContext } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { actingName } from '@smartket/shared';
import type { NextFunction, Request, Response } from 'express';
import type { TenantOrmRegistry } from '../../db/tenant-orm.registry.ts';
import { AppError, unauthenticated } from '../../lib/errors.ts';
import type { Actor } from '../../modules/auth/actor.ts';
import {
  DEVICE_COOKIE,
  STAFF_COOKIE,
  type AuthenticatedDevice,
  type DeviceAuthenticator,
} from '../../modules/devices/device-credentials.ts';
import type { Device } from '../../modules/devices/device.entity.ts';
import { Membership } from '../../modules/tenants/membership.entity.ts';
import type { Tenant } from '../../modules/tenants/tenant.entity.ts';
import type { TenantDatabaseLocator } from '../../modules/tenants/tenant-database.ts';
import { clearCredentialCookie, readCookie } from './session.ts';

export interface TenantContextDeps {
  registry: TenantOrmRegistry;
  locator: TenantDatabaseLocator;
  devices: DeviceAuthenticator;
  appDomain: string | undefined;
}

/**
 * Resolves who a tenant request acts as and runs the rest of it inside that tenant's database
 * context. An e-mail session wins (owners and admins may act on any device); else a paired
 * device's cookie, with the PIN sign-in on it or, for a kitchen screen, the device itself.
 * The tenant never comes from the body or the query.
 */
export function tenantContext(deps: TenantContextDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (res.locals.session) {
      await enterAsUser(req, res, next, deps);
      return;
    }
    const deviceToken = readCookie(req.get('cookie'), DEVICE_COOKIE);
    if (!deviceToken) {
      next(unauthenticated());
      return;
    }
    const found = await authenticateDevice(req, res, deps.devices, deviceToken);
    if (!found) {
      return next(deviceRefusedError(res));
    }
    const actor = actorOnDevice(found);
    if (!actor) {
      found.lease.release();
      next(
        new AppError('STAFF_SIGN_IN_REQUIRED', 401, 'Sign in with your PIN on this device', {
          details: { deviceId: found.device.id },
        }),
      );
      return;
    }
    enter(res, next, found.tenant, found.lease, actor, found.device);
  };
}

/**
 * For `/api/device/*`: the paired device behind the cookie, whoever is (or is not) signed in on
 * it. 401 `DEVICE_NOT_PAIRED` / `DEVICE_REVOKED` otherwise, with the cookie cleared.
 */
export function deviceContext(deps: { devices: DeviceAuthenticator }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const deviceToken = readCookie(req.get('cookie'), DEVICE_COOKIE);
    const found = deviceToken ? await authenticateDevice(req, res, deps.devices, deviceToken) : undefined;
    if (!found) {
      next(deviceRefusedError(res));
      return;
    }
    res.locals.signedInStaff = found.signedIn;
    res.locals.idleLockMinutes = found.idleLockMinutes;
    const actor = actorOnDevice(found);
    enter(res, next, found.tenant, found.lease, actor, found.device);
  };
}

async function enterAsUser(
  req: Request,
  res: Response,
  next: NextFunction,
  deps: TenantContextDeps,
): Promise<void> {
  const { session, adminEm, user } = res.locals;
  if (!session || !user) {
    next(unauthenticated());
    return;
  }
  const slug = subdomainSlug(req.get('host'), deps.appDomain);
  const tenantFilter = slug ? { slug } : session.activeTenant ? { id: session.activeTenant.id } : undefined;
  if (!tenantFilter) {
    next(new AppError('NO_ACTIVE_TENANT', 409, 'Choose a business first'));
    return;
  }
  const membership = await adminEm.findOne(
    Membership,
    { user: user.id, tenant: { ...tenantFilter, status: 'active' } },
    { populate: ['tenant', 'tenant.databasePasswordSealed'] },
  );
  if (!membership) {
    // Same answer whether the tenant exists or not: no probing of other businesses.
    next(new AppError('NOT_FOUND', 404, 'Business not found'));
    return;
  }
  const tenant = membership.tenant.getEntity();
  const lease = await deps.registry.lease(deps.locator.locate(tenant));
  res.locals.membership = membership;
  const actor: Actor = {
    kind: 'user',
    role: membership.role,
    id: user.id,
    // Signs what they do in the restaurant; their e-mail stays off tickets and receipts.
    name: actingName(user),
    branchId: null,
    device: null,
    sessionId: session.id,
  };
  enter(res, next, tenant, lease, actor, undefined);
}

/** Authenticates a device cookie; on refusal clears the cookies and remembers why in `res.locals`. */
async function authenticateDevice(
  req: Request,
  res: Response,
  devices: DeviceAuthenticator,
  deviceToken: string,
): Promise<AuthenticatedDevice | undefined> {
  const staffToken = readCookie(req.get('cookie'), STAFF_COOKIE);
  const found = await devices.authenticate(res.locals.adminEm, deviceToken, staffToken);
  if (typeof found === 'string') {
    clearCredentialCookie(req, res, DEVICE_COOKIE);
    clearCredentialCookie(req, res, STAFF_COOKIE);
    res.locals.deviceRefusal = found;
    return undefined;
  }
  if (found.staffCookieRefused) {
    clearCredentialCookie(req, res, STAFF_COOKIE);
  }
  return found;
}

function deviceRefusedError(res: Response): AppError {
  return res.locals.deviceRefusal === 'DEVICE_REVOKED'
    ? new AppError('DEVICE_REVOKED', 401, 'This device was unpaired by the owner')
    : new AppError('DEVICE_NOT_PAIRED', 401, 'This device is not paired');
}

/** The staff member signed in on the device; else the device itself when it is a kitchen kiosk. */
function actorOnDevice(found: AuthenticatedDevice): Actor | undefined {
  const { device, signedIn } = found;
  const acting = { id: device.id, name: device.name, kind: device.kind };
  if (signedIn) {
    return {
      kind: 'staff',
      role: signedIn.staff.role,
      id: signedIn.staff.id,
      name: signedIn.staff.name,
      branchId: device.branchId,
      device: acting,
      staffSessionId: signedIn.session.id,
    };
  }
  if (device.kind === 'kitchen_screen') {
    return {
      kind: 'device',
      role: 'kitchen',
      id: device.id,
      name: device.name,
      branchId: device.branchId,
      device: acting,
    };
  }
  return undefined;
}

function enter(
  res: Response,
  next: NextFunction,
  tenant: Tenant,
  lease: { em: EntityManager; release(): void },
  actor: Actor | undefined,
  device: Device | undefined,
): void {
  res.once('close', () => lease.release());
  res.locals.tenant = tenant;
  res.locals.tenantEm = lease.em;
  res.locals.actor = actor;
  res.locals.device = device;
  RequestContext.create(lease.em, next);
}

/** `pio` for `pio.smartket.pe` when APP_DOMAIN is `smartket.pe`; undefined otherwise. */
export function subdomainSlug(host: string | undefined, appDomain: string | undefined): string | undefined {
  if (!host || !appDomain) {
    return undefined;
  }
  const hostname = host.toLowerCase();
  const suffix = `.${appDomain.toLowerCase()}`;
  if (!hostname.endsWith(suffix)) {
    return undefined;
  }
  const slug = hostname.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(slug) && slug !== 'www' && slug !== 'app' ? slug : undefined;
}

export interface TenantScope {
  tenant: Tenant;
  /** Who the request acts as; every write records it in the audit log where it matters. */
  actor: Actor;
  /** The tenant database EntityManager of this request. */
  em: EntityManager;
}

/** What `tenantContext` resolved for this request; for handlers mounted behind it. */
export function tenantScope(res: Response): TenantScope {
  const { tenant, actor, tenantEm } = res.locals;
  if (!tenant || !actor || !tenantEm) {
    throw new AppError('NO_ACTIVE_TENANT', 409, 'Choose a business first');
  }
  return { tenant, actor, em: tenantEm };
}
