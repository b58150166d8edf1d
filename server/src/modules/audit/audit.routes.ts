import { AuditQuery } from '@smartket/shared';
import { Router } from 'express';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { inputOf, validate } from '../../http/middleware/validate.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { presentAuditPage } from './audit.presenter.ts';
import { findAuditPage } from './audit.repository.ts';

/** `/api/tenant/audit`: the owner reads who did what, newest first. */
export function auditRoutes(_deps: TenantModuleDeps): Router {
  const router = Router();

  router.get('/', can('audit.view'), validate(AuditQuery, 'query'), async (_req, res) => {
    const page = await findAuditPage(tenantScope(res).em, inputOf(res, AuditQuery));
    res.json(presentAuditPage(page));
  });

  return router;
}
