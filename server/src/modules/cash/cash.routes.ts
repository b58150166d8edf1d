import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';

/** Cash register sessions, mounted at `/api/tenant`. */
export function cashRoutes(_deps: TenantModuleDeps): Router {
  return Router();
}
