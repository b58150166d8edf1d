import { CatchUpQuery, type BranchStream, type Permission } from '@smartket/shared';
import { Router } from 'express';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { assertReachesBranch } from '../auth/actor.ts';
import { findBranch } from '../branches/branches.service.ts';
import { readEventsAfter } from './branch-log.service.ts';

const STREAM_PERMISSION: Record<BranchStream, Permission> = {
  floor: 'orders.view',
  kitchen: 'kitchen.view',
};

/**
 * Catch-up: `GET /api/tenant/branches/:id/{floor,kitchen}/events?after=N`. A client that was
 * disconnected sends the last sequence it applied and gets what it missed, in order.
 */
export function branchLogRoutes(_deps: TenantModuleDeps): Router {
  const router = Router();
  for (const stream of ['floor', 'kitchen'] as const) {
    router.get(
      `/branches/:id/${stream}/events`,
      can(STREAM_PERMISSION[stream]),
      validate(CatchUpQuery, 'query'),
      async (req, res) => {
        const { em, actor } = tenantScope(res);
        const branchId = pathId(req, 'id');
        assertReachesBranch(actor, branchId);
        await findBranch(em, branchId);
        res.json(await readEventsAfter(em, branchId, stream, inputOf(res, CatchUpQuery).after));
      },
    );
  }
  return router;
}
