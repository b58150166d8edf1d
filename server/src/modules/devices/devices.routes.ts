import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';

export function devicesRoutes(_deps: TenantModuleDeps): Router {
  return Router();
}
