import {
  CashCloseInput,
  CashMovementInput,
  CashSessionListQuery,
  CashSessionOpenInput,
} from '@smartket/shared';
import { Router, type Response } from 'express';
import { can, canAny } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import {
  closeSession,
  listRegisterStates,
  listSessions,
  loadReport,
  loadSession,
  openSession,
  recordMovement,
  type CashContext,
} from './cash.service.ts';

/**
 * Cash register sessions, mounted at `/api/tenant`: open a register with a float, move cash in
 * and out, close it with the cash counted, read the closing report. Another branch's session is
 * a 404 for a cashier signed in at a branch.
 */
export function cashRoutes(deps: TenantModuleDeps): Router {
  const router = Router();

  const contextOf = (res: Response): CashContext => {
    const { em, actor } = tenantScope(res);
    return { em, actor, now: deps.clock.now() };
  };

  router.get('/branches/:id/cash-registers/current', can('payments.charge'), async (req, res) => {
    const { em, actor } = tenantScope(res);
    res.json(await listRegisterStates(em, actor, pathId(req, 'id')));
  });

  router.get(
    '/branches/:id/cash-sessions',
    canAny('reports.view', 'cash.close'),
    validate(CashSessionListQuery, 'query'),
    async (req, res) => {
      const { em, actor } = tenantScope(res);
      res.json(await listSessions(em, actor, pathId(req, 'id'), inputOf(res, CashSessionListQuery)));
    },
  );

  router.post('/cash-sessions', can('cash.open'), validate(CashSessionOpenInput), async (_req, res) => {
    const opened = await openSession(contextOf(res), inputOf(res, CashSessionOpenInput));
    res.status(opened.created ? 201 : 200).json(opened.view);
  });

  router.get('/cash-sessions/:id', can('payments.charge'), async (req, res) => {
    const { em, actor } = tenantScope(res);
    res.json(await loadSession(em, actor, pathId(req, 'id')));
  });

  router.post(
    '/cash-sessions/:id/movements',
    can('payments.charge'),
    validate(CashMovementInput),
    async (req, res) => {
      const recorded = await recordMovement(
        contextOf(res),
        pathId(req, 'id'),
        inputOf(res, CashMovementInput),
      );
      res.status(recorded.created ? 201 : 200).json(recorded.view);
    },
  );

  router.post('/cash-sessions/:id/close', can('cash.close'), validate(CashCloseInput), async (req, res) => {
    res.json(await closeSession(contextOf(res), pathId(req, 'id'), inputOf(res, CashCloseInput)));
  });

  router.get('/cash-sessions/:id/report', canAny('cash.close', 'reports.view'), async (req, res) => {
    const { em, actor } = tenantScope(res);
    res.json(await loadReport(em, actor, pathId(req, 'id')));
  });

  return router;
}
