import { KitchenTimingPatch, TicketAdvanceInput } from '@smartket/shared';
import { Router, type Response } from 'express';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { EmptyBody, inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { assertReachesBranch } from '../auth/actor.ts';
import { publishBranchEvents } from '../branch-log/branch-log.events.ts';
import { loadBoard } from './board.service.ts';
import {
  advanceTicket,
  loadKitchenSnapshot,
  recallBumpedTicket,
  updateKitchenTiming,
  type TicketChange,
} from './kitchen.service.ts';

/**
 * The kitchen display and the owner's board, mounted at `/api/tenant`. A kitchen screen or a
 * cook reaches only its own branch: another branch's ticket is a 404, like an unknown one.
 */
export function kitchenRoutes(deps: TenantModuleDeps): Router {
  const router = Router();

  /** Sends the change's events to the branch's rooms — its transaction has committed. */
  const answer = (res: Response, change: TicketChange): void => {
    publishBranchEvents(deps.broadcaster, tenantScope(res).tenant.id, change.events);
    res.json(change.ticket);
  };

  router.get('/branches/:id/kitchen', can('kitchen.view'), async (req, res) => {
    const { em, actor } = tenantScope(res);
    const branchId = pathId(req, 'id');
    assertReachesBranch(actor, branchId);
    res.json(await loadKitchenSnapshot(em, branchId, deps.clock.now()));
  });

  router.post('/tickets/:id/advance', can('kitchen.view'), validate(TicketAdvanceInput), async (req, res) => {
    const { em, actor } = tenantScope(res);
    const input = inputOf(res, TicketAdvanceInput);
    answer(res, await advanceTicket(em, actor, pathId(req, 'id'), input, deps.clock.now()));
  });

  router.post('/tickets/:id/recall', can('kitchen.view'), validate(EmptyBody), async (req, res) => {
    const { em, actor } = tenantScope(res);
    answer(res, await recallBumpedTicket(em, actor, pathId(req, 'id'), deps.clock.now()));
  });

  router.patch(
    '/branches/:id/kitchen-timing',
    can('branches.manage'),
    validate(KitchenTimingPatch),
    async (req, res) => {
      const { em, actor } = tenantScope(res);
      const branchId = pathId(req, 'id');
      assertReachesBranch(actor, branchId);
      const change = await updateKitchenTiming(
        em,
        branchId,
        inputOf(res, KitchenTimingPatch),
        deps.clock.now(),
      );
      publishBranchEvents(deps.broadcaster, tenantScope(res).tenant.id, change.events);
      res.json(change.timing);
    },
  );

  router.get('/branches/:id/board', can('reports.view'), async (req, res) => {
    const { em, actor } = tenantScope(res);
    const branchId = pathId(req, 'id');
    assertReachesBranch(actor, branchId);
    res.json(await loadBoard(em, branchId, deps.clock.now()));
  });

  return router;
}
