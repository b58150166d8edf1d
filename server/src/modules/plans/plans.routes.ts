import { isTrialExpired, trialDaysLeft, type PlanView } from '@smartket/shared';
import { Router, type RequestHandler } from 'express';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import type { Clock } from '../../lib/clock.ts';
import { presentTenant } from '../auth/auth.presenter.ts';
import { Branch } from '../branches/branch.entity.ts';
import { Product } from '../menu/product.entity.ts';
import { planOf } from './plans.policy.ts';

/** `GET /api/tenant/plan`: the plan, its limits and what the tenant uses of them. */
export function planRoutes(deps: { clock: Clock }): Router {
  const router = Router();

  const show: RequestHandler = async (_req, res) => {
    const { tenant, em } = tenantScope(res);
    const definition = planOf(tenant);
    const now = deps.clock.now();
    const [branches, products] = await Promise.all([
      em.count(Branch, { active: true }),
      em.count(Product, { active: true }),
    ]);
    const view: PlanView = {
      plan: tenant.plan,
      limits: definition.limits,
      modules: presentTenant(tenant, now).activeModules,
      usage: { branches, products },
      trialEndsAt: tenant.trialEndsAt?.toISOString() ?? null,
      trialDaysLeft: trialDaysLeft(tenant.plan, tenant.trialEndsAt ?? null, now),
      readOnly: isTrialExpired(tenant.plan, tenant.trialEndsAt ?? null, now),
    };
    res.json(view);
  };
  router.get('/', can('plan.view'), show);

  return router;
}
