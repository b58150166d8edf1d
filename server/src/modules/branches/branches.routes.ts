import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';

/** Branches, zones, tables, cash registers and kitchen stations. */
export function branchRoutes(_deps: TenantModuleDeps): Router {
  const router = Router();
  return router;
}
