import type { EntityManager } from '@mikro-orm/core';
import { PLAN_DEFINITIONS, TRIAL_DAYS, trialEndFrom, type Plan } from '@smartket/shared';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { Tenant } from '../tenants/tenant.entity.ts';

export interface PlanChange {
  slug: string;
  plan: Plan;
  trialEndsAt: Date | null;
  modules: readonly string[];
}

/**
 * Puts a tenant on `plan` (an operator's act until online payment exists). A paid plan clears
 * the trial end; `trial` with `trialDays` restarts or shortens the trial (0 ends it now).
 * Takes effect on the tenant's next request.
 */
export async function changePlan(
  adminEm: EntityManager,
  clock: Clock,
  request: { slug: string; plan: Plan; trialDays?: number },
): Promise<PlanChange> {
  const tenant = await adminEm.findOne(Tenant, { slug: request.slug });
  if (!tenant) {
    throw new AppError('NOT_FOUND', 404, `No tenant with slug ${request.slug}`);
  }
  tenant.plan = request.plan;
  tenant.activeModules = [...PLAN_DEFINITIONS[request.plan].modules];
  if (request.plan === 'trial') {
    tenant.trialEndsAt = trialEndFrom(clock.now(), request.trialDays ?? TRIAL_DAYS);
  } else {
    tenant.trialEndsAt = null;
  }
  await adminEm.flush();
  return {
    slug: tenant.slug,
    plan: tenant.plan,
    trialEndsAt: tenant.trialEndsAt,
    modules: tenant.activeModules,
  };
}
