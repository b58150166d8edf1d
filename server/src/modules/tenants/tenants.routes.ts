import type { CurrentTenantView } from '@smartket/shared';
import { Router } from 'express';
import type { RequestHandler } from 'express';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import type { Clock } from '../../lib/clock.ts';
import { presentTenant } from '../auth/auth.presenter.ts';
import { readBusinessProfile } from '../settings/settings.service.ts';

/** Routes of the tenant the request acts in; mounted behind `requireSession` and `tenantContext`. */
export function tenantRoutes(deps: { clock: Clock }): Router {
  const router = Router();

  const current: RequestHandler = async (_req, res) => {
    const { tenant, membership, em } = tenantScope(res);
    const profile = await readBusinessProfile(em);
    const view: CurrentTenantView = {
      tenant: presentTenant(tenant, deps.clock.now()),
      role: membership.role,
      profile: profile ?? {
        businessName: tenant.businessName,
        lineOfBusiness: tenant.lineOfBusiness ?? null,
      },
    };
    res.json(view);
  };
  router.get('/', current);

  return router;
}
