import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';

export function auditRoutes(_deps: TenantModuleDeps): Router {
  return Router();
}
