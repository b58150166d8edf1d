import { Router } from 'express';
import type { RateLimiter } from '../../http/middleware/rate-limit.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import type { DeviceAuthenticator } from './device-credentials.ts';

/** `/api/device`: pairing (public) and what a paired device does before anyone signs in. */
export function deviceRoutes(
  _deps: TenantModuleDeps & {
    devices: DeviceAuthenticator;
    limiters: { perIp: RateLimiter; perEmail: RateLimiter };
  },
): Router {
  return Router();
}
