import type { EntityManager } from '@mikro-orm/core';
import type { Session } from '../modules/auth/session.entity.ts';
import type { User } from '../modules/auth/user.entity.ts';
import type { Membership } from '../modules/tenants/membership.entity.ts';
import type { Tenant } from '../modules/tenants/tenant.entity.ts';

declare global {
  namespace Express {
    interface Locals {
      /** Admin database EntityManager of this request. */
      adminEm: EntityManager;
      /** Set by `loadSession` when the cookie names a valid session. */
      session?: Session;
      user?: User;
      /** Set by `tenantContext`: the tenant this request acts in, checked against membership. */
      tenant?: Tenant;
      membership?: Membership;
      tenantEm?: EntityManager;
      input?: unknown;
    }
  }
}

export {};
