import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';

/** The business's customers, mounted at `/api/tenant/customers`. */
export function customersRoutes(_deps: TenantModuleDeps): Router {
  return Router();
}
