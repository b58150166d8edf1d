import {
  MODULES,
  isTrialExpired,
  type Module,
  trialDaysLeft,
  type MeView,
  type TenantView,
  type UserView,
} from '@smartket/shared';
import type { Membership } from '../tenants/membership.entity.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import type { User } from './user.entity.ts';

/** The account itself: never its password hash. */
export function presentUser(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** `now` comes from the injected clock: the trial's state is the server's to decide. */
export function presentTenant(tenant: Tenant, now: Date): TenantView {
  return {
    id: tenant.id,
    slug: tenant.slug,
    businessName: tenant.businessName,
    lineOfBusiness: tenant.lineOfBusiness ?? null,
    plan: tenant.plan,
    status: tenant.status,
    trialEndsAt: tenant.trialEndsAt ? tenant.trialEndsAt.toISOString() : null,
    trialDaysLeft: trialDaysLeft(tenant.plan, tenant.trialEndsAt ?? null, now),
    readOnly: isTrialExpired(tenant.plan, tenant.trialEndsAt ?? null, now),
    activeModules: tenant.activeModules.filter(isModule),
    setupComplete: tenant.setupComplete,
  };
}

/** `memberships` must have their tenant loaded. */
export function presentMe(
  user: User,
  memberships: Membership[],
  activeTenantId: string | null,
  now: Date,
): MeView {
  return {
    user: presentUser(user),
    memberships: memberships.map((membership) => ({
      role: membership.role,
      tenant: presentTenant(membership.tenant.getEntity(), now),
    })),
    activeTenantId,
  };
}

function isModule(name: string): name is Module {
  return (MODULES as readonly string[]).includes(name);
}
