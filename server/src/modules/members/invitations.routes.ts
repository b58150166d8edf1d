import type { MikroORM } from '@mikro-orm/postgresql';
import { Router } from 'express';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { SessionService } from '../auth/session.service.ts';

/** `/api/invitations/:token`: public preview and acceptance of an invitation link. */
export function invitationRoutes(
  _deps: TenantModuleDeps & { adminOrm: MikroORM; auth: AuthService; sessions: SessionService },
): Router {
  return Router();
}
