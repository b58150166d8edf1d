import { Router } from 'express';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { branchRoutes } from '../modules/branches/branches.routes.ts';
import { menuRoutes } from '../modules/menu/menu.routes.ts';
import { planRoutes } from '../modules/plans/plans.routes.ts';
import { setupRoutes } from '../modules/setup/setup.routes.ts';
import { tenantRoutes } from '../modules/tenants/tenants.routes.ts';

/** What the tenant feature routers need from the running app. */
export interface TenantModuleDeps {
  clock: Clock;
  logger: Logger;
}

/**
 * Everything under `/api/tenant`. Mounted behind `requireSession`, `tenantContext` (tenant from
 * the session, its database in the request context) and `requireWritableTenant` (trial lock).
 */
export function tenantRouter(deps: TenantModuleDeps): Router {
  const router = Router();
  router.use('/setup', setupRoutes(deps));
  router.use('/plan', planRoutes(deps));
  router.use('/menu', menuRoutes(deps));
  router.use('/', branchRoutes(deps));
  router.use('/', tenantRoutes(deps));
  return router;
}
