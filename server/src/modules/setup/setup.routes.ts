import { FiscalInput, SetupBranchInput, SetupCashRegisterInput } from '@smartket/shared';
import { Router } from 'express';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { EmptyBody, inputOf, validate } from '../../http/middleware/validate.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { presentSetup } from './setup.presenter.ts';
import {
  completeSetup,
  readSetup,
  saveBranchStep,
  saveCashRegisterStep,
  saveFiscalStep,
} from './setup.service.ts';

/**
 * `/api/tenant/setup`: the resumable setup wizard. Every answer is the whole saved state, so any
 * device the owner signs in on resumes at the same step.
 */
export function setupRoutes(_deps: TenantModuleDeps): Router {
  const router = Router();

  router.get('/', can('branches.manage'), async (_req, res) => {
    const { em, tenant } = tenantScope(res);
    res.json(presentSetup(await readSetup(em, tenant)));
  });

  router.put('/fiscal', can('settings.edit'), validate(FiscalInput), async (_req, res) => {
    const { em, tenant } = tenantScope(res);
    res.json(presentSetup(await saveFiscalStep(em, tenant, inputOf(res, FiscalInput))));
  });

  router.put('/branch', can('settings.edit'), validate(SetupBranchInput), async (_req, res) => {
    const { em, tenant } = tenantScope(res);
    res.json(presentSetup(await saveBranchStep(em, tenant, inputOf(res, SetupBranchInput))));
  });

  router.put('/cash-register', can('settings.edit'), validate(SetupCashRegisterInput), async (_req, res) => {
    const { em, tenant } = tenantScope(res);
    res.json(presentSetup(await saveCashRegisterStep(em, tenant, inputOf(res, SetupCashRegisterInput))));
  });

  router.post('/complete', can('settings.edit'), validate(EmptyBody), async (_req, res) => {
    const { em, tenant } = tenantScope(res);
    res.json(presentSetup(await completeSetup(em, res.locals.adminEm, tenant)));
  });

  return router;
}
