import { Router } from 'express';
import type { PgBoss } from 'pg-boss';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { branchLogRoutes } from '../modules/branch-log/branch-log.routes.ts';
import { branchRoutes } from '../modules/branches/branches.routes.ts';
import { cashRoutes } from '../modules/cash/cash.routes.ts';
import { customersRoutes } from '../modules/customers/customers.routes.ts';
import { devicesRoutes } from '../modules/devices/devices.routes.ts';
import { kitchenRoutes } from '../modules/kitchen/kitchen.routes.ts';
import { membersRoutes } from '../modules/members/members.routes.ts';
import { ordersRoutes } from '../modules/orders/orders.routes.ts';
import { salesRoutes } from '../modules/sales/sales.routes.ts';
import { staffRoutes } from '../modules/staff/staff.routes.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import { menuRoutes } from '../modules/menu/menu.routes.ts';
import { planRoutes } from '../modules/plans/plans.routes.ts';
import { setupRoutes } from '../modules/setup/setup.routes.ts';
import { tenantRoutes } from '../modules/tenants/tenants.routes.ts';

/** What the tenant feature routers need from the running app. */
export interface TenantModuleDeps {
  clock: Clock;
  logger: Logger;
  /** Publishes after commit: device revocations and staff sign-outs reach their sockets. */
  broadcaster: Broadcaster;
  /** The job queue: e-mails (invitations) are sent by a job, never inside a request. */
  boss: PgBoss;
  /** The public address for links sent out (`PUBLIC_URL`); else the request's own origin. */
  publicUrl: string | undefined;
}

/**
 * Everything under `/api/tenant`. Mounted behind `tenantContext` (who acts — an e-mail user, a
 * staff member on a paired device or a kitchen kiosk — and the tenant database in the request
 * context) and `requireWritableTenant` (trial lock). Every route names its permission: `can()`.
 */
export function tenantRouter(deps: TenantModuleDeps): Router {
  const router = Router();
  router.use('/setup', setupRoutes(deps));
  router.use('/plan', planRoutes(deps));
  router.use('/menu', menuRoutes(deps));
  router.use('/staff', staffRoutes(deps));
  router.use('/devices', devicesRoutes(deps));
  router.use('/', membersRoutes(deps));
  router.use('/audit', auditRoutes(deps));
  router.use('/', branchRoutes(deps));
  router.use('/', branchLogRoutes(deps));
  router.use('/', ordersRoutes(deps));
  router.use('/', kitchenRoutes(deps));
  router.use('/', cashRoutes(deps));
  router.use('/', salesRoutes(deps));
  router.use('/customers', customersRoutes(deps));
  router.use('/', tenantRoutes(deps));
  return router;
}
