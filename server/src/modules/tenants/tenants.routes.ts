import type { CurrentTenantView } from '@smartket/shared';
import { Router } from 'express';
import type { RequestHandler } from 'express';
import { anyActor } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import type { Clock } from '../../lib/clock.ts';
import { actorPermissions, presentActor } from '../auth/actor.ts';
import { presentTenant } from '../auth/auth.presenter.ts';
import { readBusinessProfile } from '../settings/settings.service.ts';

/** Routes of the tenant the request acts in, for every actor; mounted behind `tenantContext`. */
export function tenantRoutes(deps: { clock: Clock }): Router {
  const router = Router();

  const current: RequestHandler = async (_req, res) => {
    const { tenant, actor, em } = tenantScope(res);
    const profile = await readBusinessProfile(em);
    const view: CurrentTenantView = {
      tenant: presentTenant(tenant, deps.clock.now()),
      role: actor.role,
      actor: presentActor(actor),
      permissions: actorPermissions(actor),
      profile: profile ?? {
        businessName: tenant.businessName,
        lineOfBusiness: tenant.lineOfBusiness ?? null,
      },
    };
    res.json(view);
  };
  router.get('/', anyActor(), current);

  return router;
}
