import { RequestContext } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import type { NextFunction, Request, Response } from 'express';
import type { TenantOrmRegistry } from '../../db/tenant-orm.registry.ts';
import { AppError, unauthenticated } from '../../lib/errors.ts';
import { Membership } from '../../modules/tenants/membership.entity.ts';
import type { Tenant } from '../../modules/tenants/tenant.entity.ts';
import type { TenantDatabaseLocator } from '../../modules/tenants/tenant-database.ts';

/**
 * Resolves the tenant of a request — the `{slug}.APP_DOMAIN` sub-domain when there is one,
 * else the session's active tenant — checks the user's membership on the server, and runs the
 * rest of the request inside that tenant's database context. The tenant never comes from the
 * body or the query.
 */
export function tenantContext(deps: {
  registry: TenantOrmRegistry;
  locator: TenantDatabaseLocator;
  appDomain: string | undefined;
}) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { session, adminEm } = res.locals;
    if (!session) {
      next(unauthenticated());
      return;
    }
    const slug = subdomainSlug(req.get('host'), deps.appDomain);
    const tenantFilter = slug ? { slug } : session.activeTenant ? { id: session.activeTenant.id } : undefined;
    if (!tenantFilter) {
      next(new AppError('NO_ACTIVE_TENANT', 409, 'Choose a business first'));
      return;
    }
    const membership = await adminEm.findOne(
      Membership,
      { user: session.user.id, tenant: { ...tenantFilter, status: 'active' } },
      { populate: ['tenant', 'tenant.databasePasswordSealed'] },
    );
    if (!membership) {
      // Same answer whether the tenant exists or not: no probing of other businesses.
      next(new AppError('NOT_FOUND', 404, 'Business not found'));
      return;
    }
    const tenant = membership.tenant.getEntity();
    const lease = await deps.registry.lease(deps.locator.locate(tenant));
    res.once('close', () => lease.release());
    res.locals.tenant = tenant;
    res.locals.membership = membership;
    res.locals.tenantEm = lease.em;
    RequestContext.create(lease.em, next);
  };
}

/** `pio` for `pio.smartket.pe` when APP_DOMAIN is `smartket.pe`; undefined otherwise. */
export function subdomainSlug(host: string | undefined, appDomain: string | undefined): string | undefined {
  if (!host || !appDomain) {
    return undefined;
  }
  const hostname = host.toLowerCase();
  const suffix = `.${appDomain.toLowerCase()}`;
  if (!hostname.endsWith(suffix)) {
    return undefined;
  }
  const slug = hostname.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(slug) && slug !== 'www' && slug !== 'app' ? slug : undefined;
}

export interface TenantScope {
  tenant: Tenant;
  membership: Membership;
  /** The tenant database EntityManager of this request. */
  em: EntityManager;
}

/** What `tenantContext` resolved for this request; for handlers mounted behind it. */
export function tenantScope(res: Response): TenantScope {
  const { tenant, membership, tenantEm } = res.locals;
  if (!tenant || !membership || !tenantEm) {
    throw new AppError('NO_ACTIVE_TENANT', 409, 'Choose a business first');
  }
  return { tenant, membership, em: tenantEm };
}
