import type { MeView, TenantView, UserView } from '@smartket/shared';
import type { Membership } from '../tenants/membership.entity.ts';
import type { Tenant } from '../tenants/tenant.entity.ts';
import type { User } from './user.entity.ts';

export function presentUser(user: User): UserView {
  return { id: user.id, email: user.email, createdAt: user.createdAt.toISOString() };
}

export function presentTenant(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    slug: tenant.slug,
    businessName: tenant.businessName,
    lineOfBusiness: tenant.lineOfBusiness ?? null,
    plan: tenant.plan,
    status: tenant.status,
    trialEndsAt: tenant.trialEndsAt ? tenant.trialEndsAt.toISOString() : null,
    setupComplete: tenant.setupComplete,
  };
}

/** `memberships` must have their tenant loaded. */
export function presentMe(user: User, memberships: Membership[], activeTenantId: string | null): MeView {
  return {
    user: presentUser(user),
    memberships: memberships.map((membership) => ({
      role: membership.role,
      tenant: presentTenant(membership.tenant.getEntity()),
    })),
    activeTenantId,
  };
}
