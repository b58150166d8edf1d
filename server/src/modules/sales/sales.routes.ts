import { ChargeInput, SalesQuery, SaleVoidInput } from '@smartket/shared';
import { Router, type Response } from 'express';
import { can, canAny } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { publishBranchEvents } from '../branch-log/branch-log.events.ts';
import {
  chargeOrder,
  listBranchSales,
  loadCheckout,
  loadSale,
  voidSale,
  type SaleChange,
  type SalesContext,
} from './sales.service.ts';

/**
 * Charging orders and their sales, mounted at `/api/tenant`: the checkout of an order, a charge
 * (one part of the bill, its receipt numbered in the branch's series), a sale to print or void,
 * and a branch's sales of a day. A charge or a void is logged in the branch's event log inside
 * its transaction and broadcast once it committed.
 */
export function salesRoutes(deps: TenantModuleDeps): Router {
  const router = Router();

  const contextOf = (res: Response): SalesContext => {
    const { em, actor, tenant } = tenantScope(res);
    return { em, actor, tenant, now: deps.clock.now() };
  };

  /** Broadcasts the committed change's events and answers the sale (201 when a charge made it). */
  const answer = (res: Response, change: SaleChange, createdStatus = 200): void => {
    publishBranchEvents(deps.broadcaster, tenantScope(res).tenant.id, change.events);
    res.status(change.created ? createdStatus : 200).json(change.sale);
  };

  router.get('/orders/:id/checkout', can('payments.charge'), async (req, res) => {
    res.json(await loadCheckout(contextOf(res), pathId(req, 'id')));
  });

  router.post('/orders/:id/charges', can('payments.charge'), validate(ChargeInput), async (req, res) => {
    answer(res, await chargeOrder(contextOf(res), pathId(req, 'id'), inputOf(res, ChargeInput)), 201);
  });

  router.get('/sales/:id', can('payments.charge'), async (req, res) => {
    res.json(await loadSale(contextOf(res), pathId(req, 'id')));
  });

  router.post('/sales/:id/void', can('sales.void'), validate(SaleVoidInput), async (req, res) => {
    answer(res, await voidSale(contextOf(res), pathId(req, 'id'), inputOf(res, SaleVoidInput)));
  });

  // The day's sales: the cashier's "Ventas del día" (a reprint, a void to charge again) and the
  // owner's reports. A cashier of one branch reads only that branch's.
  router.get(
    '/branches/:id/sales',
    canAny('payments.charge', 'reports.view'),
    validate(SalesQuery, 'query'),
    async (req, res) => {
      const { day } = inputOf(res, SalesQuery);
      res.json(await listBranchSales(contextOf(res), pathId(req, 'id'), day));
    },
  );

  return router;
}
