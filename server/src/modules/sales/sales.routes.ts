import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';

/** Charging orders and their sales, mounted at `/api/tenant`. */
export function salesRoutes(_deps: TenantModuleDeps): Router {
  return Router();
}
