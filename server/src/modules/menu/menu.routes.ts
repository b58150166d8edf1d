import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';

/** `/api/tenant/menu`: categories, products, option groups, spreadsheet import and export. */
export function menuRoutes(_deps: TenantModuleDeps): Router {
  const router = Router();
  return router;
}
