import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';

export function staffRoutes(_deps: TenantModuleDeps): Router {
  return Router();
}
