import { PairDeviceInput, PinSignInInput } from '@smartket/shared';
import { Router, type Response } from 'express';
import { limitAuthAttempts, type RateLimiter } from '../../http/middleware/rate-limit.ts';
import { clearCredentialCookie, readCookie, setCredentialCookie } from '../../http/middleware/session.ts';
import { deviceContext } from '../../http/middleware/tenant-context.ts';
import { EmptyBody, inputOf, validate } from '../../http/middleware/validate.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { AppError } from '../../lib/errors.ts';
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_DAYS,
  STAFF_COOKIE,
  type DeviceAuthenticator,
} from './device-credentials.ts';
import { presentDeviceSession, presentStaffPick } from './devices.presenter.ts';
import { loadDeviceSession, type DeviceScope } from './devices.service.ts';
import { pairDevice } from './pairing.service.ts';
import { listStaffPicks, signInWithPin, signOutOfDevice } from './pin-sign-in.service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `/api/device`: pairing (public, rate-limited per IP) and what a paired device does on its own
 * credential — say what it is, list who may sign in on it, and sign people in and out by PIN.
 */
export function deviceRoutes(
  deps: TenantModuleDeps & {
    devices: DeviceAuthenticator;
    limiters: { perIp: RateLimiter; perEmail: RateLimiter };
  },
): Router {
  const router = Router();
  const onDevice = deviceContext({ devices: deps.devices });

  router.post(
    '/pair',
    limitAuthAttempts('pair', deps.limiters),
    validate(PairDeviceInput),
    async (req, res) => {
      const now = deps.clock.now();
      const { token, session } = await pairDevice(
        res.locals.adminEm,
        deps.devices,
        inputOf(res, PairDeviceInput).code,
        now,
      );
      setCredentialCookie(
        req,
        res,
        DEVICE_COOKIE,
        token,
        new Date(now.getTime() + DEVICE_COOKIE_DAYS * DAY_MS),
      );
      clearCredentialCookie(req, res, STAFF_COOKIE);
      res.status(201).json(presentDeviceSession(session));
    },
  );

  router.get('/', onDevice, async (req, res) => {
    const scope = deviceScope(res);
    // Sent again on every visit: a device in daily use never reaches the cookie's end.
    const token = readCookie(req.get('cookie'), DEVICE_COOKIE);
    if (token) {
      const expires = new Date(deps.clock.now().getTime() + DEVICE_COOKIE_DAYS * DAY_MS);
      setCredentialCookie(req, res, DEVICE_COOKIE, token, expires);
    }
    const staff = res.locals.signedInStaff?.staff ?? null;
    res.json(presentDeviceSession(await loadDeviceSession(scope, staff)));
  });

  router.get('/staff', onDevice, async (_req, res) => {
    const picks = await listStaffPicks(deviceScope(res), deps.clock.now());
    res.json(picks.map(({ staff, lockedUntil }) => presentStaffPick(staff, lockedUntil)));
  });

  router.post('/sign-in', onDevice, validate(PinSignInInput), async (req, res) => {
    const scope = deviceScope(res);
    const { staff, token, session } = await signInWithPin(scope, inputOf(res, PinSignInInput), deps);
    setCredentialCookie(req, res, STAFF_COOKIE, token, session.expiresAt);
    res.json(presentDeviceSession(await loadDeviceSession(scope, staff)));
  });

  router.post('/sign-out', onDevice, validate(EmptyBody), async (req, res) => {
    await signOutOfDevice(deviceScope(res), res.locals.signedInStaff?.session, deps.broadcaster);
    clearCredentialCookie(req, res, STAFF_COOKIE);
    res.status(204).end();
  });

  return router;
}

/** What `deviceContext` resolved: the paired device, its tenant database and the idle lock. */
function deviceScope(res: Response): DeviceScope & { idleLockMinutes: number } {
  const { tenant, tenantEm, device, idleLockMinutes } = res.locals;
  if (!tenant || !tenantEm || !device || idleLockMinutes === undefined) {
    throw new AppError('DEVICE_NOT_PAIRED', 401, 'This device is not paired');
  }
  return { em: tenantEm, tenant, device, idleLockMinutes };
}
