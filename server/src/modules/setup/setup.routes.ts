import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';

/** `/api/tenant/setup`: the resumable setup wizard. */
export function setupRoutes(_deps: TenantModuleDeps): Router {
  const router = Router();
  return router;
}
