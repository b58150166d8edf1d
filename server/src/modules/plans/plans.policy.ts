import {
  isTrialExpired,
  PLAN_DEFINITIONS,
  type Module,
  type Plan,
  type PlanDefinition,
  type PlanLimit,
} from '@smartket/shared';
import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';

/** The definition of the tenant's plan (shared/plans.ts). */
export function planOf(tenant: Tenant): PlanDefinition {
  // MikroORM brands defaulted columns as `Opt<…>`; the value is a plain plan name.
  return PLAN_DEFINITIONS[tenant.plan as Plan];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A tenant whose trial has ended is read-only: reads go on, every write answers 402
 * `TRIAL_EXPIRED` and nothing is deleted. Mounted behind `tenantContext`, which re-reads the
 * tenant on every request, so activating a plan unlocks at once.
 */
export function requireWritableTenant(clock: Clock) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const tenant = res.locals.tenant;
    if (!tenant) {
      next(new AppError('NO_ACTIVE_TENANT', 409, 'Choose a business first'));
      return;
    }
    if (isTrialExpired(tenant.plan, tenant.trialEndsAt ?? null, clock.now())) {
      next(
        new AppError('TRIAL_EXPIRED', 402, 'The free trial has ended: choose a plan to keep making changes', {
          details: { trialEndedAt: tenant.trialEndsAt?.toISOString() ?? null },
        }),
      );
      return;
    }
    next();
  };
}

/**
 * Refuses to go past a plan limit: `current` active records plus `adding` must fit. The error
 * names the limit and the maximum so the owner knows what to change or which plan to choose.
 */
export function assertWithinPlanLimit(tenant: Tenant, limit: PlanLimit, current: number, adding = 1): void {
  const max = planOf(tenant).limits[limit];
  if (current + adding > max) {
    throw new AppError('PLAN_LIMIT_REACHED', 403, `The ${tenant.plan} plan allows ${max} ${limit}`, {
      details: { limit, max, plan: tenant.plan, current },
    });
  }
}

/** Refuses a route whose module the tenant's plan does not include. */
export function requireModule(module: Module) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const tenant = res.locals.tenant;
    if (!tenant?.activeModules.includes(module)) {
      next(
        new AppError('MODULE_NOT_IN_PLAN', 403, `The module ${module} is not in this plan`, {
          details: { module },
        }),
      );
      return;
    }
    next();
  };
}
